import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../shared/store/client.ts';
import { useCommentKit } from '../support/comments.ts';

/**
 * Featured comments, closing, sorting and one-level threads, the moderation log, and the gaps
 * left in bans, trust and erasure. Over HTTP through the local gateway on DynamoDB Local; the
 * counts are read from the public article and the working copy after every move.
 */
const kit = useCommentKit('ThreadBrowser', { mode: 'post' });

type Item = Record<string, any>;

/** Every item of a public list, page by page, with the sizes of the pages. */
async function allPages(path: string, limit: number): Promise<{ items: Item[]; pages: number }> {
  const items: Item[] = [];
  let pages = 0;
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await kit.publicPage(
      `${path}${separator}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    pages += 1;
    cursor = page.nextCursor;
  } while (cursor);
  return { items, pages };
}

/** What the moderators' queue says is approved and featured on an article: the truth to count. */
async function truth(article: { id: string }) {
  const approved = await kit.queue(`/v1/admin/comments?status=approved&articleId=${article.id}&limit=100`);
  return { comments: approved.length, featured: approved.filter((c) => c.featured).length };
}

async function expectExactCounts(article: { id: string; slug: string }) {
  const { comments, featured } = await truth(article);
  expect(await kit.counts(article)).toEqual({ live: comments, working: comments });
  expect(await kit.featuredCounts(article)).toEqual({ live: featured, working: featured });
  const listed = await allPages(`/v1/articles/${article.slug}/comments/featured`, 100);
  expect(listed.items).toHaveLength(featured);
}

describe('featured comments', () => {
  it('features an approved comment, lists it, counts it exactly and unfeatures it', async () => {
    await kit.settings();
    const article = await kit.liveArticle();
    const a = await kit.post(article.slug, { authorName: 'Ana', body: 'The cycle lane should stay.' });
    const b = await kit.post(article.slug, { authorName: 'Ben', body: 'Buses first, please.' });
    expect(await kit.featuredCounts(article)).toEqual({ live: 0, working: 0 });

    const featured = await kit.moderate(a.body.id, 'feature', { note: 'Best summary of the debate' });
    expect(featured.status, featured.text).toBe(200);
    expect(featured.body).toMatchObject({ status: 'approved', featured: true });
    expect(await kit.featuredCounts(article)).toEqual({ live: 1, working: 1 });
    expect(await kit.counts(article)).toEqual({ live: 2, working: 2 });
    const list = await kit.publicPage(`/v1/articles/${article.slug}/comments/featured`);
    expect(list.items.map((c) => [c.id, c.featured])).toEqual([[a.body.id, true]]);
    const thread = await kit.publicPage(`/v1/articles/${article.slug}/comments`);
    expect(thread.items.map((c) => [c.id, c.featured])).toEqual([
      [a.body.id, true],
      [b.body.id, false],
    ]);

    // Twice is a 409 and changes nothing; so is featuring what the public cannot see.
    expect((await kit.moderate(a.body.id, 'feature')).status).toBe(409);
    await kit.settings({ mode: 'pre' });
    const held = await kit.post(article.slug, { authorName: 'Cy', body: 'Held for a moderator.' });
    const notShown = await kit.moderate(held.body.id, 'feature');
    expect(notShown.status).toBe(409);
    expect(notShown.body.detail).toMatch(/approved/);
    expect(await kit.featuredCounts(article)).toEqual({ live: 1, working: 1 });

    expect((await kit.moderate(a.body.id, 'unfeature')).body.featured).toBe(false);
    expect(await kit.featuredCounts(article)).toEqual({ live: 0, working: 0 });
    expect((await kit.moderate(a.body.id, 'unfeature')).status).toBe(409);
    expect((await kit.publicPage(`/v1/articles/${article.slug}/comments/featured`)).items).toEqual([]);
  });

  it('takes a featured comment off the featured count when it is rejected, requeued, held by reports or erased', async () => {
    await kit.settings({ reportThreshold: 2 });
    const article = await kit.liveArticle();
    const ids: string[] = [];
    for (const name of ['Dee', 'Eli', 'Fay', 'Gus']) {
      ids.push((await kit.post(article.slug, { authorName: name, body: `${name} has a view.` })).body.id);
    }
    for (const id of ids) expect((await kit.moderate(id, 'feature')).status).toBe(200);
    expect(await kit.featuredCounts(article)).toEqual({ live: 4, working: 4 });
    const [rejected = '', requeued = '', reported = '', erased = ''] = ids;

    expect((await kit.moderate(rejected, 'reject')).body).toMatchObject({
      status: 'rejected',
      featured: false,
    });
    expect((await kit.moderate(requeued, 'requeue')).body).toMatchObject({
      status: 'pending',
      featured: false,
    });
    for (let i = 0; i < 2; i += 1) {
      expect((await kit.report(article.slug, reported, { reason: 'abuse' })).status).toBe(201);
    }
    const erase = await kit.api.request('DELETE', `/v1/admin/comments/${erased}`, { token: kit.admin });
    expect(erase.status).toBe(204);
    expect(await kit.featuredCounts(article)).toEqual({ live: 0, working: 0 });
    expect(await kit.counts(article)).toEqual({ live: 0, working: 0 });
    // Approved again, a comment is not featured again by itself.
    expect((await kit.moderate(requeued, 'approve')).body.featured).toBe(false);
    await expectExactCounts(article);
  });

  it('keeps the public count and the featured count exact under 20 concurrent actions', async () => {
    await kit.settings();
    const article = await kit.liveArticle();
    const ids: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      ids.push((await kit.post(article.slug, { authorName: `Reader ${i}`, body: `Opinion ${i}.` })).body.id);
    }
    await kit.moderate(ids[0] ?? '', 'feature');
    await kit.moderate(ids[1] ?? '', 'feature');
    // Two or three actions race on each comment: feature against reject, unfeature against spam...
    const actions: [string, string][] = [];
    const mix = ['feature', 'reject', 'unfeature', 'spam', 'feature', 'requeue', 'approve', 'feature'];
    for (let i = 0; i < 20; i += 1)
      actions.push([ids[i % ids.length] ?? '', mix[(i * 3) % mix.length] ?? '']);
    const answers = await Promise.all(actions.map(([id, action]) => kit.moderate(id, action)));
    for (const answer of answers) expect([200, 409]).toContain(answer.status);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThan(0);
    await expectExactCounts(article);
  });
});

describe('closing', () => {
  it('closes a thread: submissions answer 403 and change nothing, the thread stays readable; reopening takes comments again', async () => {
    await kit.settings();
    const article = await kit.liveArticle();
    const first = await kit.post(article.slug, { authorName: 'Hal', body: 'Before the close.' });
    const before = await kit.publicPage(`/v1/articles/${article.slug}/comments`);
    const open = await kit.publicPage(`/v1/articles/${article.slug}`);
    expect(open).toMatchObject({ commentsOpen: true, commentsCloseAt: null });

    const closed = await kit.api.request('POST', `/v1/admin/articles/${article.id}/thread`, {
      token: kit.moderator,
      json: { action: 'close' },
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.body).toMatchObject({ articleId: article.id, commentsOpen: false });
    const after = await kit.publicPage(`/v1/articles/${article.slug}`);
    expect(after).toMatchObject({ commentsOpen: false, commentsCloseAt: closed.body.commentsCloseAt });

    const refused = await kit.post(article.slug, { authorName: 'Ivy', body: 'After the close.' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe('Comments are closed on this article.');
    const reply = await kit.post(article.slug, {
      authorName: 'Ivy',
      body: 'A reply.',
      parentId: first.body.id,
    });
    expect(reply.status).toBe(403);
    expect(await kit.queue(`/v1/admin/comments?status=pending&articleId=${article.id}`)).toEqual([]);
    expect(await kit.counts(article)).toEqual({ live: 1, working: 1 });
    expect(await kit.publicPage(`/v1/articles/${article.slug}/comments`)).toEqual(before);
    // Reports on what is shown still reach the moderators.
    expect((await kit.report(article.slug, first.body.id, { reason: 'spam' })).status).toBe(201);

    // Editors may reopen it too; authors may not touch it.
    const byAuthor = await kit.api.request('POST', `/v1/admin/articles/${article.id}/thread`, {
      token: kit.author,
      json: { action: 'reopen' },
    });
    expect(byAuthor.status).toBe(403);
    const reopened = await kit.api.request('POST', `/v1/admin/articles/${article.id}/thread`, {
      token: kit.editor,
      json: { action: 'reopen' },
    });
    expect(reopened.body).toEqual({ articleId: article.id, commentsOpen: true, commentsCloseAt: null });
    expect((await kit.post(article.slug, { authorName: 'Jo', body: 'Open again.' })).status).toBe(201);
    expect(await kit.counts(article)).toEqual({ live: 2, working: 2 });
  });

  it("writes each close and reopen into the article's history: who, when, which way and why", async () => {
    const article = await kit.liveArticle();
    const thread = (token: string, json: unknown) =>
      kit.api.request('POST', `/v1/admin/articles/${article.id}/thread`, { token, json });
    const closed = await thread(kit.moderator, {
      action: 'close',
      reason: 'Legal: the case is before a court',
    });
    expect(closed.status, closed.text).toBe(200);
    const until = new Date(Date.now() + 86_400_000).toISOString();
    expect((await thread(kit.editor, { action: 'reopen', closeAt: until })).status).toBe(200);
    // Refused writes leave no entry.
    expect((await thread(kit.editor, { action: 'close', closeAt: until })).status).toBe(422);
    expect((await thread(kit.author, { action: 'close' })).status).toBe(403);

    const history = await kit.api.request('GET', `/v1/admin/articles/${article.id}/history`, {
      token: kit.editor,
    });
    expect(history.status).toBe(200);
    const entries = history.body.items as Record<string, unknown>[];
    // After the publication that made the thread, in order, at the version they happened at.
    expect(entries.map((e) => e.action)).toEqual([
      'create',
      'submit',
      'approve',
      'publish',
      'comments-closed',
      'comments-reopened',
    ]);
    expect(entries.slice(-2)).toEqual([
      {
        at: closed.body.commentsCloseAt,
        actor: 'mo',
        action: 'comments-closed',
        from: null,
        to: null,
        version: article.version,
        note: 'Legal: the case is before a court',
      },
      {
        at: expect.any(String),
        actor: 'erin',
        action: 'comments-reopened',
        from: null,
        to: null,
        version: article.version,
        commentsCloseAt: until,
      },
    ]);
  });

  it('closes by itself when its time comes, stamped closeAfterDays after first publication', async () => {
    await kit.settings({ closeAfterDays: 14 });
    const article = await kit.liveArticle();
    const shown = await kit.publicPage(`/v1/articles/${article.slug}`);
    expect(shown.commentsCloseAt).toBe(
      new Date(Date.parse(shown.publishedAt) + 14 * 86_400_000).toISOString(),
    );
    expect(shown.commentsOpen).toBe(true);
    const working = await kit.api.request('GET', `/v1/admin/articles/${article.id}`, { token: kit.editor });
    expect(working.body.commentsCloseAt).toBe(shown.commentsCloseAt);
    await kit.settings({ closeAfterDays: null });

    // Reopened until two seconds from now: then it closes on its own, with no write.
    const until = new Date(Date.now() + 2_000).toISOString();
    const reopened = await kit.api.request('POST', `/v1/admin/articles/${article.id}/thread`, {
      token: kit.moderator,
      json: { action: 'reopen', closeAt: until },
    });
    expect(reopened.body).toMatchObject({ commentsOpen: true, commentsCloseAt: until });
    expect((await kit.post(article.slug, { authorName: 'Kit', body: 'Just in time.' })).status).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await kit.post(article.slug, { authorName: 'Lou', body: 'Too late.' })).status).toBe(403);
    expect((await kit.publicPage(`/v1/articles/${article.slug}`)).commentsOpen).toBe(false);
    expect(await kit.counts(article)).toEqual({ live: 1, working: 1 });
  });

  it('refuses what cannot be: a past closeAt, closeAt with close, an article never published', async () => {
    const article = await kit.liveArticle();
    const thread = (json: unknown, id = article.id) =>
      kit.api.request('POST', `/v1/admin/articles/${id}/thread`, { token: kit.moderator, json });
    const past = await thread({ action: 'reopen', closeAt: '2020-01-01T00:00:00Z' });
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([{ path: 'closeAt', message: 'must be in the future' }]);
    expect((await thread({ action: 'close', closeAt: '2099-01-01T00:00:00Z' })).status).toBe(422);
    expect((await thread({ action: 'lock' })).status).toBe(422);
    const draft = await kit.api.request('POST', '/v1/admin/articles', {
      token: kit.author,
      json: { title: 'Unpublished', section: 'city', body: [{ type: 'paragraph', text: 'x' }] },
    });
    // A draft has no thread yet: answered exactly as an id that names nothing, so a moderator
    // (who cannot read drafts) cannot learn from this route which drafts exist.
    const unknownId = '01KAX3TT6V3Q7D0Y6M1V0C5N8E';
    for (const action of ['close', 'reopen']) {
      const [ofDraft, ofUnknown] = await Promise.all([
        thread({ action }, draft.body.id),
        thread({ action }, unknownId),
      ]);
      expect(ofDraft.status, ofDraft.text).toBe(404);
      expect(ofUnknown.status).toBe(404);
      expect(ofDraft.headers.get('content-type')).toBe(ofUnknown.headers.get('content-type'));
      const same = ({ requestId: _, ...body }: Record<string, unknown>, id: string) => ({
        ...body,
        detail: String(body.detail).replace(id, '<id>'),
      });
      expect(same(ofDraft.body, draft.body.id)).toEqual(same(ofUnknown.body, unknownId));
    }
    expect((await kit.publicPage(`/v1/articles/${article.slug}`)).commentsOpen).toBe(true);
  });
});

describe('sorting and one-level threads', () => {
  it('orders top-level comments oldest, newest and by replies across pages, with exact reply counts', async () => {
    await kit.settings();
    const article = await kit.liveArticle();
    const tops: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      tops.push((await kit.post(article.slug, { authorName: `Top ${i}`, body: `Point ${i}.` })).body.id);
    }
    const repliesTo = [0, 3, 2, 0, 1, 3, 0];
    const replyIds = new Map<string, string[]>();
    for (const [i, n] of repliesTo.entries()) {
      const parent = tops[i] ?? '';
      for (let r = 0; r < n; r += 1) {
        // Every other reply answers the previous reply: it joins the same top-level comment.
        const answering = r % 2 === 1 ? (replyIds.get(parent)?.at(-1) ?? parent) : parent;
        const res = await kit.post(article.slug, {
          authorName: `Reply ${i}.${r}`,
          body: `Reply ${r} to ${i}.`,
          parentId: answering,
        });
        expect(res.status, res.text).toBe(201);
        replyIds.set(parent, [...(replyIds.get(parent) ?? []), res.body.id]);
      }
    }
    const path = `/v1/articles/${article.slug}/comments`;
    const oldest = await allPages(`${path}?sort=oldest`, 2);
    expect(oldest.pages).toBeGreaterThan(3);
    expect(oldest.items.map((c) => c.id)).toEqual(tops);
    expect(oldest.items.map((c) => c.replyCount)).toEqual(repliesTo);
    expect(oldest.items.every((c) => c.parentId === null)).toBe(true);
    expect((await allPages(path, 3)).items.map((c) => c.id)).toEqual(tops);
    expect((await allPages(`${path}?sort=newest`, 2)).items.map((c) => c.id)).toEqual([...tops].reverse());
    const byReplies = await allPages(`${path}?sort=replies`, 2);
    expect(new Set(byReplies.items.map((c) => c.id))).toEqual(new Set(tops));
    expect(byReplies.items).toHaveLength(7);
    const counts = byReplies.items.map((c) => c.replyCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(3);

    // Each comment's replies, oldest first, all under the top-level comment.
    const second = tops[1] ?? '';
    const replies = await allPages(`${path}/${second}/replies`, 1);
    expect(replies.items.map((c) => c.id)).toEqual(replyIds.get(second));
    expect(replies.items.every((c) => c.parentId === second && c.replyCount === 0)).toBe(true);

    // A reply rejected or erased leaves its parent's count; the article's count stays exact.
    const [r1 = '', r2 = ''] = replyIds.get(second) ?? [];
    expect((await kit.moderate(r1, 'reject')).status).toBe(200);
    const gone = await kit.api.request('DELETE', `/v1/admin/comments/${r2}`, { token: kit.admin });
    expect(gone.status).toBe(204);
    const after = await allPages(`${path}?sort=replies`, 10);
    expect(after.items.find((c) => c.id === second)?.replyCount).toBe(1);
    expect(after.items.map((c) => c.replyCount)).toEqual([3, 2, 1, 1, 0, 0, 0]);
    expect(await kit.counts(article)).toEqual({ live: 7 + 9 - 2, working: 7 + 9 - 2 });
  });

  it('pages by replies to the end without skipping a comment whose replies are approved meanwhile', async () => {
    await kit.settings({ mode: 'post' });
    const article = await kit.liveArticle();
    const path = `/v1/articles/${article.slug}/comments`;
    const tops: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      tops.push((await kit.post(article.slug, { authorName: `T${i}`, body: `Top ${i}.` })).body.id);
    }
    // A reply waiting under every comment, approved while a reader pages.
    await kit.settings({ mode: 'pre' });
    const waiting = new Map<string, string[]>();
    for (const [i, top] of tops.entries()) {
      const n = i % 3 === 0 ? 3 : 1;
      const ids: string[] = [];
      for (let r = 0; r < n; r += 1) {
        ids.push(
          (await kit.post(article.slug, { authorName: 'R', body: `On ${i}, ${r}.`, parentId: top })).body.id,
        );
      }
      waiting.set(top, ids);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await kit.publicPage(
        `${path}?sort=replies&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(5);
      seen.push(...page.items.map((c) => c.id as string));
      cursor = page.nextCursor;
      pages += 1;
      // Between pages, comments the reader has not reached gain replies and climb past the page.
      const unseen = tops.filter((id) => !seen.includes(id) && (waiting.get(id)?.length ?? 0) > 0);
      for (const id of unseen.slice(-2)) {
        const replies = waiting.get(id) ?? [];
        const results = await Promise.all(replies.map((r) => kit.moderate(r, 'approve')));
        expect(results.map((r) => r.status)).toEqual(replies.map(() => 200));
        waiting.set(id, []);
      }
    } while (cursor && pages < 40);
    expect(cursor).toBeNull();
    expect(tops.filter((id) => !seen.includes(id))).toEqual([]);
    // A comment is listed twice at most (once where it stood, once after it moved), never lost.
    const times = new Map<string, number>();
    for (const id of seen) times.set(id, (times.get(id) ?? 0) + 1);
    expect(Math.max(...times.values())).toBeLessThanOrEqual(2);

    // A comment that rose and was then rejected is listed by replies only as its placeholder, in
    // both passes: what it said leaves every public index with it.
    const risen = tops.find((id) => waiting.get(id)?.length === 0) ?? '';
    expect((await kit.moderate(risen, 'reject')).status).toBe(200);
    const again: Record<string, any>[] = [];
    let next: string | null = null;
    do {
      const page = await kit.publicPage(
        `${path}?sort=replies&limit=5${next ? `&cursor=${encodeURIComponent(next)}` : ''}`,
      );
      again.push(...page.items);
      next = page.nextCursor;
    } while (next);
    const rows = again.filter((c) => c.id === risen);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ removed: true, authorName: null, body: null });
    expect(new Set(again.map((c) => c.id))).toEqual(new Set(tops));
  });

  it('keeps a cursor to its own order and refuses an unknown order', async () => {
    const article = await kit.liveArticle();
    for (let i = 0; i < 3; i += 1) await kit.post(article.slug, { authorName: `P${i}`, body: `Words ${i}.` });
    const path = `/v1/articles/${article.slug}/comments`;
    const page = await kit.publicPage(`${path}?sort=newest&limit=1`);
    const cursor = encodeURIComponent(page.nextCursor ?? '');
    expect((await kit.api.request('GET', `${path}?sort=oldest&limit=1&cursor=${cursor}`)).status).toBe(400);
    const unknown = await kit.api.request('GET', `${path}?sort=loudest`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/oldest, newest, replies/);
  });
});

describe('the moderation log', () => {
  it('records every action with who, what, when, reasons and from and to, for moderators only', async () => {
    await kit.settings({ mode: 'pre', suspectTerms: ['shill'] });
    const article = await kit.liveArticle();
    const c = await kit.post(article.slug, { authorName: 'Max', body: 'The planner is a shill, I think.' });
    await kit.moderate(c.body.id, 'approve', { note: 'Opinion, not an accusation' });
    await kit.moderate(c.body.id, 'feature');
    await kit.moderate(c.body.id, 'reject', { token: kit.admin, note: 'On legal advice' });
    const log = await kit.api.request('GET', `/v1/admin/comments/${c.body.id}/log`, { token: kit.moderator });
    expect(log.status).toBe(200);
    expect(log.body).toMatchObject({
      commentId: c.body.id,
      status: 'rejected',
      featured: false,
      decisions: 3,
    });
    expect(log.body.entries).toEqual([
      {
        at: expect.any(String),
        actor: 'mo',
        action: 'approve',
        from: 'pending',
        to: 'approved',
        note: 'Opinion, not an accusation',
        reasons: [
          { rule: 'suspect-term', detail: 'shill' },
          { rule: 'moderator', detail: 'Opinion, not an accusation' },
        ],
      },
      {
        at: expect.any(String),
        actor: 'mo',
        action: 'feature',
        from: 'approved',
        to: 'approved',
        reasons: [{ rule: 'suspect-term', detail: 'shill' }],
      },
      {
        at: expect.any(String),
        actor: 'ada',
        action: 'reject',
        from: 'approved',
        to: 'rejected',
        note: 'On legal advice',
        reasons: [
          { rule: 'suspect-term', detail: 'shill' },
          { rule: 'moderator', detail: 'On legal advice' },
        ],
      },
    ]);
    const times = log.body.entries.map((e: { at: string }) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((x: number, y: number) => x - y));
    expect(
      (await kit.api.request('GET', `/v1/admin/comments/${c.body.id}/log`, { token: kit.editor })).status,
    ).toBe(403);
    expect(
      (
        await kit.api.request('GET', '/v1/admin/comments/01KAX3TT6V3Q7D0Y6M1V0C5N8E/log', {
          token: kit.moderator,
        })
      ).status,
    ).toBe(404);
  });
});

describe('gaps closed', () => {
  it('a ban rejects the pending comments posted under the same email from another client', async () => {
    await kit.settings({ mode: 'pre' });
    const article = await kit.liveArticle();
    const email = 'same.person@example.org';
    const fromHome = await kit.post(article.slug, {
      authorName: 'Nat',
      authorEmail: email,
      body: 'From home.',
    });
    const fromWork = await kit.post(article.slug, {
      authorName: 'N.',
      authorEmail: email,
      body: 'From work.',
    });
    const someoneElse = await kit.post(article.slug, { authorName: 'Oz', body: 'Unrelated.' });
    const ban = await kit.api.request('POST', '/v1/admin/bans', {
      token: kit.moderator,
      json: { commentId: fromHome.body.id, reason: 'Sockpuppetry' },
    });
    expect(ban.status, ban.text).toBe(201);
    expect(new Set(ban.body.rejected)).toEqual(new Set([fromHome.body.id, fromWork.body.id]));
    const pending = await kit.queue(`/v1/admin/comments?status=pending&articleId=${article.id}`);
    expect(pending.map((c) => c.id)).toEqual([someoneElse.body.id]);
  });

  it('counts a comment approved, requeued and approved again once toward trust', async () => {
    await kit.settings({ mode: 'pre', trustAfter: 2 });
    const article = await kit.liveArticle();
    const email = 'regular@example.org';
    const first = await kit.post(article.slug, {
      authorName: 'Pat',
      authorEmail: email,
      body: 'First words.',
    });
    expect((await kit.moderate(first.body.id, 'approve')).status).toBe(200);
    expect((await kit.moderate(first.body.id, 'requeue')).status).toBe(200);
    expect((await kit.moderate(first.body.id, 'approve')).status).toBe(200);
    // One comment approved, however often: not yet trusted.
    const second = await kit.post(article.slug, {
      authorName: 'Pat',
      authorEmail: email,
      body: 'More words.',
    });
    expect(second.body.status).toBe('pending');
    expect((await kit.moderate(second.body.id, 'approve')).status).toBe(200);
    const third = await kit.post(article.slug, {
      authorName: 'Pat',
      authorEmail: email,
      body: 'Trusted now.',
    });
    expect(third.body.status).toBe('approved');
  });

  it('erases the readers\u2019 report markers with the comment', async () => {
    await kit.settings({ reportThreshold: 0 });
    const article = await kit.liveArticle();
    const c = await kit.post(article.slug, { authorName: 'Quin', body: 'Reported, then erased.' });
    for (let i = 0; i < 3; i += 1) await kit.report(article.slug, c.body.id, { reason: 'spam' });
    const db = createDocumentClient(kit.api.env.endpoint);
    const partition = () =>
      db.send(
        new QueryCommand({
          TableName: kit.api.env.commentsTable,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `COMMENT#${c.body.id}` },
        }),
      );
    expect((await partition()).Items).toHaveLength(4);
    const erased = await kit.api.request('DELETE', `/v1/admin/comments/${c.body.id}`, { token: kit.admin });
    expect(erased.status).toBe(204);
    expect((await partition()).Items).toEqual([]);
    db.destroy();
    expect(await kit.counts(article)).toEqual({ live: 0, working: 0 });
  });
});

describe('a removed comment with replies', () => {
  const path = (slug: string) => `/v1/articles/${slug}/comments`;
  const erase = (id: string) => kit.api.request('DELETE', `/v1/admin/comments/${id}`, { token: kit.admin });
  /** The thread's rows by id, in both orders (each must list the same rows). */
  async function thread(slug: string) {
    const oldest = (await allPages(`${path(slug)}?sort=oldest`, 2)).items;
    const byReplies = (await allPages(`${path(slug)}?sort=replies`, 2)).items;
    expect(new Set(byReplies.map((c) => c.id))).toEqual(new Set(oldest.map((c) => c.id)));
    return new Map(oldest.map((c) => [c.id, c]));
  }
  /** Every shown top-level row says as many replies as its replies list holds; counts exact. */
  async function expectConsistent(article: { id: string; slug: string }) {
    for (const row of (await thread(article.slug)).values()) {
      const replies = await allPages(`${path(article.slug)}/${row.id}/replies`, 100);
      expect(row.replyCount, row.id).toBe(replies.items.length);
    }
    await expectExactCounts(article);
  }
  const placeholder = (id: string, replyCount: number) => ({
    id,
    parentId: null,
    authorName: null,
    body: null,
    replyCount,
    featured: false,
    removed: true,
  });

  it('keeps a placeholder (no author, no body) with its replies while it has any, counts exact', async () => {
    await kit.settings();
    const article = await kit.liveArticle();
    const p = (await kit.post(article.slug, { authorName: 'Pia', body: 'Take the bridge down.' })).body.id;
    const q = (await kit.post(article.slug, { authorName: 'Quo', body: 'No replies here.' })).body.id;
    const [r1, r2] = await Promise.all(
      ['Never.', 'Why?'].map(async (body) => {
        const res = await kit.post(article.slug, { authorName: 'Rey', body, parentId: p });
        expect(res.status, res.text).toBe(201);
        return res.body.id as string;
      }),
    );
    expect((await kit.moderate(p, 'feature')).status).toBe(200);
    await expectConsistent(article);

    // Rejected while two replies answer it: a placeholder with both, off the featured count.
    expect((await kit.moderate(p, 'reject')).status).toBe(200);
    let rows = await thread(article.slug);
    expect(rows.get(p)).toMatchObject(placeholder(p, 2));
    expect(rows.get(q)).toMatchObject({ authorName: 'Quo', removed: false });
    // Both, oldest first: posted at once, either may have been stored first.
    const replies = (await allPages(`${path(article.slug)}/${p}/replies`, 100)).items;
    expect(replies.map((c) => c.id).sort()).toEqual([r1, r2].sort());
    const created = replies.map((c) => `${c.createdAt}#${c.id}`);
    expect(created).toEqual([...created].sort());
    expect((await kit.publicPage(`${path(article.slug)}?sort=replies`)).items[0]?.id).toBe(p);
    // The placeholder takes no replies and no reports: it is not a comment.
    const reply = await kit.post(article.slug, { authorName: 'Sol', body: 'Me too.', parentId: p });
    expect(reply.status).toBe(422);
    expect((await kit.report(article.slug, p, { reason: 'spam' })).status).toBe(404);
    await expectConsistent(article);

    // Rejected without replies: simply gone.
    expect((await kit.moderate(q, 'reject')).status).toBe(200);
    expect((await thread(article.slug)).has(q)).toBe(false);

    // Its replies move its count; approved again, it is itself again with the same count.
    expect((await kit.moderate(r1 ?? '', 'reject')).status).toBe(200);
    expect((await thread(article.slug)).get(p)).toMatchObject(placeholder(p, 1));
    expect((await kit.moderate(p, 'approve')).status).toBe(200);
    expect((await thread(article.slug)).get(p)).toMatchObject({
      authorName: 'Pia',
      replyCount: 1,
      removed: false,
    });
    await expectConsistent(article);

    // Erased for good: the placeholder stays for the reply, and one approved later joins it.
    expect((await erase(p)).status).toBe(204);
    rows = await thread(article.slug);
    expect(rows.get(p)).toMatchObject(placeholder(p, 1));
    expect(JSON.stringify(rows.get(p))).not.toMatch(/Pia|bridge/);
    expect((await kit.moderate(r1 ?? '', 'approve')).status).toBe(200);
    expect((await thread(article.slug)).get(p)).toMatchObject(placeholder(p, 2));
    await expectConsistent(article);

    // No replies left: the placeholder is not shown.
    expect((await kit.moderate(r1 ?? '', 'spam')).status).toBe(200);
    expect((await erase(r2 ?? '')).status).toBe(204);
    expect((await thread(article.slug)).has(p)).toBe(false);
    await expectConsistent(article);
  });

  it('keeps the placeholder when reports hold the comment back, and under concurrent reply decisions', async () => {
    await kit.settings({ reportThreshold: 2 });
    const article = await kit.liveArticle();
    const p = (await kit.post(article.slug, { authorName: 'Ivo', body: 'Close the market.' })).body.id;
    const replies: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      replies.push(
        (await kit.post(article.slug, { authorName: `R${i}`, body: `Reply ${i}.`, parentId: p })).body.id,
      );
    }
    // Held back by reports while moderators reject half its replies at the same time.
    const results = await Promise.all([
      kit.report(article.slug, p, { reason: 'abuse' }),
      kit.report(article.slug, p, { reason: 'abuse' }),
      ...replies.slice(0, 5).map((id) => kit.moderate(id, 'reject')),
    ]);
    expect(results.map((r) => r.status)).toEqual(Array(7).fill(expect.any(Number)));
    expect(results.slice(2).every((r) => r.status === 200)).toBe(true);
    const held = await kit.queue(`/v1/admin/comments?status=pending&articleId=${article.id}`);
    expect(held.map((c) => c.id)).toEqual([p]);
    expect((await thread(article.slug)).get(p)).toMatchObject(placeholder(p, 5));
    await expectConsistent(article);

    // Replies approved and rejected concurrently with the comment's own approval and rejection.
    await Promise.all([
      kit.moderate(p, 'approve'),
      ...replies.slice(0, 3).map((id) => kit.moderate(id, 'approve')),
      ...replies.slice(5, 7).map((id) => kit.moderate(id, 'reject')),
    ]);
    await Promise.all([
      kit.moderate(p, 'reject'),
      ...replies.slice(3, 5).map((id) => kit.moderate(id, 'approve')),
    ]);
    expect((await thread(article.slug)).get(p)).toMatchObject(placeholder(p, 8));
    await expectConsistent(article);
  });

  it('refuses to show a reply to a comment erased before it had approved replies', async () => {
    await kit.settings();
    const article = await kit.liveArticle();
    const p = (await kit.post(article.slug, { authorName: 'Una', body: 'A point.' })).body.id;
    await kit.settings({ mode: 'pre' });
    const reply = await kit.post(article.slug, { authorName: 'Vic', body: 'An answer.', parentId: p });
    expect(reply.body.status).toBe('pending');
    expect((await erase(p)).status).toBe(204);
    const refused = await kit.moderate(reply.body.id, 'approve');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/erased/);
    expect((await kit.moderate(reply.body.id, 'reject')).status).toBe(200);
    expect((await thread(article.slug)).size).toBe(0);
    await expectConsistent(article);
  });
});
