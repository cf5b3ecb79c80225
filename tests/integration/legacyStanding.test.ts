import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Clock, ulidFactory } from '../../shared/clock.ts';
import { ForbiddenError } from '../../shared/errors.ts';
import { legacyEmailHash } from '../../shared/services/comments/identity.ts';
import { type Comments, createComments } from '../../shared/services/comments/index.ts';
import { CommenterStore } from '../../shared/store/comments/commenterStore.ts';
import { type Newsroom, publishArticle, testNewsroom } from '../support/newsroom.ts';

/**
 * Bans and trust records written before emails were hashed as mailboxes (trimmed and lowercased
 * only) keep working with no migration: a submission also looks under the old hash, in its one
 * BatchGetItem. Written here as the old code wrote them, straight through the store.
 */
const SECRET = 'legacy-standing';
let db: DynamoDBDocumentClient;
let newsroom: Newsroom;
let comments: Comments;
let commenters: CommenterStore;
const clock: Clock = { now: () => new Date() };
const author: Principal = { sub: 'legacy-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'legacy-desk', roles: new Set(['editor']) };
const admin: Principal = { sub: 'legacy-admin', roles: new Set(['admin']) };
let n = 0;
const client = () => ({ ip: `203.0.113.${++n}`, userAgent: 'legacy' });

beforeAll(async () => {
  const fixture = await testNewsroom({ clock, newId: ulidFactory() });
  ({ db, newsroom } = fixture);
  comments = createComments({
    comments: fixture.commentStore,
    articles: fixture.store,
    clock,
    newId: ulidFactory(),
    fingerprintSecret: SECRET,
  });
  commenters = new CommenterStore(fixture.commentStore);
});
afterAll(() => db?.destroy());

async function liveSlug(title: string) {
  const body = [{ type: 'paragraph' as const, text: [{ text: 'Legacy.', marks: [] }] }];
  const draft = await newsroom.create(author, { title, section: 'city', body });
  return (await publishArticle(newsroom, author, editor, draft)).slug;
}

describe('standing stored under the old email hash', () => {
  it('a ban still refuses the address it was made for', async () => {
    await comments.updateSettings(admin, { mode: 'post', maxLinks: 2, blockedTerms: [], floodSeconds: 0 });
    const slug = await liveSlug(`Legacy ban ${Date.now()}`);
    const now = new Date();
    await commenters.createBan(
      {
        id: ulidFactory()(now),
        commentId: ulidFactory()(now),
        authorName: 'Old troll',
        byEmail: true,
        reason: 'Banned before mailboxes',
        until: null,
        createdAt: now.toISOString(),
        createdBy: 'mo',
        revokedAt: null,
        revokedBy: null,
        hashes: { email: legacyEmailHash(SECRET, 'Old.Troll@gmail.com'), client: 'gone', address: null },
      },
      null,
    );
    const attempt = comments.submit(
      slug,
      { authorName: 'Back', authorEmail: 'old.troll@GMAIL.com', body: 'Hello.' },
      client(),
    );
    await expect(attempt).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      comments.submit(slug, { authorName: 'Else', authorEmail: 'other@gmail.com', body: 'Hi.' }, client()),
    ).resolves.toMatchObject({ status: 'approved' });
  });

  it('a trusted commenter stays trusted, approvals under both hashes adding up', async () => {
    await comments.updateSettings(admin, {
      mode: 'pre',
      maxLinks: 2,
      blockedTerms: [],
      floodSeconds: 0,
      trustAfter: 2,
    });
    const slug = await liveSlug(`Legacy trust ${Date.now()}`);
    const email = `jane.doe+${Date.now()}@gmail.com`;
    // Two approvals counted under the old hash, as the moderation transaction wrote them.
    const update = commenters.trustUpdate(legacyEmailHash(SECRET, email), 'approvals').Update;
    if (!update) throw new Error('no trust update');
    for (let i = 0; i < 2; i += 1) await db.send(new UpdateCommand(update));
    const next = await comments.submit(
      slug,
      { authorName: 'Jane', authorEmail: email, body: 'Hi.' },
      client(),
    );
    expect(next.status).toBe('approved');
  });
});
