import { MovedError } from '../../errors.ts';
import { batchGetTables } from '../batch.ts';
import { commentKeys } from '../commentKeys.ts';
import type { StoredComment } from '../commentModel.ts';
import type { CommentStore } from '../commentStore.ts';
import { keys } from '../keys.ts';
import { parse, type StoredSnapshot } from '../model.ts';
import { isSlugRedirect } from '../slugRedirects.ts';
import type { CommenterStore, Standing, Who } from './commenterStore.ts';

/** What a comment submission reads before its one transaction. */
export interface SubmissionReads {
  /** The live snapshot, read eventually consistent: the transaction checks it again. */
  snapshot: StoredSnapshot | null;
  /** The comment replied to, if any, read strongly consistent. */
  parent: StoredComment | null;
  standing: Standing;
  /**
   * Whether the thread's state item (keys.ts threadState) is whole and says what the snapshot read
   * beside it says, so that the transaction may check it instead of the snapshot: 1 write unit
   * instead of the article's 3 or more, doubled.
   */
  threadStateAgrees: boolean;
}

/**
 * Both fields present (written whole at publication, or completed by both of its writers since)
 * and equal to the snapshot's. Any difference (an article live since before the item existed, a
 * change made by code that predates it while a deploy rolls out, a rollback, or the snapshot's
 * eventually consistent read lagging) and the transaction checks the snapshot, as it always did.
 */
function agrees(item: Record<string, unknown> | undefined, snapshot: StoredSnapshot | null): boolean {
  if (!item || !snapshot) return false;
  const whole =
    typeof item.commentsEnabled === 'boolean' &&
    (item.commentsCloseAt === null || typeof item.commentsCloseAt === 'string');
  return (
    whole &&
    item.commentsEnabled === snapshot.commentsEnabled &&
    item.commentsCloseAt === snapshot.commentsCloseAt
  );
}

/**
 * Everything a submission reads, in one BatchGetItem over both tables: the live snapshot (content
 * table, eventually consistent: the transaction re-checks that it exists with comments enabled),
 * and on the comments table, strongly consistent, the parent of a reply and the commenter's ban
 * markers (client, address, email) and trust records. With the transaction that stores the comment, a submission is two
 * requests, a reply included (DynamoDB bills each item read as a GetItem would be billed).
 */
export async function readForSubmission(
  comments: CommentStore,
  commenters: CommenterStore,
  request: { slug: string; parentId: string | undefined; who: Who },
  now: Date,
): Promise<SubmissionReads> {
  const snapshotKey = keys.liveSnapshot(request.slug);
  const parentKey = request.parentId ? commentKeys.comment(request.parentId) : null;
  const standingKeys = commenters.standingKeys(request.who);
  const stateKey = commentKeys.threadState(request.slug);
  const found = await batchGetTables(comments.db, {
    [comments.contentTableName]: { keys: [snapshotKey] },
    [comments.tableName]: {
      keys: [...(parentKey ? [parentKey] : []), stateKey, ...standingKeys],
      consistent: true,
    },
  });
  const onComments = found[comments.tableName] ?? [];
  const snapshot = found[comments.contentTableName]?.[0];
  const find = (key: { pk: string; sk: string }) =>
    onComments.find((item) => item.pk === key.pk && item.sk === key.sk);
  const parent = parentKey ? find(parentKey) : undefined;
  const state = find(stateKey);
  const standing = onComments.filter((item) => item !== parent && item !== state);
  if (isSlugRedirect(snapshot)) {
    // An earlier slug of the article (docs/slugs.md): the client posts again where it moved.
    const to = String(snapshot?.redirectTo);
    throw new MovedError(
      `The article "${request.slug}" is now at "${to}".`,
      `/v1/articles/${to}/comments`,
      308,
    );
  }
  const live = snapshot ? parse.snapshot(snapshot) : null;
  return {
    snapshot: live,
    parent: parent ? parse.comment(parent) : null,
    standing: commenters.standingOf(standing, now),
    threadStateAgrees: agrees(state, live),
  };
}
