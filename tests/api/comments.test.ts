import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.ts';
import { createDraft, walk } from '../support/articles.ts';
import { useCommentKit } from '../support/comments.ts';

const kit = useCommentKit('TestBrowser', { mode: 'pre' });
let api: TestApi;
let author: string;
let editor: string;
let moderator: string;
let admin: string;
beforeAll(() => {
  ({ api, author, editor, moderator, admin } = kit);
});
const { settings, liveArticle, post, counts } = {
  settings: (values: Parameters<typeof kit.settings>[0]) => kit.settings(values),
  liveArticle: (overrides?: { commentsEnabled?: boolean }) => kit.liveArticle(overrides),
  post: (slug: string, json: unknown, client?: string) => kit.post(slug, json, client),
  counts: (article: { id: string; slug: string }) => kit.counts(article),
};
const moderate = (id: string, action: string, token = kit.moderator, note?: string) =>
  kit.moderate(id, action, { token, ...(note ? { note } : {}) });
const newClient = () => kit.newClient();

async function publicThread(slug: string) {
  const { data, response } = await api
    .client()
    .GET('/v1/articles/{slug}/comments', { params: { path: { slug }, query: { limit: 100 } } });
  expect(response.status).toBe(200);
  return data?.items ?? [];
}

describe('posting and moderating a comment', () => {
  it('holds a comment in pre-moderation, then shows it with an exact count once approved', async () => {
    await settings({ mode: 'pre' });
    const article = await liveArticle();
    const res = await post(article.slug, {
      authorName: 'Harbour reader',
      authorEmail: 'reader@example.org',
      body: 'The new timetable is much better.',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ id: expect.any(String), status: 'pending' });
    expect(await publicThread(article.slug)).toEqual([]);

    const queue = await api.request('GET', `/v1/admin/comments?status=pending&articleId=${article.id}`, {
      token: moderator,
    });
    expect(queue.status).toBe(200);
    expect(queue.body.items).toHaveLength(1);
    expect(queue.body.items[0]).toMatchObject({
      id: res.body.id,
      status: 'pending',
      article: { id: article.id, slug: article.slug, title: article.title },
      authorEmail: 'reader@example.org',
    });

    const approved = await moderate(res.body.id, 'approve', moderator, 'Fine.');
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.moderation).toEqual([
      {
        at: expect.any(String),
        actor: 'mo',
        action: 'approve',
        from: 'pending',
        to: 'approved',
        note: 'Fine.',
        reasons: [
          { rule: 'pre-moderation', detail: null },
          { rule: 'moderator', detail: 'Fine.' },
        ],
      },
    ]);
    const thread = await publicThread(article.slug);
    expect(thread).toEqual([
      {
        id: res.body.id,
        parentId: null,
        authorName: 'Harbour reader',
        body: 'The new timetable is much better.',
        createdAt: expect.any(String),
        replyCount: 0,
        featured: false,
        removed: false,
      },
    ]);
    expect(await counts(article)).toEqual({ live: 1, working: 1 });

    const requeued = await moderate(res.body.id, 'requeue');
    expect(requeued.body.status).toBe('pending');
    expect(await counts(article)).toEqual({ live: 0, working: 0 });
    expect(await publicThread(article.slug)).toEqual([]);
  });

  it('approves a clean comment at once in post-moderation, and queues links and blocked terms', async () => {
    await settings({ mode: 'post', maxLinks: 1, blockedTerms: ['Casino'] });
    const article = await liveArticle();
    const clean = await post(article.slug, { authorName: 'Sam', body: 'Good reporting, thank you.' });
    expect(clean.body.status).toBe('approved');
    const links = await post(article.slug, {
      authorName: 'Sam',
      body: 'See https://a.example.org and https://b.example.org for the plans.',
    });
    expect(links.body.status).toBe('pending');
    const blockedInBody = await post(article.slug, {
      authorName: 'Kim',
      body: 'Reminds me of the old CASINO site.',
    });
    expect(blockedInBody.body.status).toBe('pending');
    const blockedInName = await post(article.slug, { authorName: 'casino fan', body: 'Nice.' });
    expect(blockedInName.body.status).toBe('pending');
    const blockedInEmail = await post(article.slug, {
      authorName: 'Lee',
      authorEmail: 'lee@casino.example',
      body: 'Agreed.',
    });
    expect(blockedInEmail.body.status).toBe('pending');
    const farm = await post(article.slug, {
      authorName: 'Deals',
      body: 'www.x.example/1 www.x.example/2 www.x.example/3 www.x.example/4 www.x.example/5 www.x.example/6',
    });
    // Spam is never revealed to the submitter.
    expect(farm.body.status).toBe('pending');
    const spam = await api.request('GET', `/v1/admin/comments?status=spam&articleId=${article.id}`, {
      token: moderator,
    });
    expect(spam.body.items.map((c: { id: string }) => c.id)).toEqual([farm.body.id]);
    const pending = await api.request('GET', `/v1/admin/comments?articleId=${article.id}`, {
      token: moderator,
    });
    expect(pending.body.items.map((c: { id: string }) => c.id)).toEqual([
      links.body.id,
      blockedInBody.body.id,
      blockedInName.body.id,
      blockedInEmail.body.id,
    ]);
    expect(pending.body.items[0].flags).toContain('links:2');
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
  });
});

describe('abuse controls', () => {
  it('answers a client posting again too soon with 429 and Retry-After, other clients unaffected', async () => {
    await settings({ floodSeconds: 120 });
    const article = await liveArticle();
    const client = newClient();
    expect((await post(article.slug, { authorName: 'Fast', body: 'First.' }, client)).status).toBe(201);
    const second = await post(article.slug, { authorName: 'Fast', body: 'Second.' }, client);
    expect(second.status).toBe(429);
    const retryAfter = Number(second.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(100);
    expect(retryAfter).toBeLessThanOrEqual(120);
    expect(second.body.type).toBe('/problems/too-many-requests');
    expect((await post(article.slug, { authorName: 'Other', body: 'Hello.' })).status).toBe(201);
    const queue = await api.request('GET', `/v1/admin/comments?articleId=${article.id}`, {
      token: moderator,
    });
    expect(queue.body.items).toHaveLength(2);
  });

  it("refuses an exact duplicate of the same client's recent comment", async () => {
    await settings({ floodSeconds: 0 });
    const article = await liveArticle();
    const client = newClient();
    expect((await post(article.slug, { authorName: 'Echo', body: 'Same words.' }, client)).status).toBe(201);
    const again = await post(article.slug, { authorName: 'Echo', body: '  same   WORDS. ' }, client);
    expect(again.status).toBe(409);
    expect((await post(article.slug, { authorName: 'Echo', body: 'Same words.' })).status).toBe(201);
  });
});

describe('replies', () => {
  it('nests replies one level deep, only under approved comments of the same article', async () => {
    await settings({ mode: 'post', floodSeconds: 0 });
    const article = await liveArticle();
    const other = await liveArticle();
    const top = await post(article.slug, { authorName: 'A', body: 'Top.' });
    const reply = await post(article.slug, { authorName: 'B', body: 'Reply.', parentId: top.body.id });
    expect(reply.status).toBe(201);
    // A reply to a reply joins the top-level comment it answers.
    const deeper = await post(article.slug, { authorName: 'C', body: 'Deeper.', parentId: reply.body.id });
    expect(deeper.status).toBe(201);
    const elsewhere = await post(other.slug, {
      authorName: 'E',
      body: 'Wrong thread.',
      parentId: top.body.id,
    });
    expect(elsewhere.status).toBe(422);
    const missing = await post(article.slug, {
      authorName: 'F',
      body: 'Ghost.',
      parentId: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    });
    expect(missing.status).toBe(422);
    await settings({ mode: 'pre', floodSeconds: 0 });
    const held = await post(article.slug, { authorName: 'G', body: 'Held.' });
    const toHeld = await post(article.slug, {
      authorName: 'H',
      body: 'Reply to held.',
      parentId: held.body.id,
    });
    expect(toHeld.status).toBe(422);
    expect(toHeld.body.errors[0].path).toBe('parentId');
    const thread = await publicThread(article.slug);
    expect(thread.map((c) => [c.id, c.parentId, c.replyCount])).toEqual([[top.body.id, null, 2]]);
    const replies = await api.request('GET', `/v1/articles/${article.slug}/comments/${top.body.id}/replies`);
    expect(replies.status).toBe(200);
    expect(replies.body.items.map((c: { id: string; parentId: string }) => [c.id, c.parentId])).toEqual([
      [reply.body.id, top.body.id],
      [deeper.body.id, top.body.id],
    ]);
  });
});

describe('bad input', () => {
  it.each([
    ['an empty body', { authorName: 'A', body: '   ' }, 'body'],
    ['a body over 2,000 characters', { authorName: 'A', body: 'x'.repeat(2001) }, 'body'],
    ['an empty name', { authorName: '', body: 'Hi' }, 'authorName'],
    ['a name over 80 characters', { authorName: 'n'.repeat(81), body: 'Hi' }, 'authorName'],
    ['control characters', { authorName: 'A', body: 'Hi\u0000there' }, 'body'],
    ['a bad email', { authorName: 'A', body: 'Hi', authorEmail: 'not-an-email' }, 'authorEmail'],
    ['an unknown field', { authorName: 'A', body: 'Hi', status: 'approved' }, 'status'],
    ['a malformed parentId', { authorName: 'A', body: 'Hi', parentId: 'nope' }, 'parentId'],
  ])('refuses %s with 422 and stores nothing', async (_what, json, path) => {
    await settings({ mode: 'post', floodSeconds: 0 });
    const article = await liveArticle();
    const res = await post(article.slug, json);
    expect(res.status, res.text).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    for (const status of ['pending', 'approved', 'spam']) {
      const queue = await api.request('GET', `/v1/admin/comments?status=${status}&articleId=${article.id}`, {
        token: moderator,
      });
      expect(queue.body.items).toEqual([]);
    }
  });

  it('keeps HTML as literal text', async () => {
    await settings({ mode: 'post', floodSeconds: 0 });
    const article = await liveArticle();
    const body = '<script>alert("x")</script> <b>bold</b>';
    expect((await post(article.slug, { authorName: '<i>Name</i>', body })).status).toBe(201);
    const [comment] = await publicThread(article.slug);
    expect(comment?.body).toBe(body);
  });

  it('answers malformed JSON with 400 and a wrong content type with 415', async () => {
    const article = await liveArticle();
    const malformed = await api.request('POST', `/v1/articles/${article.slug}/comments`, {
      body: '{"authorName":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    const wrongType = await api.request('POST', `/v1/articles/${article.slug}/comments`, {
      body: 'authorName=A&body=Hi',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);
  });

  it('refuses comments on drafts and archived articles (404) and where comments are closed (403)', async () => {
    await settings({ mode: 'post', floodSeconds: 0 });
    const draft = await createDraft(api.client(author), { title: 'Unseen draft' });
    expect((await post(draft.slug, { authorName: 'A', body: 'Hi' })).status).toBe(404);
    const closed = await liveArticle({ commentsEnabled: false });
    const refused = await post(closed.slug, { authorName: 'A', body: 'Hi' });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('closed');
    const archived = await liveArticle();
    const unpublished = await api.request('POST', `/v1/admin/articles/${archived.id}/transitions`, {
      token: editor,
      json: { action: 'unpublish' },
      headers: { 'if-match': `"${archived.version}"` },
    });
    expect(unpublished.status).toBe(200);
    expect((await post(archived.slug, { authorName: 'A', body: 'Hi' })).status).toBe(404);
    expect((await post('no-such-article', { authorName: 'A', body: 'Hi' })).status).toBe(404);
  });

  it("takes a pulled story's thread down with it, and brings it back when the story returns", async () => {
    await settings({ mode: 'post', floodSeconds: 0 });
    const article = await liveArticle();
    const quote = { authorName: 'Quoting reader', body: 'The article says the bridge closes in May.' };
    const reply = { authorName: 'Second reader', body: 'And the ferry runs twice as often.' };
    expect((await post(article.slug, quote)).status).toBe(201);
    expect((await post(article.slug, reply)).status).toBe(201);
    expect((await publicThread(article.slug)).map((c) => c.body)).toEqual([quote.body, reply.body]);
    const first = await api.request('GET', `/v1/articles/${article.slug}/comments?limit=1`);
    expect(first.body.nextCursor).toEqual(expect.any(String));

    const [asEditor, asAuthor] = [api.client(editor), api.client(author)];
    const pulled = await walk([[asEditor, 'unpublish']], article);
    const thread = await api.request('GET', `/v1/articles/${article.slug}/comments`);
    expect(thread.status).toBe(404);
    expect(thread.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(thread.body)).not.toContain(quote.body);
    // A reader paging on with a cursor from before is refused the same way.
    const next = `/v1/articles/${article.slug}/comments?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`;
    const secondPage = await api.request('GET', next);
    expect(secondPage.status).toBe(404);
    expect(JSON.stringify(secondPage.body)).not.toContain(reply.body);

    const back = await walk(
      [
        [asEditor, 'restore'],
        [asAuthor, 'submit'],
        [asEditor, 'approve'],
        [asEditor, 'publish'],
      ],
      pulled,
    );
    expect(back.status).toBe('published');
    expect((await publicThread(article.slug)).map((c) => c.body)).toEqual([quote.body, reply.body]);
    expect((await api.request('GET', '/v1/articles/no-such-article/comments')).status).toBe(404);
  });
});

describe('roles', () => {
  it('lets only moderators and admins moderate, and only admins erase and change settings', async () => {
    await settings({ mode: 'pre', floodSeconds: 0 });
    const article = await liveArticle();
    const c = await post(article.slug, { authorName: 'A', body: 'Hold me.' });
    for (const token of [author, editor]) {
      expect((await api.request('GET', '/v1/admin/comments', { token })).status).toBe(403);
      expect((await moderate(c.body.id, 'approve', token)).status).toBe(403);
      expect((await api.request('GET', '/v1/admin/settings/comments', { token })).status).toBe(403);
    }
    expect((await api.request('GET', '/v1/admin/comments')).status).toBe(401);
    expect(
      (await api.request('DELETE', `/v1/admin/comments/${c.body.id}`, { token: moderator })).status,
    ).toBe(403);
    const put = await api.request('PUT', '/v1/admin/settings/comments', {
      token: moderator,
      json: { mode: 'post', maxLinks: 2, blockedTerms: [], floodSeconds: 0 },
    });
    expect(put.status).toBe(403);
    expect((await api.request('GET', '/v1/admin/settings/comments', { token: moderator })).body.mode).toBe(
      'pre',
    );
    expect((await moderate(c.body.id, 'approve', admin)).status).toBe(200);
  });

  it('validates settings with 422 and changes nothing', async () => {
    await settings({ mode: 'pre', maxLinks: 2 });
    for (const bad of [
      { mode: 'sometimes', maxLinks: 2, blockedTerms: [], floodSeconds: 0 },
      { mode: 'post', maxLinks: -1, blockedTerms: [], floodSeconds: 0 },
      { mode: 'post', maxLinks: 2, blockedTerms: [''], floodSeconds: 0 },
      { mode: 'post', maxLinks: 2, blockedTerms: [], floodSeconds: 0, extra: true },
      { mode: 'post' },
    ]) {
      const res = await api.request('PUT', '/v1/admin/settings/comments', { token: admin, json: bad });
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
    const current = await api.request('GET', '/v1/admin/settings/comments', { token: admin });
    // Settings added later (reports, suspect terms, trust) take their defaults when left out.
    expect(current.body).toEqual({
      mode: 'pre',
      maxLinks: 2,
      blockedTerms: [],
      floodSeconds: 0,
      reportThreshold: 3,
      suspectTerms: [],
      trustAfter: 0,
      closeAfterDays: null,
    });
  });

  it('erases a comment for good and takes it off the count', async () => {
    await settings({ mode: 'post', floodSeconds: 0 });
    const article = await liveArticle();
    const c = await post(article.slug, { authorName: 'A', body: 'Delete me.' });
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
    expect((await api.request('DELETE', `/v1/admin/comments/${c.body.id}`, { token: admin })).status).toBe(
      204,
    );
    expect(await counts(article)).toEqual({ live: 0, working: 0 });
    expect(await publicThread(article.slug)).toEqual([]);
    expect((await moderate(c.body.id, 'approve')).status).toBe(404);
    expect((await api.request('DELETE', `/v1/admin/comments/${c.body.id}`, { token: admin })).status).toBe(
      404,
    );
  });
});

describe('exact counts under concurrency', () => {
  it('counts a comment once when moderators approve it at the same time', async () => {
    await settings({ mode: 'pre', floodSeconds: 0 });
    const article = await liveArticle();
    const c = await post(article.slug, { authorName: 'A', body: 'Approve me once.' });
    const results = await Promise.all(Array.from({ length: 6 }, () => moderate(c.body.id, 'approve')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    expect(await counts(article)).toEqual({ live: 1, working: 1 });
  });

  it('keeps the count exact across a mix of concurrent decisions on many comments', async () => {
    await settings({ mode: 'pre', floodSeconds: 0 });
    const article = await liveArticle();
    const ids: string[] = [];
    for (let i = 0; i < 10; i += 1)
      ids.push((await post(article.slug, { authorName: `R${i}`, body: `Comment ${i}` })).body.id);
    await Promise.all(ids.map((id) => moderate(id, 'approve')));
    await Promise.all([
      ...ids.slice(0, 3).map((id) => moderate(id, 'reject')),
      ...ids.slice(0, 3).map((id) => moderate(id, 'spam')),
      moderate(ids[3] ?? '', 'requeue'),
    ]);
    const thread = await publicThread(article.slug);
    expect(thread).toHaveLength(6);
    expect(await counts(article)).toEqual({ live: 6, working: 6 });
  });
});

describe('bulk moderation', () => {
  it('moderates up to 100 ids with a result per id', async () => {
    await settings({ mode: 'pre', floodSeconds: 0 });
    const article = await liveArticle();
    const a = await post(article.slug, { authorName: 'A', body: 'One' });
    const b = await post(article.slug, { authorName: 'B', body: 'Two' });
    await moderate(b.body.id, 'approve');
    const res = await api.request('POST', '/v1/admin/comments/moderation', {
      token: moderator,
      json: {
        ids: [a.body.id, b.body.id, '01ARZ3NDEKTSV4RRFFQ69G5FAV', 'junk'],
        action: 'approve',
        note: 'Batch',
      },
    });
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(
      res.body.results.map((r: { id: string; status: number }) => [r.id, r.status]),
    );
    expect(byId).toEqual({
      [a.body.id]: 200,
      [b.body.id]: 409,
      '01ARZ3NDEKTSV4RRFFQ69G5FAV': 404,
      junk: 404,
    });
    expect(await counts(article)).toEqual({ live: 2, working: 2 });

    const tooMany = await api.request('POST', '/v1/admin/comments/moderation', {
      token: moderator,
      json: { ids: Array.from({ length: 101 }, (_, i) => `id${i}`), action: 'reject' },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].path).toBe('ids');
  });
});

describe('privacy and pagination', () => {
  it('never returns an email or fingerprint publicly, and pages the thread oldest first', async () => {
    await settings({ mode: 'post', floodSeconds: 0 });
    const article = await liveArticle();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await post(article.slug, {
        authorName: `Reader ${i}`,
        authorEmail: `reader${i}@example.org`,
        body: `Point ${i}`,
      });
      expect(JSON.stringify(res.body)).not.toContain('example.org');
      ids.push(res.body.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const path: string = `/v1/articles/${article.slug}/comments?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res: { text: string; body: any } = await api.request('GET', path);
      expect(res.text).not.toContain('example.org');
      expect(res.text).not.toContain('fingerprint');
      for (const item of res.body.items)
        expect(Object.keys(item).sort()).toEqual([
          'authorName',
          'body',
          'createdAt',
          'featured',
          'id',
          'parentId',
          'removed',
          'replyCount',
        ]);
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const publicArticle = await api.request('GET', `/v1/articles/${article.slug}`);
    expect(publicArticle.text).not.toContain('example.org');
    const forged = await api.request('GET', `/v1/articles/${article.slug}/comments?cursor=abc.def`);
    expect(forged.status).toBe(400);
  });
});
