import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BackfillOptions,
  backfillCommentThreadIndexes,
} from '../../infra/ops/migrations/commentsThreadIndexes.ts';
import { emailHash } from '../../shared/services/comments/identity.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { CommentStore } from '../../shared/store/commentStore.ts';
import { CommenterStore } from '../../shared/store/comments/commenterStore.ts';
import { ThreadReads } from '../../shared/store/comments/threadReads.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';

/**
 * `npm run migrate -- comments-thread-indexes` on DynamoDB Local, over comments written in the
 * shape the code stored before the thread indexes: replies in the top-level thread, no gsiTop,
 * replyCount, featured flag or email hash. Afterwards they are where the listings look.
 */
let env: TestEnv;
const db = () => createDocumentClient(env.endpoint);
let client: ReturnType<typeof createDocumentClient>;
let store: CommentStore;

beforeAll(async () => {
  env = await createTestEnv();
  client = db();
  store = new CommentStore(client, env.commentsTable, env.contentTable);
});
afterAll(() => client?.destroy());

const SLUG = 'harbour-wall-old-thread';
const ARTICLE = ulid();
let minute = 0;

/** A comment as stored before the thread indexes. */
async function oldComment(fields: {
  status: string;
  parentId?: string;
  email?: string;
  extra?: Record<string, unknown>;
}): Promise<string> {
  const id = ulid();
  minute += 1;
  const createdAt = new Date(Date.UTC(2026, 0, 1, 9, minute)).toISOString();
  await client.send(
    new PutCommand({
      TableName: env.commentsTable,
      Item: {
        pk: `COMMENT#${id}`,
        sk: 'COMMENT',
        type: 'comment',
        id,
        articleId: ARTICLE,
        articleSlug: SLUG,
        articleTitle: 'Harbour wall',
        parentId: fields.parentId ?? null,
        depth: fields.parentId ? 2 : 1,
        authorName: `Reader ${minute}`,
        authorEmail: fields.email ?? null,
        body: `Comment ${minute}`,
        status: fields.status,
        createdAt,
        fingerprint: `fp-${minute}`,
        flags: [],
        moderation: [],
        // The old code put every comment, replies too, in the article's thread by status.
        gsiArticle: `${SLUG}#${fields.status}`,
        gsiArticleAdmin: `${ARTICLE}#${fields.status}`,
        gsiStatus: fields.status,
        gsiCreated: `${createdAt}#${id}`,
        ...fields.extra,
      },
    }),
  );
  return id;
}

async function everything() {
  const { Items = [] } = await client.send(
    new ScanCommand({ TableName: env.commentsTable, ConsistentRead: true }),
  );
  return [...Items].sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`));
}

const run = (extra: Partial<BackfillOptions> = {}) =>
  backfillCommentThreadIndexes({
    db: client,
    tableName: env.commentsTable,
    fingerprintSecret: env.fingerprintSecret,
    pageSize: 3,
    settleMs: 200,
    ...extra,
  });

describe('comments-thread-indexes', () => {
  it('puts old comments in the sorted, featured and commenter listings, resumably, and a second run changes nothing', async () => {
    const email = 'old.reader@example.org';
    const t1 = await oldComment({ status: 'approved', email });
    const t2 = await oldComment({ status: 'approved' });
    const t3 = await oldComment({ status: 'rejected' });
    // Featured by a version that had the flag but not yet its index.
    const t4 = await oldComment({ status: 'approved', extra: { featured: true, decisions: 1 } });
    const r1 = await oldComment({ status: 'approved', parentId: t1, email });
    const r2 = await oldComment({ status: 'approved', parentId: t1 });
    await oldComment({ status: 'pending', parentId: t1 });
    const r4 = await oldComment({ status: 'approved', parentId: t3 });

    const hash = emailHash(env.fingerprintSecret, email);
    const commenters = new CommenterStore(store);
    const thread = new ThreadReads(store);
    // Before: nothing by replies or featured, replies mixed into the top level, no commenter.
    expect((await thread.listApproved(SLUG, 'replies', 50, undefined)).items).toEqual([]);
    expect((await thread.listFeatured(SLUG, 50, undefined)).items).toEqual([]);
    expect((await thread.listApproved(SLUG, 'oldest', 50, undefined)).items.map((c) => c.id)).toContain(r1);
    expect(await commenters.commentsOfCommenter(hash, 10)).toEqual([]);

    // Stopped after two pages, then resumed from the cursor it printed.
    const first = await run({ maxPages: 2 });
    expect(first.next).not.toBeNull();
    expect(first.scanned).toBe(6);
    const rest = await run({ from: first.next ?? undefined });
    expect(rest.next).toBeNull();
    expect(first.indexed + rest.indexed).toBe(8);
    expect(rest.replyCounts).toBe(2);
    expect(rest.tombstones).toBe(1);

    const byReplies = (await thread.listApproved(SLUG, 'replies', 50, undefined)).items;
    expect(byReplies.slice(0, 2).map((c) => [c.id, c.replyCount, c.removed])).toEqual([
      [t1, 2, false],
      [t3, 1, true],
    ]);
    expect(new Set(byReplies.slice(2).map((c) => c.id))).toEqual(new Set([t2, t4]));
    const oldest = (await thread.listApproved(SLUG, 'oldest', 50, undefined)).items;
    expect(oldest.map((c) => c.id)).toEqual([t1, t2, t3, t4]);
    expect(oldest[2]).toMatchObject({ authorName: null, body: null, removed: true });
    expect((await thread.listReplies(SLUG, t1, 50, undefined)).items.map((c) => c.id)).toEqual([r1, r2]);
    expect((await thread.listReplies(SLUG, t3, 50, undefined)).items.map((c) => c.id)).toEqual([r4]);
    expect((await thread.listFeatured(SLUG, 50, undefined)).items.map((c) => c.id)).toEqual([t4]);
    expect((await commenters.commentsOfCommenter(hash, 10)).map((c) => c.id)).toEqual([r1, t1]);

    // Again, from the start: nothing to write, every item as it was.
    const before = await everything();
    const again = await run();
    expect(again).toMatchObject({ scanned: 8, indexed: 0, replyCounts: 0, tombstones: 0, next: null });
    expect(await everything()).toEqual(before);
  });
});
