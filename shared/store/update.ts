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
  let i = 0;
  for (const [name, value] of Object.entries(fields)) {
    const n = `#a${i}`;
    const v = `:a${i}`;
    i += 1;
    names[n] = name;
    if (value === undefined) {
      removes.push(n);
      continue;
    }
    values[v] = value;
    sets.push(`${n} = ${v}`);
  }
  for (const [name, value] of Object.entries(options.setIfMissing ?? {})) {
    const n = `#a${i}`;
    const v = `:a${i}`;
    i += 1;
    names[n] = name;
    values[v] = value;
    sets.push(`${n} = if_not_exists(${n}, ${v})`);
  }
  for (const [name, items] of Object.entries(options.append ?? {})) {
    const n = `#a${i}`;
    const v = `:a${i}`;
    i += 1;
    names[n] = name;
    values[v] = items;
    values[':empty'] = [];
    sets.push(`${n} = list_append(if_not_exists(${n}, :empty), ${v})`);
  }
  const conditions: string[] = [];
  for (const [name, value] of Object.entries(options.expected ?? {})) {
    const n = `#a${i}`;
    const v = `:a${i}`;
    i += 1;
    names[n] = name;
    values[v] = value;
    conditions.push(`${n} = ${v}`);
  }
  for (const name of options.remove ?? []) {
    const n = `#a${i}`;
    i += 1;
    names[n] = name;
    removes.push(n);
  }
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
