import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { ulidFactory } from '../../shared/clock.ts';
import { createModeration } from '../../shared/services/comments/moderation.ts';
import { createSettings } from '../../shared/services/comments/settings.ts';
import { createSubmission } from '../../shared/services/comments/submission.ts';
import type { ArticleStore } from '../../shared/store/articleStore.ts';
import { CommentStore, type StoredComment } from '../../shared/store/commentStore.ts';
import { CommentWrites } from '../../shared/store/comments/commentWrites.ts';
import { ThreadReads } from '../../shared/store/comments/threadReads.ts';
import type { TestEnv } from '../support/env.ts';
import { type Newsroom, publishArticle, testNewsroom } from '../support/newsroom.ts';

/**
 * A top-level comment rejected while its replies are approved: whichever order the writes commit
 * in, a thread whose comment left must show its placeholder with every approved reply, and the
 * article's count must be what the thread lists. The reject is read first and its transaction held
 * until a given number of the 20 approvals have committed (0: a plain race), so every run is the
 * interleaving a busy table produces now and then, on DynamoDB Local, not a mock.
 */
class HeldWrites extends CommentWrites {
  /** The reject of this comment waits for `release` before its first transaction. */
  hold: { id: string; reached: () => void; release: Promise<void> } | null = null;

  override async change(...args: Parameters<CommentWrites['change']>): Promise<StoredComment> {
    const [before, after] = args;
    const hold = this.hold;
    if (hold && before.id === hold.id && after.status === 'rejected') {
      this.hold = null;
      hold.reached();
      await hold.release;
    }
    return super.change(...args);
  }
}

/** The use cases this race drives, over the held writes (shared/services/comments/index.ts composes them so). */
function createComments(deps: Parameters<typeof createSubmission>[0]) {
  return { ...createSettings(deps), ...createSubmission(deps), ...createModeration(deps) };
}

let env: TestEnv;
let db: DynamoDBDocumentClient;
let articles: ArticleStore;
let newsroom: Newsroom;
let writes: HeldWrites;
let thread: ThreadReads;
let comments: ReturnType<typeof createComments>;
const newId = ulidFactory();
const clock = { now: () => new Date() };
const author: Principal = { sub: 'race-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'race-desk', roles: new Set(['editor']) };
const moderator: Principal = { sub: 'race-mod', roles: new Set(['moderator']) };
const admin: Principal = { sub: 'race-admin', roles: new Set(['admin']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'Raced.', marks: [] }] }];
let clients = 0;

beforeAll(async () => {
  ({ env, db, store: articles, newsroom } = await testNewsroom({ clock, newId }));
  const store = new CommentStore(db, env.commentsTable, env.contentTable);
  writes = new HeldWrites(store);
  thread = new ThreadReads(store);
  comments = createComments({ comments: store, writes, articles, clock, newId, fingerprintSecret: 'raced' });
  await comments.updateSettings(admin, { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0 });
});
afterAll(() => db?.destroy());

const post = (slug: string, authorName: string, text: string, parentId?: string) =>
  comments.submit(
    slug,
    { authorName, body: text, ...(parentId ? { parentId } : {}) },
    { ip: '198.51.100.7', userAgent: `race/${++clients}` },
  );

/** The public thread as a reader pages it, and the article's counts on both copies. */
async function shown(article: { id: string; slug: string }) {
  const rows = (await thread.listApproved(article.slug, 'oldest', 100, undefined)).items;
  const working = await articles.get(article.id);
  const live = await articles.getSnapshot(article.slug, true);
  return { rows, counts: { live: live?.commentCount, working: working?.commentCount } };
}

describe('a comment rejected while 20 of its replies are approved', () => {
  // How many approvals commit between the reject's reading and its transaction.
  const interleavings = [20, 20, 19, 15, 10, 5, 1, 0, 0, 20];
  it.each(interleavings.map((k, run) => [run, k]))(
    'run %i: %i approvals land between the reject read and its commit, and the placeholder holds every reply',
    async (_run, landed) => {
      const draft = await newsroom.create(author, {
        title: `Race ${Date.now()} ${landed}`,
        section: 'city',
        body,
      });
      const article = await publishArticle(newsroom, author, editor, draft);
      const top = await post(article.slug, 'Wes', 'The pier should stay.');
      await comments.moderate(moderator, top.id, { action: 'approve' });
      const replies = await Promise.all(
        Array.from(
          { length: 20 },
          async (_, i) => (await post(article.slug, `A${i}`, `Answer ${i}.`, top.id)).id,
        ),
      );

      let reached = () => {};
      const read = new Promise<void>((resolve) => {
        reached = resolve;
      });
      let release = () => {};
      writes.hold = { id: top.id, reached: () => reached(), release: new Promise((r) => (release = r)) };
      const rejecting = comments.moderate(moderator, top.id, { action: 'reject' });
      await read;
      let committed = 0;
      if (landed === 0) release();
      const approvals = replies.map((id) =>
        comments.moderate(moderator, id, { action: 'approve' }).then((c) => {
          committed += 1;
          if (committed === landed) release();
          return c.status;
        }),
      );
      const [rejected, ...approved] = await Promise.all([rejecting, ...approvals]);
      expect(rejected.status).toBe('rejected');
      expect(approved).toEqual(Array(20).fill('approved'));

      const { rows, counts } = await shown(article);
      expect(rows).toEqual([
        expect.objectContaining({ id: top.id, removed: true, authorName: null, body: null, replyCount: 20 }),
      ]);
      const listed = await thread.listReplies(article.slug, top.id, 100, undefined);
      expect(new Set(listed.items.map((c) => c.id))).toEqual(new Set(replies));
      expect(counts).toEqual({ live: 20, working: 20 });
    },
    90_000,
  );
});
