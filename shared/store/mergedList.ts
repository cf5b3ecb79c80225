import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { BadRequestError } from '../errors.ts';
import type { PageKey } from './cursor.ts';
import type { IndexPartition } from './keys.ts';
import { indexKeyOf, indexQuery } from './query.ts';
import { indexOf, type TableDefinition } from './tables.ts';

/**
 * One list served from several partitions of one index, newest first: a k-way merge. Each
 * partition is read with a descending Query of `limit` + 1 entries, concurrently; the `limit` newest
 * of all of them make the page (the page's entries are necessarily among each partition's first
 * `limit`; the one more tells whether a partition has any left). The cursor records, per partition, where the next page resumes it: after the last
 * entry this page took from it, or that nothing is left in it. Partitions the page took nothing
 * from keep their previous position, so every page resumes each one exactly: no entry is repeated
 * or skipped while nothing changes between pages.
 *
 * Order: the index's sort key, newest first. Within one partition the index's own order holds (its
 * order among equal sort keys is DynamoDB's, by an internal hash of the item's key, which a client
 * cannot reproduce); between partitions, equal sort keys go in the order the partitions are given.
 *
 * The cursor (a PageKey, sealed by the caller with cursor.ts like any other) names each partition
 * by its value: `"<sort value> <table partition key> <table sort key>"` after an entry, 0 once the
 * partition is exhausted, absent while nothing was taken from it.
 */
const EXHAUSTED = 0;
const SEPARATOR = ' ';

export interface MergedPage {
  /** The table keys of the page's entries, in list order. */
  keys: { pk: string; sk: string }[];
  lastKey: PageKey | undefined;
}

type Position = string | typeof EXHAUSTED | undefined;

export async function mergedIndexPage<T extends TableDefinition>(
  db: DynamoDBDocumentClient,
  table: T,
  tableName: string,
  partitions: readonly IndexPartition<T>[],
  limit: number,
  cursor: PageKey | undefined,
): Promise<MergedPage> {
  const positions = readPositions(partitions, cursor);
  const heads = await Promise.all(
    partitions.map(async (partition) => {
      const at = positions.get(partition.value);
      if (at === EXHAUSTED) return { partition, entries: [], more: false };
      const result = await db.send(
        new QueryCommand({
          ...indexQuery(table, tableName, partition),
          ScanIndexForward: false,
          // One more than a page can take: a partition that has no more says so now, so the last
          // page ends the list instead of a next one coming back empty.
          Limit: limit + 1,
          ExclusiveStartKey: at === undefined ? undefined : startKeyOf(table, partition, at),
        }),
      );
      return { partition, entries: result.Items ?? [], more: result.LastEvaluatedKey !== undefined };
    }),
  );

  const sortKey = (partition: IndexPartition<T>) => indexOf(table, partition.index).sortKey.name;
  const taken = heads.map(() => 0);
  const page: Record<string, unknown>[] = [];
  // While a change of partition (an article's status) reaches the index, one item can be in two
  // partitions at once: it is taken from both (so both resume after it) and listed once.
  const listed = new Set<string>();
  const tableKeyOf = (entry: Record<string, unknown>) =>
    `${String(entry[table.partitionKey.name])}/${String(entry[table.sortKey.name])}`;
  while (page.length < limit) {
    let best = -1;
    let bestValue = '';
    heads.forEach((head, i) => {
      const entry = head.entries[taken[i] ?? 0];
      if (!entry) return;
      const value = String(entry[sortKey(head.partition)]);
      // Strictly newer wins: between equal values the earlier partition goes first.
      if (best < 0 || value > bestValue) {
        best = i;
        bestValue = value;
      }
    });
    const head = heads[best];
    if (!head) break;
    const index = taken[best] ?? 0;
    const entry = head.entries[index];
    if (entry && !listed.has(tableKeyOf(entry))) {
      listed.add(tableKeyOf(entry));
      page.push(entry);
    }
    taken[best] = index + 1;
  }

  const next: PageKey = {};
  let open = false;
  heads.forEach((head, i) => {
    const count = taken[i] ?? 0;
    const last = head.entries[count - 1];
    const position: Position =
      count === head.entries.length && !head.more
        ? EXHAUSTED
        : last
          ? positionOf(table, head.partition, last)
          : positions.get(head.partition.value);
    if (position === undefined) {
      open = true;
      return;
    }
    next[head.partition.value] = position;
    if (position !== EXHAUSTED) open = true;
  });
  return {
    keys: page.map((entry) => ({
      pk: String(entry[table.partitionKey.name]),
      sk: String(entry[table.sortKey.name]),
    })),
    lastKey: open ? next : undefined,
  };
}

const invalid = () => new BadRequestError('The cursor is not valid for this list; start again without it.');

/** The cursor's positions, refusing one that names anything but these partitions. */
function readPositions<T extends TableDefinition>(
  partitions: readonly IndexPartition<T>[],
  cursor: PageKey | undefined,
): Map<string, Position> {
  const positions = new Map<string, Position>();
  if (!cursor) return positions;
  const names = new Set(partitions.map((p) => p.value));
  for (const [name, position] of Object.entries(cursor)) {
    // A cursor of another shape (one sealed for the same list by an earlier release, which read
    // a single index) is a 400, never a Query DynamoDB refuses.
    if (!names.has(name)) throw invalid();
    if (position !== EXHAUSTED && (typeof position !== 'string' || !isPosition(position))) {
      throw invalid();
    }
    positions.set(name, position);
  }
  return positions;
}

const isPosition = (position: string) => {
  const parts = position.split(SEPARATOR);
  return parts.length === 3 && parts.every((part) => part.length > 0);
};

/** Where a partition resumes after an entry: its index sort value and its table key. */
function positionOf<T extends TableDefinition>(
  table: T,
  partition: IndexPartition<T>,
  entry: Record<string, unknown>,
): string {
  const parts = [
    entry[indexOf(table, partition.index).sortKey.name],
    entry[table.partitionKey.name],
    entry[table.sortKey.name],
  ].map(String);
  if (parts.some((part) => part.includes(SEPARATOR))) {
    throw new Error(`An index entry of ${table.id} has a key with a space: ${parts.join('|')}`);
  }
  return parts.join(SEPARATOR);
}

/** The ExclusiveStartKey a position stands for, as DynamoDB's own LastEvaluatedKey names it. */
function startKeyOf<T extends TableDefinition>(
  table: T,
  partition: IndexPartition<T>,
  position: string,
): PageKey {
  const [sortValue, pk, sk] = position.split(SEPARATOR);
  const index = indexOf(table, partition.index);
  return indexKeyOf(table, partition, {
    [table.partitionKey.name]: pk,
    [table.sortKey.name]: sk,
    [index.partitionKey.name]: partition.value,
    [index.sortKey.name]: sortValue,
  });
}
