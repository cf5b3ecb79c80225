import {
  BatchGetCommand,
  type BatchGetCommandInput,
  type BatchGetCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { BATCH_ATTEMPTS, BatchUnfinished } from '../batch.ts';
import type { CommentStore } from '../commentStore.ts';
import { commentKeys, keys } from '../keys.ts';
import { parse, type StoredComment, type StoredSnapshot } from '../model.ts';
import type { CommenterStore, Standing } from './commenterStore.ts';

type Key = { pk: string; sk: string };
type Item = Record<string, unknown>;

/** What a comment submission reads before its one transaction. */
export interface SubmissionReads {
  /** The live snapshot, read eventually consistent: the transaction checks it again. */
  snapshot: StoredSnapshot | null;
  /** The comment replied to, if any, read strongly consistent. */
  parent: StoredComment | null;
  standing: Standing;
}

/**
 * Everything a submission reads, in one BatchGetItem over both tables: the live snapshot (content
 * table, eventually consistent: the transaction re-checks that it exists with comments enabled),
 * and on the comments table, strongly consistent, the parent of a reply and the commenter's ban
 * markers and trust record. With the transaction that stores the comment, a submission is two
 * requests, a reply included (DynamoDB bills each item read as a GetItem would be billed). Keys
 * DynamoDB leaves unprocessed under load are asked again with backoff.
 */
export async function readForSubmission(
  comments: CommentStore,
  commenters: CommenterStore,
  request: { slug: string; parentId: string | undefined; fingerprint: string; emailHash: string | undefined },
  now: Date,
): Promise<SubmissionReads> {
  const snapshotKey = keys.liveSnapshot(request.slug);
  const parentKey = request.parentId ? commentKeys.comment(request.parentId) : null;
  const standingKeys = commenters.standingKeys(request.fingerprint, request.emailHash);
  const found = new Map<string, Item>();
  const id = (table: string, key: Key | Item) => `${table}\n${String(key.pk)}\n${String(key.sk)}`;

  let pending: BatchGetCommandInput['RequestItems'] = {
    [comments.contentTableName]: { Keys: [snapshotKey] },
    [comments.tableName]: {
      Keys: [...(parentKey ? [parentKey] : []), ...standingKeys],
      ConsistentRead: true,
    },
  };
  for (let attempt = 0; pending && Object.keys(pending).length > 0; attempt += 1) {
    if (attempt >= BATCH_ATTEMPTS) {
      throw new BatchUnfinished(Object.values(pending).reduce((n, t) => n + (t.Keys?.length ?? 0), 0));
    }
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
    const result: BatchGetCommandOutput = await comments.db.send(
      new BatchGetCommand({ RequestItems: pending }),
    );
    for (const [table, items] of Object.entries(result.Responses ?? {})) {
      for (const item of items) found.set(id(table, item), item);
    }
    pending = result.UnprocessedKeys;
  }

  const snapshot = found.get(id(comments.contentTableName, snapshotKey));
  const parent = parentKey ? found.get(id(comments.tableName, parentKey)) : undefined;
  const standing = standingKeys.flatMap((key) => {
    const item = found.get(id(comments.tableName, key));
    return item ? [item] : [];
  });
  return {
    snapshot: snapshot ? parse.snapshot(snapshot) : null,
    parent: parent ? parse.comment(parent) : null,
    standing: commenters.standingOf(standing, now),
  };
}
