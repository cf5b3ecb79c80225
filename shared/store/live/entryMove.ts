import { type DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../query.ts';
import { TransactionRefused, transactWrite } from '../transactions.ts';
import { publicWrites } from './liveItems.ts';
import { LIVE_ITEM_TYPES, liveKeys, MOVED_MARKERS } from './liveKeys.ts';
import type { StoredCoverage, StoredEntry } from './liveModel.ts';

const strip = ({ pk: _, sk: __, type: ___, ...rest }: Record<string, unknown>) => rest;

/**
 * Moves a story's live coverage from earlier slugs to its current one (docs/live-coverage.md), the
 * way threadMove.ts moves its comments: after the publication that moved the story, in bounded,
 * idempotent steps.
 *
 * 1. The switch, one transaction: the coverage record names the new slug (on condition that it
 *    still names the old one) and remembers the old one in `movedFrom`; its public face moves;
 *    every earlier slug's lists get a marker naming the new slug (readers there get a 301), and
 *    the new slug's markers, if the story once left it, go. From then on new entries go to the new
 *    slug, and a post that read the coverage before the switch is refused (its condition names
 *    the slug), never written where the move has passed.
 * 2. Each entry of a `movedFrom` partition: one transaction puts its record and public copies
 *    under the new slug (ids, change ids and versions kept, so readers' `since` and permalinks
 *    carry over) and deletes the old ones on condition of the version it was read with. A
 *    partition found empty leaves `movedFrom`.
 *
 * At most `limit` entries per call: `left` says whether to call again (any later publication of the
 * story does). A second run moves nothing.
 */
export async function moveEntries(
  db: DynamoDBDocumentClient,
  tableName: string,
  article: { id: string; slug: string; earlier: readonly string[] },
  limit = 500,
): Promise<{ moved: number; left: boolean }> {
  let coverage = await coverageOf(db, tableName, article.id);
  if (!coverage) return { moved: 0, left: false };
  if (coverage.slug !== article.slug) coverage = await switchSlug(db, tableName, coverage, article);
  let moved = 0;
  for (const from of coverage.movedFrom ?? []) {
    if (from === coverage.slug) {
      await drained(db, tableName, article.id, from);
      continue;
    }
    const { Items = [], LastEvaluatedKey } = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': liveKeys.partition(from), ':prefix': liveKeys.recordPrefix },
        ConsistentRead: true,
        Limit: limit - moved + 1,
      }),
    );
    if (Items.length === 0) {
      await drained(db, tableName, article.id, from);
      continue;
    }
    let all = true;
    for (const item of Items) {
      if (moved >= limit) return { moved, left: true };
      if (await moveOne(db, tableName, strip(item) as unknown as StoredEntry, coverage.slug)) moved += 1;
      else all = false;
    }
    // More in this partition, or one that changed under us: the next call finds what is left.
    if (LastEvaluatedKey || !all) return { moved, left: true };
    await drained(db, tableName, article.id, from);
  }
  return { moved, left: false };
}

async function coverageOf(db: DynamoDBDocumentClient, tableName: string, articleId: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: liveKeys.coverage(articleId), ConsistentRead: true }),
  );
  return Item ? (strip(Item) as unknown as StoredCoverage) : null;
}

async function switchSlug(
  db: DynamoDBDocumentClient,
  tableName: string,
  coverage: StoredCoverage,
  article: { id: string; slug: string; earlier: readonly string[] },
): Promise<StoredCoverage> {
  const to = article.slug;
  const movedFrom = [...new Set([...(coverage.movedFrom ?? []), coverage.slug])].filter((s) => s !== to);
  const markedSlugs = [...new Set([...article.earlier, coverage.slug])].filter((s) => s !== to);
  const TableName = tableName;
  const items: TransactItem[] = [
    {
      Update: {
        TableName,
        Key: liveKeys.coverage(coverage.articleId),
        UpdateExpression: 'SET slug = :to, movedFrom = :movedFrom',
        ConditionExpression: 'slug = :from',
        ExpressionAttributeValues: { ':to': to, ':from': coverage.slug, ':movedFrom': movedFrom },
      },
    },
    {
      Put: {
        TableName,
        Item: {
          ...liveKeys.publicCoverage(to),
          type: LIVE_ITEM_TYPES.publicCoverage,
          state: coverage.state,
          startedAt: coverage.startedAt,
          endedAt: coverage.endedAt,
        },
      },
    },
    { Delete: { TableName, Key: liveKeys.publicCoverage(coverage.slug) } },
    ...MOVED_MARKERS.map((list) => ({ Delete: { TableName, Key: liveKeys.moved(to, list) } })),
    ...markedSlugs.flatMap((slug) =>
      MOVED_MARKERS.map((list) => ({
        Put: {
          TableName,
          Item: { ...liveKeys.moved(slug, list), type: LIVE_ITEM_TYPES.moved, redirectTo: to },
        },
      })),
    ),
  ];
  try {
    await transactWrite(db, items);
  } catch (error) {
    // Switched meanwhile by another run: carry on from what it wrote.
    if (!(error instanceof TransactionRefused)) throw error;
    return (await coverageOf(db, tableName, coverage.articleId)) ?? coverage;
  }
  return { ...coverage, slug: to, movedFrom };
}

/** One entry, whole, in one transaction; false when it moved or changed since it was read. */
async function moveOne(
  db: DynamoDBDocumentClient,
  tableName: string,
  entry: StoredEntry,
  to: string,
): Promise<boolean> {
  const next: StoredEntry = { ...entry, slug: to, movedFrom: entry.slug };
  // Its old copies: what publicWrites would delete for an entry that left every list, by hand.
  const old = publicWrites(tableName, entry, null).flatMap((write) => {
    const item = write.Put?.Item;
    return item ? [{ Delete: { TableName: tableName, Key: { pk: item.pk, sk: item.sk } } }] : [];
  });
  try {
    await transactWrite(db, [
      {
        Delete: {
          TableName: tableName,
          Key: liveKeys.record(entry.slug, entry.id),
          ConditionExpression: 'version = :version',
          ExpressionAttributeValues: { ':version': entry.version },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...liveKeys.record(to, entry.id), type: LIVE_ITEM_TYPES.record, ...next },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...old,
      ...publicWrites(tableName, next, null),
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionRefused) return false;
    throw error;
  }
}

/** A partition with no entries left leaves `movedFrom` (its markers stay: they are the 301s). */
async function drained(db: DynamoDBDocumentClient, tableName: string, articleId: string, slug: string) {
  const coverage = await coverageOf(db, tableName, articleId);
  const movedFrom = (coverage?.movedFrom ?? []).filter((s) => s !== slug);
  if (!coverage || movedFrom.length === coverage.movedFrom?.length) return;
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: liveKeys.coverage(articleId),
      UpdateExpression: 'SET movedFrom = :movedFrom',
      ConditionExpression: 'slug = :slug',
      ExpressionAttributeValues: { ':movedFrom': movedFrom, ':slug': coverage.slug },
    }),
  );
}
