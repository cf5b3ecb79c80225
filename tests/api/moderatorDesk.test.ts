import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.ts';
import { useCommentKit } from '../support/comments.ts';

/**
 * The moderators' desk beside the queue, over HTTP through the local gateway on DynamoDB Local:
 * the queues' counts, a commenter's history, undoing one's last decision, and the reasons and
 * settings messages moderators read.
 */
const kit = useCommentKit('DeskBrowser', { mode: 'pre' });
let api: TestApi;
let moderator: string;
beforeAll(() => {
  ({ api, moderator } = kit);
});

const countsOf = async (query = '') => {
  const res = await api.request('GET', `/v1/admin/comments/counts${query}`, { token: moderator });
  expect(res.status, res.text).toBe(200);
  return res.body as Record<'pending' | 'reported' | 'spam', { count: number; complete: boolean }>;
};
const undo = (id: string, decisions: number, token = moderator) =>
  api.request('POST', `/v1/admin/comments/${id}/undo`, { token, json: { decisions } });

describe('queue counts', () => {
  it('counts pending, reported and spam, of one article or of all, and follows decisions', async () => {
    await kit.settings({ mode: 'pre', reportThreshold: 0 });
    const article = await kit.liveArticle();
    const other = await kit.liveArticle();
    const before = await countsOf();
    const ids: string[] = [];
    for (const n of [1, 2, 3]) {
      const res = await kit.post(article.slug, { authorName: `Reader ${n}`, body: `Counted comment ${n}.` });
      ids.push(res.body.id);
    }
    await kit.post(other.slug, { authorName: 'Elsewhere', body: 'On the other story.' });
    const [a, b, c] = ids as [string, string, string];

    expect(await countsOf(`?articleId=${article.id}`)).toEqual({
      pending: { count: 3, complete: true },
      spam: { count: 0, complete: true },
      reported: before.reported,
    });
    expect((await countsOf()).pending.count).toBe(before.pending.count + 4);

    await kit.moderate(a, 'spam');
    await kit.moderate(b, 'approve');
    await kit.report(article.slug, b, { reason: 'abuse' });
    expect(await countsOf(`?articleId=${article.id}`)).toEqual({
      pending: { count: 1, complete: true },
      spam: { count: 1, complete: true },
      reported: { count: before.reported.count + 1, complete: true },
    });
    expect(c).toBeTruthy();
  });

  it('refuses an article id that is not one, with a 400 naming the field', async () => {
    const res = await api.request('GET', '/v1/admin/comments/counts?articleId=nope', { token: moderator });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'articleId', message: 'must be an article id' }]);
  });

  it('is for moderators only', async () => {
    const res = await api.request('GET', '/v1/admin/comments/counts', { token: kit.editor });
    expect(res.status).toBe(403);
  });
});

describe("a commenter's history", () => {
  it('lists what the writer posted before, by their email across articles, newest first, with the decisions, paged', async () => {
    await kit.settings({ mode: 'pre' });
    const [one, two] = [await kit.liveArticle(), await kit.liveArticle()];
    const email = `regular-${Date.now()}@example.org`;
    const posted: string[] = [];
    for (const [i, slug] of [one.slug, two.slug, one.slug, two.slug].entries()) {
      // From a new client each time: the email, not the browser, says who they are.
      const res = await kit.post(slug, { authorName: 'Regular', authorEmail: email, body: `Visit ${i}.` });
      expect(res.status, res.text).toBe(201);
      posted.push(res.body.id);
    }
    await kit.post(one.slug, { authorName: 'Someone else', body: 'Not theirs.' });
    const [first, second, third, latest] = posted as [string, string, string, string];
    await kit.moderate(first, 'approve');
    await kit.moderate(second, 'reject', { note: 'Off topic' });
    await kit.moderate(third, 'spam');

    const page1 = await api.request('GET', `/v1/admin/comments/${latest}/history?limit=2`, {
      token: moderator,
    });
    expect(page1.status, page1.text).toBe(200);
    expect(page1.body.items.map((c: { id: string }) => c.id)).toEqual([third, second]);
    expect(page1.body.items[0]).toMatchObject({ status: 'spam', article: { id: one.id } });
    expect(page1.body.items[1]).toMatchObject({ status: 'rejected', article: { id: two.id } });
    expect(page1.body.items[1].moderation.at(-1)).toMatchObject({ action: 'reject', note: 'Off topic' });
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await api.request(
      'GET',
      `/v1/admin/comments/${latest}/history?limit=2&cursor=${encodeURIComponent(page1.body.nextCursor)}`,
      { token: moderator },
    );
    expect(page2.body.items.map((c: { id: string }) => c.id)).toEqual([first]);
    expect(page2.body.items[0].status).toBe('approved');
    expect(page2.body.nextCursor).toBeNull();
    // Earlier only: what they wrote after a comment is not its history.
    expect((await kit.queue(`/v1/admin/comments/${second}/history`)).map((c) => c.id)).toEqual([first]);
  });

  it('without an email, lists what the same client posted; a first comment has no history; 404 for no comment', async () => {
    const article = await kit.liveArticle();
    const client = kit.newClient();
    const a = await kit.post(article.slug, { authorName: 'Anon', body: 'First words.' }, client);
    const b = await kit.post(article.slug, { authorName: 'Anon', body: 'Second words.' }, client);
    const history = await kit.queue(`/v1/admin/comments/${b.body.id}/history`);
    expect(history.map((c) => c.id)).toEqual([a.body.id]);
    const lone = await kit.post(article.slug, { authorName: 'Once', body: 'Only this.' });
    expect(await kit.queue(`/v1/admin/comments/${lone.body.id}/history`)).toEqual([]);
    const missing = await api.request('GET', '/v1/admin/comments/01KAX3TT6V3Q7D0Y6M1V0C5N8E/history', {
      token: moderator,
    });
    expect(missing.status).toBe(404);
  });
});

describe('undo of the last decision', () => {
  it('puts an approved comment back in pending and the public count back, once', async () => {
    await kit.settings({ mode: 'pre' });
    const article = await kit.liveArticle();
    const posted = await kit.post(article.slug, { authorName: 'Undone', body: 'Approve me by mistake.' });
    const approved = await kit.moderate(posted.body.id, 'approve');
    expect(approved.body).toMatchObject({ status: 'approved', decisions: 1 });
    expect(await kit.counts(article)).toEqual({ live: 1, working: 1 });

    const undone = await undo(posted.body.id, approved.body.decisions);
    expect(undone.status, undone.text).toBe(200);
    expect(undone.body).toMatchObject({ status: 'pending', decisions: 2 });
    expect(undone.body.moderation.at(-1)).toMatchObject({
      action: 'undo',
      from: 'approved',
      to: 'pending',
      actor: 'mo',
    });
    expect(await kit.counts(article)).toEqual({ live: 0, working: 0 });
    const pending = await kit.queue(`/v1/admin/comments?status=pending&articleId=${article.id}`);
    expect(pending.map((c) => c.id)).toEqual([posted.body.id]);

    // Undoing again: nothing left to undo, nothing changes.
    const again = await undo(posted.body.id, 2);
    expect(again.status).toBe(409);
    expect(await kit.counts(article)).toEqual({ live: 0, working: 0 });
  });

  it('a stale undo is a 409 that changes nothing: another moderator decided since', async () => {
    const article = await kit.liveArticle();
    const posted = await kit.post(article.slug, { authorName: 'Contested', body: 'Two moderators.' });
    const mine = await kit.moderate(posted.body.id, 'approve');
    const colleague = await api.token('moderator', 'colleague');
    await kit.moderate(posted.body.id, 'reject', { token: colleague });

    const stale = await undo(posted.body.id, mine.body.decisions);
    expect(stale.status).toBe(409);
    expect(stale.body.detail).toMatch(/moderated again since that decision/);
    const log = await api.request('GET', `/v1/admin/comments/${posted.body.id}/log`, { token: moderator });
    expect(log.body).toMatchObject({ status: 'rejected', decisions: 2 });
    // Nor can one moderator take back another's decision.
    const theirs = await undo(posted.body.id, 2);
    expect(theirs.status).toBe(403);
  });

  it("restores a kept comment's reports and what readers said, back in the reported queue", async () => {
    await kit.settings({ mode: 'post', reportThreshold: 0 });
    const article = await kit.liveArticle();
    const posted = await kit.post(article.slug, { authorName: 'Blunt', body: 'Robust words.' });
    await kit.report(article.slug, posted.body.id, { reason: 'other', text: 'Too rude' });
    await kit.report(article.slug, posted.body.id, { reason: 'abuse' });
    const kept = await kit.moderate(posted.body.id, 'keep');
    expect(kept.body.reportCount).toBe(0);

    const undone = await undo(posted.body.id, kept.body.decisions);
    expect(undone.status, undone.text).toBe(200);
    expect(undone.body).toMatchObject({ status: 'approved', reportCount: 2 });
    expect(undone.body.reports.byReason).toMatchObject({ abuse: 1, other: 1 });
    const reported = await kit.queue('/v1/admin/comments/reported?limit=100');
    expect(reported.map((c) => c.id)).toContain(posted.body.id);
  });

  it('refuses to undo once a reader reported the comment since: the report is not lost', async () => {
    await kit.settings({ mode: 'pre', reportThreshold: 0 });
    const article = await kit.liveArticle();
    const posted = await kit.post(article.slug, { authorName: 'Fresh', body: 'Now up.' });
    const approved = await kit.moderate(posted.body.id, 'approve');
    await kit.report(article.slug, posted.body.id, { reason: 'spam' });
    const res = await undo(posted.body.id, approved.body.decisions);
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/reported the comment after your decision/);
    const log = await api.request('GET', `/v1/admin/comments/${posted.body.id}/log`, { token: moderator });
    expect(log.body.status).toBe('approved');
  });

  it("takes back the trust an undone approval counted: the writer's next comment still waits", async () => {
    await kit.settings({ mode: 'pre', trustAfter: 1 });
    const article = await kit.liveArticle();
    const email = `trust-${Date.now()}@example.org`;
    const first = await kit.post(article.slug, { authorName: 'T', authorEmail: email, body: 'One.' });
    const approved = await kit.moderate(first.body.id, 'approve');
    expect((await undo(first.body.id, approved.body.decisions)).status).toBe(200);
    const next = await kit.post(article.slug, { authorName: 'T', authorEmail: email, body: 'Two.' });
    expect(next.body.status).toBe('pending');
    await kit.settings({ mode: 'pre', trustAfter: 0 });
  });

  it('checks its body: a missing or bad version is a 422 naming decisions', async () => {
    const res = await api.request('POST', '/v1/admin/comments/01KAX3TT6V3Q7D0Y6M1V0C5N8E/undo', {
      token: moderator,
      json: { decisions: 0 },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'decisions', message: 'must be at least 1' }]);
    const missing = await undo('01KAX3TT6V3Q7D0Y6M1V0C5N8E', 1);
    expect(missing.status).toBe(404);
  });
});

describe('what moderators read', () => {
  it('an approved comment no longer carries the pre-moderation reason; a pending one does', async () => {
    await kit.settings({ mode: 'pre', reportThreshold: 0 });
    const article = await kit.liveArticle();
    const posted = await kit.post(article.slug, { authorName: 'Waiting', body: 'Held by the mode.' });
    const pending = await kit.queue(`/v1/admin/comments?status=pending&articleId=${article.id}`);
    expect(pending[0]?.reasons).toEqual([{ rule: 'pre-moderation', detail: null }]);
    await kit.moderate(posted.body.id, 'approve');
    await kit.report(article.slug, posted.body.id, { reason: 'abuse' });
    const reported = await kit.queue('/v1/admin/comments/reported?limit=100');
    const live = reported.find((c) => c.id === posted.body.id);
    expect(live?.reasons).toEqual([]);
  });

  it("says what is wrong with a setting in the setting's own unit", async () => {
    const res = await api.request('PUT', '/v1/admin/settings/comments', {
      token: kit.admin,
      json: {
        mode: 'pre',
        maxLinks: 51,
        blockedTerms: [],
        floodSeconds: 86_401,
        reportThreshold: -1,
        trustAfter: 1.5,
        closeAfterDays: 0,
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: 'maxLinks', message: 'at most 50 links' },
      { path: 'floodSeconds', message: 'at most 86,400 seconds' },
      { path: 'reportThreshold', message: 'at least 0 reports' },
      { path: 'trustAfter', message: 'must be a whole number of approved comments' },
      { path: 'closeAfterDays', message: 'at least 1 day' },
    ]);
  });
});

describe('replies in the queues', () => {
  it('carry the comment they answer (who, the start of its text, its status); other comments none', async () => {
    await kit.settings({ mode: 'pre', reportThreshold: 0 });
    const article = await kit.liveArticle();
    const long = `The ferry timetable changes on Monday. ${'More on the new crossings. '.repeat(12)}`;
    const top = await kit.post(article.slug, { authorName: 'Ana Reyes', body: long });
    await kit.moderate(top.body.id, 'approve');
    const reply = await kit.post(article.slug, {
      authorName: 'Bo Lind',
      body: 'Yes, exactly.',
      parentId: top.body.id,
    });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.status).toBe('pending');
    const page = await api.request('GET', `/v1/admin/comments?status=pending&articleId=${article.id}`, {
      token: moderator,
    });
    expect(page.status, page.text).toBe(200);
    const [row] = page.body.items as { id: string; inReplyTo?: Record<string, unknown> }[];
    expect(row?.id).toBe(reply.body.id);
    expect(row?.inReplyTo).toEqual({
      id: top.body.id,
      authorName: 'Ana Reyes',
      excerpt: `${long.slice(0, 199).trimEnd()}…`,
      status: 'approved',
    });
    // The top-level comment, in the approved queue, answers nothing.
    const approved = await api.request('GET', `/v1/admin/comments?status=approved&articleId=${article.id}`, {
      token: moderator,
    });
    const listed = (approved.body.items as { id: string; inReplyTo?: unknown }[]).find(
      (c) => c.id === top.body.id,
    );
    expect(listed).toBeDefined();
    expect(listed).not.toHaveProperty('inReplyTo');
    // A search of the queue carries it too, and the parent's status as it is now.
    await kit.moderate(top.body.id, 'reject');
    // The queues' search index follows the stream.
    await api.events();
    const found = await api.request(
      'GET',
      `/v1/admin/comments?status=pending&q=exactly&articleId=${article.id}`,
      {
        token: moderator,
      },
    );
    expect(found.status, found.text).toBe(200);
    expect((found.body.items as { inReplyTo?: { status: string } }[])[0]?.inReplyTo?.status).toBe('rejected');
  });
});
