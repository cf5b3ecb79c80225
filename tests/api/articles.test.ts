import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';
import { createDraft, publish } from '../support/articles.ts';
import { createSection } from '../support/taxonomy.ts';

let api: TestApi;
let author: string;
let otherAuthor: string;
let editor: string;
let otherEditor: string;
let moderator: string;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, otherAuthor, editor, otherEditor, moderator, admin] = await Promise.all([
    api.token('author', 'alice'),
    api.token('author', 'bob'),
    api.token('editor', 'erin'),
    api.token('editor', 'ed'),
    api.token('moderator', 'mo'),
    api.token('admin', 'ada'),
  ]);
});
afterAll(async () => {
  await api?.stop();
});

async function create(token: string, overrides: Record<string, unknown> = {}) {
  const res = await api.request('POST', '/v1/admin/articles', { token, json: sampleArticle(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function act(
  token: string,
  id: string,
  version: number,
  action: string,
  extra: Record<string, unknown> = {},
) {
  return api.request('POST', `/v1/admin/articles/${id}/transitions`, {
    token,
    json: { action, ...extra },
    headers: { 'if-match': `"${version}"` },
  });
}

/** Creates an article as `alice` and walks it to live, through the typed client. */
async function livePublished(overrides: Parameters<typeof createDraft>[1] = {}) {
  const [asAuthor, asEditor] = [api.client(author), api.client(editor)];
  return publish(await createDraft(asAuthor, overrides), { author: asAuthor, editor: asEditor });
}

describe('creating articles', () => {
  it('creates a draft with 201, Location, ETag and server-owned fields', async () => {
    const res = await api.request('POST', '/v1/admin/articles', { token: author, json: sampleArticle() });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/admin/articles/${res.body.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({
      status: 'draft',
      version: 1,
      createdBy: 'alice',
      updatedBy: 'alice',
      live: false,
      hasUnpublishedChanges: false,
      commentCount: 0,
      commentsEnabled: true,
      publishedAt: null,
      scheduledFor: null,
      slug: 'harbour-wall-repairs-begin-after-winter-storms',
    });
    expect(res.body.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const fetched = await api.request('GET', res.headers.get('location') ?? '', { token: author });
    expect(fetched.body).toEqual(res.body);
  });

  it('derives a unique slug when the title is reused, and refuses a taken explicit slug with 409', async () => {
    const a = await create(author, { title: 'Same headline twice' });
    const b = await create(author, { title: 'Same headline twice' });
    expect(a.slug).toBe('same-headline-twice');
    expect(b.slug).toMatch(/^same-headline-twice-[0-9a-z]{5}$/);
    const res = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ slug: 'same-headline-twice' }),
    });
    expect(res.status).toBe(409);
    expect(res.body.detail).toContain('same-headline-twice');
  });

  it('keeps HTML as literal text and never interprets it', async () => {
    const title = '<script>alert(1)</script> & <b>bold</b>';
    const article = await create(author, {
      title,
      body: [{ type: 'paragraph', text: '<img src=x onerror=alert(1)>' }],
    });
    expect(article.title).toBe(title);
    const fetched = await api.request('GET', `/v1/admin/articles/${article.id}`, { token: author });
    expect(fetched.body.body[0].text).toEqual([{ text: '<img src=x onerror=alert(1)>', marks: [] }]);
    expect(fetched.headers.get('content-type')).toContain('application/json');
  });

  it.each([
    ['a server-owned field', { status: 'published' }, 'status', 'is set by the server'],
    ['another server-owned field', { commentCount: 99 }, 'commentCount', 'is set by the server'],
    ['an unknown field', { colour: 'red' }, 'colour', 'is not a known field'],
    ['an invalid section', { section: 'City News' }, 'section', 'lowercase slug'],
    ['an invalid slug', { slug: '--bad--' }, 'slug', 'lowercase slug'],
    ['a bad tag', { tags: ['OK'] }, 'tags.0', 'lowercase slug'],
    ['an empty title', { title: '   ' }, 'title', 'must not be empty'],
    ['a control character', { title: 'Bell\u0007' }, 'title', 'control characters'],
    [
      'a non-https image',
      { body: [{ type: 'image', src: 'http://x.example/a.jpg', alt: 'a' }] },
      'body.0.src',
      'https',
    ],
    ['an unknown block type', { body: [{ type: 'video', url: 'https://x.example' }] }, 'body.0.type', ''],
    ['a heading level 1', { body: [{ type: 'heading', level: 1, text: 'x' }] }, 'body.0.level', ''],
    ['an empty body', { body: [] }, 'body', 'at least one block'],
    [
      'a source with extra fields',
      { source: { name: 'x', secret: true } },
      'source.secret',
      'is not a known field',
    ],
  ])('rejects %s with 422 and a field error, storing nothing', async (_what, override, path, message) => {
    const before = await api.request('GET', '/v1/admin/articles?limit=100', { token: admin });
    const res = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle(override),
    });
    expect(res.status, res.text).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({
      type: '/problems/validation-error',
      status: 422,
      title: 'Validation failed',
    });
    const error = res.body.errors.find((e: { path: string }) => e.path === path);
    expect(error, JSON.stringify(res.body.errors)).toBeDefined();
    expect(error.message).toContain(message);
    const after = await api.request('GET', '/v1/admin/articles?limit=100', { token: admin });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('rejects a missing required field with 422', async () => {
    const { title: _t, ...noTitle } = sampleArticle();
    const res = await api.request('POST', '/v1/admin/articles', { token: author, json: noTitle });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('title');
  });

  it('answers malformed JSON with 400, a wrong content type with 415 and an oversized body with 413', async () => {
    const malformed = await api.request('POST', '/v1/admin/articles', {
      token: author,
      body: '{"title": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.detail).toContain('not valid JSON');

    const wrongType = await api.request('POST', '/v1/admin/articles', {
      token: author,
      body: JSON.stringify(sampleArticle()),
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.detail).toContain('text/plain');

    const huge = sampleArticle({
      body: Array.from({ length: 40 }, () => ({ type: 'paragraph', text: 'x'.repeat(9_000) })),
    });
    const tooLarge = await api.request('POST', '/v1/admin/articles', { token: author, json: huge });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.type).toBe('/problems/payload-too-large');
  });
});

describe('authentication and roles', () => {
  it('answers 401 without a token, with a bad token and with an expired token', async () => {
    const none = await api.request('GET', '/v1/admin/articles');
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toContain('application/problem+json');
    const bad = await api.request('GET', '/v1/admin/articles', { token: 'not-a-jwt' });
    expect(bad.status).toBe(401);
    const forged = await api.request('GET', '/v1/admin/articles', { token: `${author.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    const expired = await api.token('editor', 'late', -10);
    expect((await api.request('GET', '/v1/admin/articles', { token: expired })).status).toBe(401);
  });

  it('forbids moderators every article route with 403', async () => {
    const article = await create(author);
    const calls: [string, string, unknown?][] = [
      ['GET', '/v1/admin/articles'],
      ['POST', '/v1/admin/articles', sampleArticle()],
      ['GET', `/v1/admin/articles/${article.id}`],
      ['PATCH', `/v1/admin/articles/${article.id}`, { title: 'x' }],
      ['DELETE', `/v1/admin/articles/${article.id}`],
      ['POST', `/v1/admin/articles/${article.id}/transitions`, { action: 'submit' }],
      ['GET', `/v1/admin/articles/${article.id}/revisions`],
      ['GET', `/v1/admin/articles/${article.id}/revisions/1`],
      ['POST', `/v1/admin/articles/${article.id}/revisions/1/restore`],
      ['GET', `/v1/admin/articles/${article.id}/history`],
    ];
    for (const [method, path, json] of calls) {
      const res = await api.request(method, path, { token: moderator, json, headers: { 'if-match': '"1"' } });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const still = await api.request('GET', `/v1/admin/articles/${article.id}`, { token: author });
    expect(still.body.version).toBe(1);
  });

  it("hides other authors' articles from an author with 404, and lists only their own", async () => {
    const mine = await create(author, { title: 'Alice only' });
    const theirs = await create(otherAuthor, { title: 'Bob only' });
    expect((await api.request('GET', `/v1/admin/articles/${theirs.id}`, { token: author })).status).toBe(404);
    const patch = await api.request('PATCH', `/v1/admin/articles/${theirs.id}`, {
      token: author,
      json: { title: 'Hijacked' },
      headers: { 'if-match': '"1"' },
    });
    expect(patch.status).toBe(404);
    expect((await act(author, theirs.id, 1, 'submit')).status).toBe(404);
    expect(
      (await api.request('GET', `/v1/admin/articles/${theirs.id}/history`, { token: author })).status,
    ).toBe(404);

    const list = await api.request('GET', '/v1/admin/articles?limit=100', { token: author });
    const ids = list.body.items.map((a: { id: string }) => a.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(list.body.items.every((a: { createdBy: string }) => a.createdBy === 'alice')).toBe(true);
    const asking = await api.request('GET', '/v1/admin/articles?createdBy=bob', { token: author });
    expect(asking.body.items).toEqual([]);

    const editorView = await api.request('GET', `/v1/admin/articles/${theirs.id}`, { token: editor });
    expect(editorView.status).toBe(200);
    expect(editorView.body.title).toBe('Bob only');
  });
});

describe('editing with optimistic concurrency', () => {
  it('requires If-Match (428), refuses a stale one (412) and changes nothing', async () => {
    const article = await create(author);
    const path = `/v1/admin/articles/${article.id}`;
    const missing = await api.request('PATCH', path, { token: author, json: { title: 'New' } });
    expect(missing.status).toBe(428);
    const star = await api.request('PATCH', path, {
      token: author,
      json: { title: 'New' },
      headers: { 'if-match': '*' },
    });
    expect(star.status).toBe(428);
    const ok = await api.request('PATCH', path, {
      token: author,
      json: { title: 'New' },
      headers: { 'if-match': '"1"' },
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect(ok.body).toMatchObject({ title: 'New', version: 2, status: 'draft', slug: article.slug });
    const stale = await api.request('PATCH', path, {
      token: author,
      json: { title: 'Lost' },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(412);
    const garbage = await api.request('PATCH', path, {
      token: author,
      json: { title: 'Lost' },
      headers: { 'if-match': 'abc' },
    });
    expect(garbage.status).toBe(412);
    const transition = await api.request('POST', `${path}/transitions`, {
      token: author,
      json: { action: 'submit' },
    });
    expect(transition.status).toBe(428);
    const staleTransition = await act(author, article.id, 1, 'submit');
    expect(staleTransition.status).toBe(412);
    const current = await api.request('GET', path, { token: author });
    expect(current.body).toMatchObject({ title: 'New', version: 2, status: 'draft' });
  });

  it('lets exactly one of two concurrent writers win; the other gets 412', async () => {
    const article = await create(author);
    const path = `/v1/admin/articles/${article.id}`;
    const results = await Promise.all(
      ['First writer', 'Second writer', 'Third writer'].map((title) =>
        api.request('PATCH', path, { token: author, json: { title }, headers: { 'if-match': '"1"' } }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412, 412]);
    const winner = results.find((r) => r.status === 200);
    const current = await api.request('GET', path, { token: author });
    expect(current.body.title).toBe(winner?.body.title);
    expect(current.body.version).toBe(2);
    const revisions = await api.request('GET', `${path}/revisions`, { token: author });
    expect(revisions.body.items).toHaveLength(2);
  });

  it('refuses an empty patch and a patch in review', async () => {
    const article = await create(author);
    const path = `/v1/admin/articles/${article.id}`;
    const empty = await api.request('PATCH', path, {
      token: author,
      json: {},
      headers: { 'if-match': '"1"' },
    });
    expect(empty.status).toBe(422);
    const submitted = await act(author, article.id, 1, 'submit');
    const inReview = await api.request('PATCH', path, {
      token: author,
      json: { title: 'Sneaky' },
      headers: { 'if-match': `"${submitted.body.version}"` },
    });
    expect(inReview.status).toBe(409);
    expect(inReview.body.detail).toContain('in_review');
  });
});

describe('the workflow over HTTP', () => {
  it('walks draft → review → changes → review → approved → published → archived → draft', async () => {
    let a = await create(author);
    const step = async (token: string, action: string, expected: string, extra = {}) => {
      const res = await act(token, a.id, a.version, action, extra);
      expect(res.status, `${action}: ${res.text}`).toBe(200);
      expect(res.body.status).toBe(expected);
      expect(res.headers.get('etag')).toBe(`"${res.body.version}"`);
      a = res.body;
    };
    await step(author, 'submit', 'in_review');
    await step(author, 'withdraw', 'draft');
    await step(author, 'submit', 'in_review');
    await step(editor, 'request_changes', 'changes_requested', { note: 'Check the date in paragraph two.' });
    await step(author, 'submit', 'in_review');
    await step(editor, 'approve', 'approved');
    await step(editor, 'publish', 'published');
    expect(a).toMatchObject({ live: true, hasUnpublishedChanges: false });
    expect(a.publishedAt).toBe(a.updatedAt);
    await step(editor, 'unpublish', 'archived');
    expect(a.live).toBe(false);
    await step(editor, 'restore', 'draft');

    const history = await api.request('GET', `/v1/admin/articles/${a.id}/history`, { token: author });
    expect(history.status).toBe(200);
    expect(history.body.items.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'withdraw',
      'submit',
      'request_changes',
      'submit',
      'approve',
      'publish',
      'unpublish',
      'restore',
    ]);
    const changes = history.body.items[4];
    expect(changes).toMatchObject({
      actor: 'erin',
      from: 'in_review',
      to: 'changes_requested',
      note: 'Check the date in paragraph two.',
    });
    expect(history.body.items.map((h: { version: number }) => h.version)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  it('answers 409 for a transition the current status forbids, and 422 for an unknown action', async () => {
    const a = await create(author);
    const publishDraft = await act(editor, a.id, 1, 'publish');
    expect(publishDraft.status).toBe(409);
    expect(publishDraft.body.detail).toContain('draft');
    const unknown = await act(editor, a.id, 1, 'teleport');
    expect(unknown.status).toBe(422);
    const restoreDraft = await act(editor, a.id, 1, 'restore');
    expect(restoreDraft.status).toBe(409);
  });

  it('needs a note to request changes', async () => {
    const a = await create(author);
    const submitted = await act(author, a.id, 1, 'submit');
    const res = await act(editor, a.id, submitted.body.version, 'request_changes');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'note', message: 'is required for this action' }]);
  });

  it('forbids authors editorial actions and editors approving their own article (403)', async () => {
    const a = await create(author);
    const submitted = await act(author, a.id, 1, 'submit');
    for (const action of ['approve', 'request_changes', 'publish', 'unpublish']) {
      const res = await act(author, a.id, submitted.body.version, action, { note: 'x' });
      expect(res.status, action).toBe(403);
    }
    const own = await create(editor);
    const ownSubmitted = await act(editor, own.id, 1, 'submit');
    const selfApprove = await act(editor, own.id, ownSubmitted.body.version, 'approve');
    expect(selfApprove.status).toBe(403);
    expect(selfApprove.body.detail).toContain('someone else');
    expect((await act(otherEditor, own.id, ownSubmitted.body.version, 'approve')).status).toBe(200);
  });

  it('lets an admin do everything but approve their own article (four eyes bind admins too)', async () => {
    let a = await create(admin);
    a = (await act(admin, a.id, a.version, 'submit')).body;
    const alone = await act(admin, a.id, a.version, 'approve');
    expect(alone.status).toBe(403);
    a = (await act(editor, a.id, a.version, 'approve')).body;
    const published = await act(admin, a.id, a.version, 'publish');
    expect(published.status).toBe(200);
    expect(published.body.live).toBe(true);
  });
});

describe('live articles and the public side', () => {
  it('serves the live snapshot publicly with ETag and cache headers, and 304 for If-None-Match', async () => {
    const a = await livePublished({
      title: 'Lighthouse reopens to visitors',
      tags: ['lighthouse', 'tourism'],
    });
    const res = await api.request('GET', `/v1/articles/${a.slug}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'id',
        'slug',
        'section',
        'title',
        'standfirst',
        'body',
        'tags',
        'byline',
        'source',
        'publishedAt',
        'updatedAt',
        'commentsEnabled',
        'commentCount',
        'featuredCount',
        'commentsOpen',
        'commentsCloseAt',
        'seo',
        'leadImage',
        'access',
        'authors',
        'corrections',
        'jsonLd',
      ].sort(),
    );
    expect(res.body.title).toBe('Lighthouse reopens to visitors');
    expect(res.headers.get('cache-control')).toMatch(/^public,/);
    const etag = res.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const notModified = await api.request('GET', `/v1/articles/${a.slug}`, {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    const changed = await api.request('GET', `/v1/articles/${a.slug}`, {
      headers: { 'if-none-match': '"0.0"' },
    });
    expect(changed.status).toBe(200);
  });

  it('gives lists an ETag: 304 while the page is unchanged, 200 with a new ETag once it changes', async () => {
    const section = `etag${Date.now().toString(36)}`;
    await createSection(api.client(editor), { slug: section, name: 'ETag probe' });
    await livePublished({ title: 'Ferry timetable changes for winter', section });
    const path = `/v1/articles?section=${section}`;
    const first = await api.request('GET', path);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await api.request('GET', path, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    await livePublished({ title: 'Ferry fares frozen until spring', section });
    const changed = await api.request('GET', path, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.body.items).toHaveLength(2);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('never shows drafts, reviews or approved articles publicly', async () => {
    const draft = await create(author, { title: 'Secret draft about the mayor' });
    expect((await api.request('GET', `/v1/articles/${draft.slug}`)).status).toBe(404);
    const submitted = await act(author, draft.id, 1, 'submit');
    const approved = await act(editor, draft.id, submitted.body.version, 'approve');
    expect(approved.status).toBe(200);
    expect((await api.request('GET', `/v1/articles/${draft.slug}`)).status).toBe(404);
    const list = await api.request('GET', '/v1/articles?limit=100');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(draft.id);
  });

  it('keeps serving the live snapshot while an edit is pending, until the edit is published', async () => {
    let a = await livePublished({ title: 'Ferry timetable changes from Monday' });
    const published = a.publishedAt;
    const edit = await api.request('PATCH', `/v1/admin/articles/${a.id}`, {
      token: author,
      json: { title: 'Ferry timetable changes from Tuesday' },
      headers: { 'if-match': `"${a.version}"` },
    });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ status: 'draft', live: true, hasUnpublishedChanges: true });
    // A live article's slug change is tests/api/slugs.test.ts's.
    const publicView = await api.request('GET', `/v1/articles/${a.slug}`);
    expect(publicView.body.title).toBe('Ferry timetable changes from Monday');

    a = edit.body;
    for (const [token, action] of [
      [author, 'submit'],
      [editor, 'approve'],
      [editor, 'publish'],
    ] as const) {
      const res = await act(token, a.id, a.version, action);
      expect(res.status, res.text).toBe(200);
      a = res.body;
    }
    expect(a.hasUnpublishedChanges).toBe(false);
    const updated = await api.request('GET', `/v1/articles/${a.slug}`);
    expect(updated.body.title).toBe('Ferry timetable changes from Tuesday');
    expect(updated.body.publishedAt).toBe(published);
    expect(updated.body.updatedAt > (published ?? '')).toBe(true);
    expect(updated.headers.get('etag')).not.toBe(null);
  });

  it('unpublishing removes the article from every public route at once', async () => {
    const a = await livePublished({ section: 'sport', tags: ['rowing'], title: 'Rowing club wins regatta' });
    const inSection = await api.request('GET', '/v1/articles?section=sport&tag=rowing');
    expect(inSection.body.items.map((i: { id: string }) => i.id)).toContain(a.id);
    const res = await act(editor, a.id, a.version, 'unpublish', { note: 'Legal asked us to take it down.' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'archived', live: false });
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(404);
    for (const query of ['', '?section=sport', '?tag=rowing', '?section=sport&tag=rowing']) {
      const list = await api.request('GET', `/v1/articles${query}`);
      expect(
        list.body.items.map((i: { id: string }) => i.id),
        query,
      ).not.toContain(a.id);
    }
  });

  it('unpublishes a live article whose working copy is in review', async () => {
    const a = await livePublished({ title: 'Bridge closure extended' });
    const edit = await api.request('PATCH', `/v1/admin/articles/${a.id}`, {
      token: author,
      json: { standfirst: 'Now until March.' },
      headers: { 'if-match': `"${a.version}"` },
    });
    const submitted = await act(author, a.id, edit.body.version, 'submit');
    expect(submitted.body.status).toBe('in_review');
    const res = await act(editor, a.id, submitted.body.version, 'unpublish');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('archived');
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(404);
  });

  it('lists live articles by section and tag, newest first, with summaries only', async () => {
    const first = await livePublished({
      section: 'culture',
      tags: ['music', 'festival'],
      title: 'Jazz week opens',
    });
    const second = await livePublished({
      section: 'culture',
      tags: ['music'],
      title: 'Choir tours the coast',
    });
    const third = await livePublished({ section: 'business', tags: ['music'], title: 'Record shop expands' });
    const culture = await api.request('GET', '/v1/articles?section=culture');
    expect(culture.body.items.map((i: { id: string }) => i.id)).toEqual([second.id, first.id]);
    expect(culture.body.items[0].body).toBeUndefined();
    expect(culture.body.items[0].status).toBeUndefined();
    expect(culture.body.items[0].version).toBeUndefined();
    const music = await api.request('GET', '/v1/articles?tag=music');
    expect(music.body.items.map((i: { id: string }) => i.id)).toEqual([third.id, second.id, first.id]);
    const both = await api.request('GET', '/v1/articles?section=culture&tag=festival');
    expect(both.body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);
  });

  it('paginates with an opaque cursor, and refuses forged or foreign cursors with 400', async () => {
    for (const title of ['Page one', 'Page two', 'Page three'])
      await livePublished({ section: 'science', tags: [], title });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.request(
        'GET',
        `/v1/articles?section=science&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(3);

    const page = await api.request('GET', '/v1/articles?section=science&limit=1');
    const good: string = page.body.nextCursor;
    const [payload, mac] = good.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ pk: 'ARTICLE#x', sk: 'WORKING' })).toString(
      'base64url',
    );
    for (const bad of [
      `${forgedPayload}.${mac}`,
      `${payload}.AAAA${mac?.slice(4)}`,
      'garbage',
      `${payload}`,
    ]) {
      const res = await api.request('GET', `/v1/articles?section=science&cursor=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.detail).toContain('cursor');
    }
    const foreign = await api.request(
      'GET',
      `/v1/articles?section=culture&cursor=${encodeURIComponent(good)}`,
    );
    expect(foreign.status).toBe(400);
    const adminForeign = await api.request('GET', `/v1/admin/articles?cursor=${encodeURIComponent(good)}`, {
      token: editor,
    });
    expect(adminForeign.status).toBe(400);
  });

  it('answers a bad public query with 400 and an unknown slug with 404', async () => {
    for (const query of ['limit=0', 'limit=101', 'limit=ten', 'section=Not%20A%20Slug', 'tag=%3Cb%3E']) {
      const res = await api.request('GET', `/v1/articles?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    expect((await api.request('GET', '/v1/articles/no-such-story')).status).toBe(404);
    expect((await api.request('GET', '/v1/articles/NOT%20a%20slug')).status).toBe(404);
    expect((await api.request('GET', '/v1/nowhere')).status).toBe(404);
  });
});

describe('admin lists', () => {
  it('filters by status, section and author, most recently updated first, with cursors', async () => {
    const a = await create(otherAuthor, { section: 'weather', title: 'Storm warning' });
    const b = await create(otherAuthor, { section: 'weather', title: 'Fog at the airport' });
    await act(otherAuthor, a.id, 1, 'submit');
    const inReview = await api.request('GET', '/v1/admin/articles?status=in_review&section=weather', {
      token: editor,
    });
    expect(inReview.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(inReview.body.items[0].body).toBeUndefined();
    const weather = await api.request('GET', '/v1/admin/articles?section=weather', { token: editor });
    expect(weather.body.items.map((i: { id: string }) => i.id)).toEqual([a.id, b.id]);
    const bobs = await api.request('GET', '/v1/admin/articles?createdBy=bob&section=weather&limit=1', {
      token: editor,
    });
    expect(bobs.body.items).toHaveLength(1);
    const next = await api.request(
      'GET',
      `/v1/admin/articles?createdBy=bob&section=weather&limit=1&cursor=${encodeURIComponent(bobs.body.nextCursor)}`,
      { token: editor },
    );
    expect(next.body.items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    const badStatus = await api.request('GET', '/v1/admin/articles?status=gone', { token: editor });
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors[0].path).toBe('status');
  });
});

describe('the unfiltered admin list', () => {
  type Listed = { id: string; updatedAt: string; status: string };
  async function walkList(limit: number, token = editor): Promise<Listed[]> {
    const seen: Listed[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: Listed[]; nextCursor: string | null } } = await api.request(
        'GET',
        `/v1/admin/articles?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return seen;
  }

  it('pages through every status, newest first, the same list at any page size', async () => {
    // Articles in several statuses, their updates interleaved.
    const a = await create(author, { title: 'Merged one' });
    const b = await create(author, { title: 'Merged two' });
    const c = await create(author, { title: 'Merged three' });
    const aReview = (await act(author, a.id, 1, 'submit')).body;
    await act(editor, aReview.id, aReview.version, 'approve');
    const d = await create(author, { title: 'Merged four' });
    await act(author, c.id, 1, 'submit');
    const bReview = (await act(author, b.id, 1, 'submit')).body;
    await act(editor, bReview.id, bReview.version, 'request_changes', { note: 'Needs a source.' });

    const whole = await walkList(100);
    const ids = whole.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const mine of [a, b, c, d]) expect(ids).toContain(mine.id);
    expect(new Set(whole.map((i) => i.status)).size).toBeGreaterThanOrEqual(4);
    const times = whole.map((i) => i.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    for (const limit of [1, 2, 3, 20]) {
      expect(
        (await walkList(limit)).map((i) => i.id),
        `pages of ${limit}`,
      ).toEqual(ids);
    }

    // An edit brings the oldest of them to the top.
    const edited = await api.request('PATCH', `/v1/admin/articles/${d.id}`, {
      token: author,
      json: { title: 'Merged four, edited' },
      headers: { 'if-match': '"1"' },
    });
    expect(edited.status).toBe(200);
    const first = await api.request('GET', '/v1/admin/articles?limit=2', { token: editor });
    expect(first.body.items[0].id).toBe(d.id);
    expect((await walkList(3)).map((i) => i.id).filter((id) => id === d.id)).toHaveLength(1);
  });

  it('refuses a tampered cursor, or one from a filtered list, with 400', async () => {
    await create(author, { title: 'Cursor bait' });
    await create(author, { title: 'Cursor bait two' });
    const page = await api.request('GET', '/v1/admin/articles?limit=1', { token: editor });
    const cursor: string = page.body.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const [payload, mac] = cursor.split('.');
    const positions = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const moved = Buffer.from(JSON.stringify({ ...positions, draft: 0 })).toString('base64url');
    const filtered = await api.request('GET', '/v1/admin/articles?status=draft&limit=1', { token: editor });
    for (const [bad, list] of [
      [`${moved}.${mac}`, ''],
      [`${payload}.AAAA${mac?.slice(4)}`, ''],
      [cursor, 'status=draft&'],
      [cursor, 'section=city&'],
      [filtered.body.nextCursor, ''],
    ] as const) {
      const res = await api.request('GET', `/v1/admin/articles?${list}cursor=${encodeURIComponent(bad)}`, {
        token: editor,
      });
      expect(res.status, `${list} ${bad}`).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toContain('cursor');
    }
    // Another caller's cursor of the same list is refused too.
    const asAdmin = await api.request('GET', `/v1/admin/articles?cursor=${encodeURIComponent(cursor)}`, {
      token: admin,
    });
    expect(asAdmin.status).toBe(400);
  });
});

describe('revisions, restore and delete', () => {
  it('keeps every saved version and restores one as a new draft version', async () => {
    const a = await create(author, { title: 'Version one' });
    const path = `/v1/admin/articles/${a.id}`;
    const v2 = await api.request('PATCH', path, {
      token: author,
      json: { title: 'Version two' },
      headers: { 'if-match': '"1"' },
    });
    const list = await api.request('GET', `${path}/revisions`, { token: author });
    expect(list.body.items).toEqual([
      expect.objectContaining({ n: 1, version: 1, title: 'Version one', savedBy: 'alice' }),
      expect.objectContaining({ n: 2, version: 2, title: 'Version two', savedBy: 'alice' }),
    ]);
    const first = await api.request('GET', `${path}/revisions/1`, { token: author });
    expect(first.body.content.title).toBe('Version one');
    expect((await api.request('GET', `${path}/revisions/9`, { token: author })).status).toBe(404);
    expect((await api.request('GET', `${path}/revisions/abc`, { token: author })).status).toBe(404);

    const noMatch = await api.request('POST', `${path}/revisions/1/restore`, { token: author });
    expect(noMatch.status).toBe(428);
    const restored = await api.request('POST', `${path}/revisions/1/restore`, {
      token: author,
      headers: { 'if-match': `"${v2.body.version}"` },
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ title: 'Version one', version: 3, status: 'draft' });
    const after = await api.request('GET', `${path}/revisions`, { token: author });
    expect(after.body.items.map((r: { n: number }) => r.n)).toEqual([1, 2, 3]);
    const history = await api.request('GET', `${path}/history`, { token: author });
    expect(history.body.items.at(-1)).toMatchObject({
      action: 'restore_revision',
      note: 'Restored revision 1',
      version: 3,
    });
  });

  it('deletes an article that was never live, and refuses one that was (409)', async () => {
    const draft = await create(author, { title: 'Short lived' });
    const stale = await api.request('DELETE', `/v1/admin/articles/${draft.id}`, {
      token: author,
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
    const del = await api.request('DELETE', `/v1/admin/articles/${draft.id}`, {
      token: author,
      headers: { 'if-match': '"1"' },
    });
    expect(del.status).toBe(204);
    expect((await api.request('GET', `/v1/admin/articles/${draft.id}`, { token: author })).status).toBe(404);
    expect(
      (await api.request('GET', `/v1/admin/articles/${draft.id}/history`, { token: author })).status,
    ).toBe(404);
    const reuse = await create(author, { title: 'Short lived' });
    expect(reuse.slug).toBe('short-lived');

    const live = await livePublished({ title: 'Once public' });
    const refused = await api.request('DELETE', `/v1/admin/articles/${live.id}`, { token: editor });
    expect(refused.status).toBe(409);
    expect((await api.request('GET', `/v1/articles/${live.slug}`)).status).toBe(200);
    expect(
      (await api.request('DELETE', `/v1/admin/articles/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { token: editor }))
        .status,
    ).toBe(404);
  });
});

describe('errors never leak internals', () => {
  it('answers every error as a problem document with a request id', async () => {
    const res = await api.request('GET', '/v1/admin/articles/not-an-id', { token: editor });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      type: '/problems/not-found',
      title: 'Not found',
      status: 404,
      detail: expect.any(String),
      requestId: expect.any(String),
    });
  });
});

describe('cross-origin frontends', () => {
  it('may read responses and the ETag from any origin', async () => {
    const res = await api.request('GET', '/v1/articles', { headers: { origin: 'https://www.example.org' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
    const problem = await api.request('GET', '/v1/admin/articles', {
      headers: { origin: 'https://www.example.org' },
    });
    expect(problem.status).toBe(401);
    expect(problem.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('slugs under concurrency', () => {
  it('gives simultaneous drafts with the same headline distinct derived slugs, all created', async () => {
    const token = await api.token('author', 'racer');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.request('POST', '/v1/admin/articles', {
          token,
          json: sampleArticle({ title: 'Storm closes the ring road' }),
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const slugs = results.map((r) => r.body.slug as string);
    expect(new Set(slugs).size).toBe(5);
    expect(slugs).toContain('storm-closes-the-ring-road');
  });
});
