import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { COMMENT_STATUSES } from '../schemas/facts.ts';
import {
  commentIndexValues,
  commentKeys,
  commentPartitions,
  movedValues,
  tombstoneIndexValues,
} from './commentKeys.ts';
import type { StoredComment } from './commentModel.ts';
import { indexQuery, queryAll } from './query.ts';
import { COMMENTS_TABLE } from './tables.ts';

/**
 * Moves an article's comment thread from earlier slugs to its current one (docs/slugs.md): each
 * comment's `articleSlug` and the index values built from it (thread, replies, by replies, featured,
 * moved), and each tombstone's. A comment is found by its article id (byArticleModeration, whatever
 * its status), which a slug change does not touch; each move is one conditional UpdateItem on the
 * slug it was read with, so the job is idempotent, may stop anywhere and resume, and never writes a
 * comment back to a slug it left. At most `limit` moves per call: `left` says whether to call again.
 *
 * The counts need no move: they are the snapshot's, and moved with it. A moderator's write on a
 * comment not yet moved is refused whole (its count update names the old key, now a redirect) and
 * succeeds once the comment moved.
 */
export async function moveThread(
  db: DynamoDBDocumentClient,
  tableName: string,
  article: { id: string; slug: string; earlier: readonly string[] },
  limit = 500,
): Promise<{ moved: number; left: boolean }> {
  const earlier = new Set(article.earlier.filter((s) => s !== article.slug));
  if (earlier.size === 0) return { moved: 0, left: false };
  let moved = 0;
  const stale: StoredComment[] = [];
  for (const status of COMMENT_STATUSES) {
    const items = await queryAll(
      db,
      indexQuery(COMMENTS_TABLE, tableName, commentPartitions.queue({ status, articleId: article.id })),
    );
    for (const item of items) {
      if (earlier.has(String(item.articleSlug))) stale.push(item as unknown as StoredComment);
    }
  }
  for (const comment of stale) {
    if (moved >= limit) return { moved, left: true };
    if (await moveOne(db, tableName, comment, article.slug)) moved += 1;
  }
  return { moved, left: false };
}

async function moveOne(db: DynamoDBDocumentClient, tableName: string, comment: StoredComment, to: string) {
  const from = comment.articleSlug;
  const next = { ...comment, articleSlug: to };
  const values: Record<string, unknown> = { articleSlug: to };
  const indexed = commentIndexValues(next);
  // Only the public thread's values name the slug; the moderators' queues name the article's id.
  for (const name of ['gsiArticle', 'gsiTop', 'gsiFeatured'] as const) {
    if (indexed[name] !== undefined) values[name] = indexed[name];
  }
  const movedAt = (comment as { movedAt?: unknown }).movedAt;
  if (typeof movedAt === 'string') Object.assign(values, movedValues(to, movedAt));
  const done = await setIf(db, tableName, commentKeys.comment(comment.id), values, from);
  // A top-level comment taken out of the thread keeps a tombstone there while replies answer it.
  if (comment.parentId === null) {
    const key = commentKeys.tombstone(comment.id);
    const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
    if (Item && Item.articleSlug !== to) {
      const stone: Record<string, unknown> = { articleSlug: to, ...tombstoneIndexValues(next) };
      if (typeof Item.movedAt === 'string') Object.assign(stone, movedValues(to, Item.movedAt));
      await setIf(db, tableName, key, stone, typeof Item.articleSlug === 'string' ? Item.articleSlug : null);
    }
  }
  return done;
}

/** SET the values on condition that the item still names `from` (null: whatever it names). */
async function setIf(
  db: DynamoDBDocumentClient,
  tableName: string,
  key: { pk: string; sk: string },
  values: Record<string, unknown>,
  from: string | null,
): Promise<boolean> {
  const names = Object.keys(values);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET ${names.map((_, i) => `#n${i} = :v${i}`).join(', ')}`,
        ConditionExpression: from === null ? 'attribute_exists(pk)' : 'articleSlug = :from',
        ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#n${i}`, n])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n, i) => [`:v${i}`, values[n]])),
          ...(from === null ? {} : { ':from': from }),
        },
      }),
    );
    return true;
  } catch (error) {
    // Moved already (a re-run), or erased meanwhile: nothing to do.
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}
