/**
 * Items come back from DynamoDB as untyped attribute maps. Each is read through a shape (one
 * reader per field) instead of a cast: a cheap check of each attribute's type, with the defaults
 * older items need. No zod here: the public read function parses every item it serves and must
 * stay lean.
 */
const INVALID = Symbol('invalid');
type Invalid = typeof INVALID;

/** Reads one attribute; returns INVALID when it does not have the expected type. */
export type Read<T> = (value: unknown) => T | Invalid;

/** One reader per field of T, no more, no fewer: a field added to the schema fails to compile here. */
export type Shape<T> = { readonly [K in keyof T]-?: Read<T[K]> };

export type Item = Record<string, unknown>;

export const text: Read<string> = (v) => (typeof v === 'string' ? v : INVALID);
export const whole: Read<number> = (v) => (typeof v === 'number' ? v : INVALID);
/** Counts kept by another writer may not exist yet. */
export const count: Read<number> = (v) => (v === undefined ? 0 : whole(v));
/** Flags are stored only as booleans; anything else reads as false. */
export const flag: Read<boolean> = (v) => v === true;
export const nullableText: Read<string | null> = (v) => (v === undefined || v === null ? null : text(v));
export const optionalText: Read<string | undefined> = (v) => (v === undefined ? undefined : text(v));

export const oneOf =
  <T extends string>(values: readonly T[]): Read<T> =>
  (v) =>
    values.includes(v as T) ? (v as T) : INVALID;

/** One of the values, or the fallback on items stored before the field existed. */
export const oneOfOr =
  <T extends string>(values: readonly T[], fallback: T): Read<T> =>
  (v) =>
    v === undefined ? fallback : oneOf(values)(v);

export const nullableOneOf =
  <T extends string>(values: readonly T[]): Read<T | null> =>
  (v) =>
    v === undefined || v === null ? null : oneOf(values)(v);

/** An array whose elements were validated on the way in; only its being an array is checked. */
export const list =
  <T>(): Read<T[]> =>
  (v) =>
    Array.isArray(v) ? (v as T[]) : INVALID;

export const listOrEmpty =
  <T>(): Read<T[]> =>
  (v) =>
    v === undefined ? [] : list<T>()(v);

/** A map validated on the way in (a source, say), or null. */
export const nullableRecord =
  <T>(): Read<T | null> =>
  (v) =>
    v === undefined || v === null ? null : typeof v === 'object' && !Array.isArray(v) ? (v as T) : INVALID;

/** A map validated on the way in, or absent. */
export const optionalRecord =
  <T>(): Read<T | undefined> =>
  (v) =>
    v === undefined
      ? undefined
      : typeof v === 'object' && v !== null && !Array.isArray(v)
        ? (v as T)
        : INVALID;

export const nested =
  <T>(shape: Shape<T>, what: string): Read<T> =>
  (v) =>
    typeof v === 'object' && v !== null ? reader(shape, what)(v as Item) : INVALID;

/** A parser for items of one shape. An item that does not fit is a bug or corruption: it throws. */
export function reader<T>(shape: Shape<T>, what: string): (item: Item) => T {
  const entries = Object.entries(shape) as [string, Read<unknown>][];
  return (item) => {
    const out: Record<string, unknown> = {};
    for (const [field, read] of entries) {
      const value = read(item[field]);
      if (value === INVALID) throw new Error(`A stored ${what} has an invalid ${field}`);
      // An optional field that is absent stays absent, as it was before it was stored.
      if (value !== undefined) out[field] = value;
    }
    return out as T;
  };
}

/** The field names of a shape, in its order. */
export const fieldsOf = <T>(shape: Shape<T>) => Object.keys(shape) as (keyof T & string)[];

/** The same fields in the same order, for building one shape from another. */
export function omit<T, K extends keyof T>(shape: Shape<T>, fields: readonly K[]): Shape<Omit<T, K>> {
  const out: Record<string, unknown> = { ...shape };
  for (const field of fields) delete out[field as string];
  return out as Shape<Omit<T, K>>;
}

export function pick<T extends object, K extends keyof T>(source: T, fields: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const field of fields) out[field] = source[field];
  return out;
}
