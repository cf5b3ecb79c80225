/**
 * Builds an UpdateItem expression that SETs every given attribute, so a write replaces what it
 * owns and leaves attributes owned by other writers alone (`commentCount` is kept by the comment
 * side; a full Put would silently undo a count changed between our read and our write).
 */
export interface SetExpression {
  UpdateExpression: string;
  ConditionExpression?: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

export function setAll(
  fields: Record<string, unknown>,
  options: {
    setIfMissing?: Record<string, unknown>;
    /** Lists to append to, created empty if missing. */
    append?: Record<string, readonly unknown[]>;
    remove?: readonly string[];
    /** The write happens only if these attributes still have these values (optimistic locking). */
    expected?: Record<string, unknown>;
  } = {},
): SetExpression {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets: string[] = [];
  const removes: string[] = [];
  const conditions: string[] = [];
  let i = 0;
  /** Placeholders for one attribute and, if given, its value. */
  const ref = (name: string, value?: unknown) => {
    const n = `#a${i}`;
    const v = `:a${i}`;
    i += 1;
    names[n] = name;
    if (value !== undefined) values[v] = value;
    return { n, v };
  };
  for (const [name, value] of Object.entries(fields)) {
    const { n, v } = ref(name, value);
    if (value === undefined) removes.push(n);
    else sets.push(`${n} = ${v}`);
  }
  for (const [name, value] of Object.entries(options.setIfMissing ?? {})) {
    const { n, v } = ref(name, value);
    sets.push(`${n} = if_not_exists(${n}, ${v})`);
  }
  for (const [name, items] of Object.entries(options.append ?? {})) {
    const { n, v } = ref(name, items);
    values[':empty'] = [];
    sets.push(`${n} = list_append(if_not_exists(${n}, :empty), ${v})`);
  }
  for (const [name, value] of Object.entries(options.expected ?? {})) {
    const { n, v } = ref(name, value);
    conditions.push(`${n} = ${v}`);
  }
  for (const name of options.remove ?? []) removes.push(ref(name).n);
  const parts = [];
  if (sets.length) parts.push(`SET ${sets.join(', ')}`);
  if (removes.length) parts.push(`REMOVE ${removes.join(', ')}`);
  return {
    UpdateExpression: parts.join(' '),
    ...(conditions.length ? { ConditionExpression: conditions.join(' AND ') } : {}),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}
