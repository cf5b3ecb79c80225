/**
 * Write units of a TransactWriteItems as DynamoDB bills them, worked out from the items before and
 * after it. DynamoDB Local reports standalone writes correctly but sums a transaction wrongly: it
 * adds up the distinct per-item unit counts (two 1-unit items in one transaction report 2 units,
 * not 4; three report 2, not 6). DynamoDB bills each item of a transaction 2 units per KB, rounded
 * up per item, a ConditionCheck as a write of the item it checks. Index writes are counted once,
 * 1 unit per started KB of the entry: a delete and a put where an entry's key moves, one write where
 * only a projected attribute changes, none where the entry stays the same. AWS documents that a
 * committed transaction reaches its indexes afterwards, as a standard write does, and a third-party
 * emulator's measurements of real DynamoDB (nubo-db/dynoxide#188) find the doubling on table items
 * only; DynamoDB Local doubles them (see docs/performance.md).
 */
import type { TableDefinition } from '../../shared/store/tables.ts';

type Item = Record<string, unknown>;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** The stored size of a value, by DynamoDB's published rules (numbers approximated by digits). */
function valueSize(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits =
      String(value)
        .replace(/[-.]|e.*$/g, '')
        .replace(/^0+/, '').length || 1;
    return Math.ceil(digits / 2) + 1;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce((n: number, v) => n + valueSize(v), 0);
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + valueSize(v), 0);
  if (typeof value === 'object') {
    return 3 + Object.entries(value).reduce((n, [k, v]) => n + 1 + utf8(k) + valueSize(v), 0);
  }
  return 0;
}

export const itemSize = (item: Item | undefined) =>
  item
    ? Object.entries(item).reduce((n, [k, v]) => (v === undefined ? n : n + utf8(k) + valueSize(v)), 0)
    : 0;

const unitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** An item's entry in an index (its keys and projected attributes), or undefined if not in it. */
function indexEntry(
  table: TableDefinition,
  index: TableDefinition['indexes'][number],
  item: Item | undefined,
) {
  if (!item) return undefined;
  const keyNames = [table.partitionKey.name, table.sortKey.name, index.partitionKey.name, index.sortKey.name];
  if (item[index.partitionKey.name] === undefined || item[index.sortKey.name] === undefined) return undefined;
  const names = index.include ? [...keyNames, ...index.include] : Object.keys(item);
  return Object.fromEntries(names.filter((n) => item[n] !== undefined).map((n) => [n, item[n]]));
}

/** The write units of one index for an item changing from `before` to `after`. */
function indexUnits(
  table: TableDefinition,
  index: TableDefinition['indexes'][number],
  before?: Item,
  after?: Item,
) {
  const old = indexEntry(table, index, before);
  const next = indexEntry(table, index, after);
  if (!old && !next) return 0;
  if (!old) return unitsOf(itemSize(next));
  if (!next) return unitsOf(itemSize(old));
  const moved =
    old[index.partitionKey.name] !== next[index.partitionKey.name] ||
    old[index.sortKey.name] !== next[index.sortKey.name];
  if (moved) return unitsOf(itemSize(old)) + unitsOf(itemSize(next));
  return JSON.stringify(old) === JSON.stringify(next) ? 0 : unitsOf(Math.max(itemSize(old), itemSize(next)));
}

export interface TransactChange {
  table: TableDefinition;
  kind: 'Put' | 'Update' | 'Delete' | 'ConditionCheck';
  before: Item | undefined;
  after: Item | undefined;
}

/** Billed write units of a committed transaction, by table and by `table/index`. */
export function transactionUnits(changes: readonly TransactChange[]): Record<string, number> {
  const out: Record<string, number> = {};
  const add = (place: string, units: number) => {
    if (units) out[place] = (out[place] ?? 0) + units;
  };
  for (const { table, kind, before, after } of changes) {
    const bytes = kind === 'ConditionCheck' ? itemSize(before) : Math.max(itemSize(before), itemSize(after));
    add(table.id, 2 * unitsOf(bytes));
    if (kind === 'ConditionCheck') continue;
    for (const index of table.indexes)
      add(`${table.id}/${index.name}`, indexUnits(table, index, before, after));
  }
  return out;
}
