import { DeleteCommand, type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Clock, ulidFactory } from '../../shared/clock.ts';
import { PreconditionFailedError } from '../../shared/errors.ts';
import { createPublication } from '../../shared/services/articles/publication.ts';
import { type Comments, createComments } from '../../shared/services/comments/index.ts';
import type { ArticleStore, StoredArticle } from '../../shared/store/articleStore.ts';
import { commentKeys } from '../../shared/store/commentKeys.ts';
import type { StoredComment } from '../../shared/store/commentModel.ts';
import type { CommentStore } from '../../shared/store/commentStore.ts';
import { CommenterStore } from '../../shared/store/comments/commenterStore.ts';
import { CommentWriteRefused, CommentWrites } from '../../shared/store/comments/commentWrites.ts';
import { readForSubmission } from '../../shared/store/comments/submissionReads.ts';
import { keys } from '../../shared/store/keys.ts';
import type { TestEnv } from '../support/env.ts';
import { type Newsroom, publishArticle, testNewsroom } from '../support/newsroom.ts';

/**
 * The thread's state item (keys.ts threadState): a held submission's transaction checks it instead
 * of the whole live snapshot, so it must say what the snapshot says after every write that changes
 * whether the article takes comments. Each case reaches the transaction with a stale reading (the
 * service's own reading would answer 403 or 404 before it), as a submission racing the change would.
 */
let env: TestEnv;
let db: DynamoDBDocumentClient;
let store: ArticleStore;
let commentStore: CommentStore;
let commenters: CommenterStore;
let newsroom: Newsroom;
let threads: Comments;
let comments: Comments;
const clock: Clock = { now: () => new Date() };
const newId = ulidFactory();
const author: Principal = { sub: 'state-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'state-desk', roles: new Set(['editor']) };
const admin: Principal = { sub: 'state-admin', roles: new Set(['admin']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'Stated.', marks: [] }] }];
let n = 0;

beforeAll(async () => {
  ({ env, db, store, commentStore, newsroom } = await testNewsroom({ clock, newId }));
  commenters = new CommenterStore(commentStore);
  comments = createComments({
    comments: commentStore,
    articles: store,
    clock,
    newId,
    fingerprintSecret: 'stated',
  });
  threads = comments;
  await comments.updateSettings(admin, { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0 });
});
afterAll(() => db?.destroy());

const toPublished = (a: StoredArticle) => publishArticle(newsroom, author, editor, a);

const published = async (title: string) =>
  toPublished(await newsroom.create(author, { title: `${title} ${Date.now()}`, section: 'city', body }));

const stateOf = async (slug: string) =>
  (
    await db.send(
      new GetCommand({
        TableName: env.commentsTable,
        Key: commentKeys.threadState(slug),
        ConsistentRead: true,
      }),
    )
  ).Item;

const agrees = async (slug: string) =>
  (
    await readForSubmission(
      commentStore,
      commenters,
      { slug, parentId: undefined, who: { fingerprint: 'fp', address: 'addr', emailHashes: [] } },
      new Date(),
    )
  ).threadStateAgrees;

/** A held comment straight to the store's transaction, as if the reading before it were stale. */
async function heldComment(article: StoredArticle, threadStateAgrees: boolean) {
  n += 1;
  const now = new Date();
  const comment: StoredComment = {
    id: newId(now),
    articleId: article.id,
    articleSlug: article.slug,
    articleTitle: article.title,
    parentId: null,
    depth: 1,
    authorName: 'Late reader',
    authorEmail: null,
    body: `Posted into a race, ${n}.`,
    status: 'pending',
    createdAt: now.toISOString(),
    fingerprint: `race-${n}`,
    flags: [],
    moderation: [],
    reportCount: 0,
    featured: false,
    replyCount: 0,
    decisions: 0,
    trustCounted: false,
  };
  const epoch = Math.floor(now.getTime() / 1000);
  await new CommentWrites(commentStore).create(comment, {
    now: now.toISOString(),
    nowEpoch: epoch,
    floodUntil: null,
    duplicateHash: `race-${n}-${now.getTime()}`,
    duplicateUntil: epoch + 60,
    threadStateAgrees,
  });
  return comment;
}

const refusedAs = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CommentWriteRefused);
  return (error as CommentWriteRefused).refusal.kind;
};

describe('the thread state item', () => {
  it('is written whole at publication, saying what the snapshot says, and a held comment is checked on it', async () => {
    const article = await published('Harbour ferry returns');
    expect(await stateOf(article.slug)).toMatchObject({
      articleId: article.id,
      commentsEnabled: true,
      commentsCloseAt: null,
    });
    expect(await agrees(article.slug)).toBe(true);
    const stored = await heldComment(article, true);
    expect((await commentStore.get(stored.id))?.status).toBe('pending');
    // It is this item the transaction checks, not the snapshot: without it, refused.
    await db.send(
      new DeleteCommand({ TableName: env.commentsTable, Key: commentKeys.threadState(article.slug) }),
    );
    expect(await refusedAs(heldComment(article, true))).toBe('articleGone');
    await expect(heldComment(article, false)).resolves.toMatchObject({ articleId: article.id });
  });

  it('follows a close and a reopen: a comment checked on it is refused while closed, taken after', async () => {
    const article = await published('Library hours cut');
    await threads.setThreadState(editor, article.id, { action: 'close', reason: 'Too heated' });
    expect((await stateOf(article.slug))?.commentsCloseAt).toEqual(expect.any(String));
    expect(await refusedAs(heldComment(article, true))).toBe('articleGone');

    const until = new Date(Date.now() + 3_600_000).toISOString();
    await threads.setThreadState(editor, article.id, { action: 'reopen', closeAt: until });
    expect((await stateOf(article.slug))?.commentsCloseAt).toBe(until);
    await expect(heldComment(article, true)).resolves.toMatchObject({ articleId: article.id });
  });

  it('follows a live update that turns comments off', async () => {
    let article = await published('Tram depot plans');
    article = await newsroom.patch(author, article.id, article.version, { commentsEnabled: false });
    // The working copy changed; the public article (and the state item) not until published.
    expect((await stateOf(article.slug))?.commentsEnabled).toBe(true);
    article = await toPublished(article);
    expect((await stateOf(article.slug))?.commentsEnabled).toBe(false);
    expect(await refusedAs(heldComment(article, true))).toBe('articleGone');
  });

  it('goes with the article when it is unpublished, so a comment checked on it is refused', async () => {
    const article = await published('Bridge closure reversed');
    const dark = await newsroom.transition(editor, article.id, article.version, { action: 'unpublish' });
    expect(dark.status).toBe('archived');
    expect(await stateOf(article.slug)).toBeUndefined();
    expect(await refusedAs(heldComment(article, true))).toBe('articleGone');
    expect(await refusedAs(heldComment(article, false))).toBe('articleGone');
  });

  it('is not trusted where it differs from the snapshot read beside it (a write by code older than it)', async () => {
    const article = await published('Ferry fares frozen');
    expect(await agrees(article.slug)).toBe(true);
    // As the moderation function of the last release would close it, during a deploy: the
    // snapshot only. The state item, still whole, says open; it must not be what is checked.
    await db.send(
      new UpdateCommand({
        TableName: env.contentTable,
        Key: keys.liveSnapshot(article.slug),
        UpdateExpression: 'SET commentsCloseAt = :at',
        ExpressionAttributeValues: { ':at': new Date(Date.now() - 1000).toISOString() },
      }),
    );
    expect(await agrees(article.slug)).toBe(false);
    expect(await refusedAs(heldComment(article, false))).toBe('articleGone');
  });

  it('going live again from dark refuses a reading made before a close (the close is not lost)', async () => {
    const article = await published('Night bus review');
    const dark = await newsroom.transition(editor, article.id, article.version, { action: 'unpublish' });
    // The publication reads the working copy; a moderator closes the thread; then it commits.
    const stale = await store.get(dark.id);
    if (!stale) throw new Error('the article is gone');
    await threads.setThreadState(editor, dark.id, { action: 'close', reason: 'Closed while dark' });
    const at = new Date().toISOString();
    const next: StoredArticle = { ...stale, status: 'published', version: stale.version + 1, updatedAt: at };
    const publication = createPublication({ store, closeAfterDays: async () => null });
    await expect(
      publication.goLive(stale, next, {
        at,
        actor: editor.sub,
        action: 'publish',
        from: 'archived',
        to: 'published',
        version: next.version,
      }),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await stateOf(article.slug)).toBeUndefined();
    // Read again, it goes live closed, and so does its state item.
    const fresh = await store.get(dark.id);
    if (!fresh) throw new Error('the article is gone');
    await publication.goLive(
      fresh,
      { ...fresh, status: 'published', version: fresh.version + 1, updatedAt: at },
      {
        at,
        actor: editor.sub,
        action: 'publish',
        from: 'archived',
        to: 'published',
        version: fresh.version + 1,
      },
    );
    expect((await stateOf(article.slug))?.commentsCloseAt).toBe(fresh.commentsCloseAt);
    expect(fresh.commentsCloseAt).toEqual(expect.any(String));
    expect(await refusedAs(heldComment(article, true))).toBe('articleGone');
  });

  it('on an article live since before it existed, a partial item is ignored and the snapshot is checked', async () => {
    let article = await published('Old market reopens');
    // As an article published before this release: no state item at all.
    await db.send(
      new DeleteCommand({ TableName: env.commentsTable, Key: commentKeys.threadState(article.slug) }),
    );
    expect(await agrees(article.slug)).toBe(false);
    // A live update writes only its own field: a partial item, which must not be trusted...
    article = await newsroom.patch(author, article.id, article.version, { standfirst: 'Stalls are back.' });
    article = await toPublished(article);
    expect(await stateOf(article.slug)).toEqual(expect.objectContaining({ commentsEnabled: true }));
    expect((await stateOf(article.slug))?.commentsCloseAt).toBeUndefined();
    expect(await agrees(article.slug)).toBe(false);
    // ...for the snapshot says the thread is closed, and the transaction checks the snapshot.
    await threads.setThreadState(editor, article.id, { action: 'close' });
    expect(await refusedAs(heldComment(article, false))).toBe('articleGone');
    // Both writers have now written their field: it is whole, and says closed.
    expect(await agrees(article.slug)).toBe(true);
    expect(await refusedAs(heldComment(article, true))).toBe('articleGone');
    // Through the service, a submission answers as before.
    await expect(
      comments.submit(
        article.slug,
        { authorName: 'Reader', body: 'Still open?' },
        { ip: '203.0.113.9', userAgent: 't' },
      ),
    ).rejects.toMatchObject({ status: 403 });
  });
});
