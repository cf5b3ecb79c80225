import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';
import { createDraft, publish } from '../support/articles.ts';

/**
 * Live coverage over HTTP through the local gateway: concurrent posting from several people,
 * readers' since polls, permalinks and the pinned and key-event lists, edits and hides with their
 * trace, the rules on who may post and when, entry to draft, and the events.
 */
let api: TestApi;
let author: string;
let contributor: string;
let outsider: string;
let editor: string;
let editor2: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, contributor, outsider, editor, editor2] = await Promise.all([
    api.token('author', 'live-alice'),
    api.token('author', 'live-carl'),
    api.token('author', 'live-olga'),
    api.token('editor', 'live-erin'),
    api.token('editor', 'live-eddie'),
  ]);
});
afterAll(async () => {
  await api?.stop();
});

const para = (text: string) => [{ type: 'paragraph', text }];
type Entry = { id: string; version: number; changeId: string; removed: boolean; body: unknown[] };

/** A draft by the author, and the same published (approved and published by an editor). */
const newDraft = (title?: string) => createDraft(api.client(author), title ? { title } : {});
const published = async (title: string) =>
  publish(await newDraft(title), { author: api.client(author), editor: api.client(editor) });

/** Starts, ends or reopens an article's coverage (`PUT .../live`), by an editor unless said. */
const setLive = (id: string, json: Record<string, unknown>, token = editor) =>
  api.request('PUT', `/v1/admin/articles/${id}/live`, { token, json });

/** A published article with live coverage started, naming the contributors. */
async function coverage(title: string, contributors = ['live-carl']) {
  const article = await published(title);
  const res = await setLive(article.id, { state: 'live', contributors });
  expect(res.status, res.text).toBe(200);
  return article;
}

const postBody = (id: string, token: string, body: unknown[], extra: Record<string, unknown> = {}) =>
  api.request<Entry>('POST', `/v1/admin/articles/${id}/entries`, { token, json: { body, ...extra } });
const post = (id: string, token: string, text: string, extra: Record<string, unknown> = {}) =>
  postBody(id, token, para(text), extra);
const patch = (id: string, entry: Entry, token: string, json: unknown) =>
  api.request<Entry>('PATCH', `/v1/admin/articles/${id}/entries/${entry.id}`, {
    token,
    json,
    headers: { 'If-Match': `"${entry.version}"` },
  });
const feed = (slug: string, query = '') =>
  api.request<{ items: Entry[]; nextCursor: string | null; since: string }>(
    'GET',
    `/v1/articles/${slug}/entries${query}`,
  );
/** A public view of the entries below the feed: `/pinned`, `/key-events`, `/<id>` (a permalink). */
const entriesAt = (slug: string, view: string) => api.request('GET', `/v1/articles/${slug}/entries${view}`);
/** The ids of a pinned or key-events list. */
const idsAt = async (slug: string, view: '/pinned' | '/key-events') =>
  (await entriesAt(slug, view)).body.items.map((e: Entry) => e.id);
const textOf = (entry: Entry) => (entry.body[0] as { text: { text: string }[] }).text[0]?.text;

describe('starting coverage', () => {
  it('needs a published article and an editor', async () => {
    const early = await setLive((await newDraft()).id, { state: 'live' });
    expect(early.status, early.text).toBe(409);
    const article = await published('Storm coverage that an author may not start');
    expect((await setLive(article.id, { state: 'live' }, author)).status).toBe(403);
    expect((await setLive(article.id, { state: 'paused' })).status).toBe(422);
    expect(
      (await api.request('GET', `/v1/admin/articles/${article.id}/live`, { token: editor })).status,
    ).toBe(404);
  });
});

describe('posting', () => {
  it('takes 30 concurrent entries from two editors and a contributor: each appears once, in order', async () => {
    const article = await coverage('Count night live: results as they come in');
    const tokens = [editor, editor2, contributor];
    const posted = await Promise.all(
      Array.from({ length: 30 }, (_, i) => post(article.id, tokens[i % 3] ?? editor, `Result ${i + 1}`)),
    );
    for (const res of posted) expect(res.status, res.text).toBe(201);
    const ids = posted.map((r) => r.body.id);
    expect(new Set(ids).size).toBe(30);

    const page = await feed(article.slug, '?limit=100');
    expect(page.status, page.text).toBe(200);
    expect(page.headers.get('cache-control')).toBe('public, max-age=2, s-maxage=5');
    expect(page.body.items.map((e) => e.id)).toEqual([...ids].sort().reverse());
    // Paging by cursor walks the same order without repeats.
    const first = await feed(article.slug, '?limit=12');
    const second = await feed(article.slug, `?limit=12&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((e) => e.id)).toEqual(
      [...ids].sort().reverse().slice(0, 24),
    );
  });

  it('refuses an author the coverage does not name (403), and everyone once it has ended (409)', async () => {
    const article = await coverage('Bridge closure live');
    const refused = await post(article.id, outsider, 'Not mine to post');
    expect(refused.status, refused.text).toBe(403);
    expect((await post(article.id, contributor, 'Traffic is backing up')).status).toBe(201);

    const end = await setLive(article.id, { state: 'ended' });
    expect(end.status, end.text).toBe(200);
    expect(end.body).toMatchObject({ state: 'ended', canPost: false });
    const late = await post(article.id, editor, 'One more thing');
    expect(late.status, late.text).toBe(409);
    expect((await setLive(article.id, { state: 'live' })).status).toBe(409);
    expect((await feed(article.slug)).body.items).toHaveLength(1);
  });

  it('refuses bad entries with a clear error and writes nothing', async () => {
    const article = await coverage('Flood warnings live');
    expect((await postBody(article.id, editor, [])).status).toBe(422);
    const script = await postBody(article.id, editor, [
      { type: 'paragraph', text: [{ text: 'x', marks: [{ type: 'link', href: 'javascript:alert(1)' }] }] },
    ]);
    expect(script.status).toBe(422);
    expect((await feed(article.slug)).body.items).toHaveLength(0);
  });
});

describe('readers', () => {
  it('polling with since gets exactly the new, edited and removed entries', async () => {
    const article = await coverage('Marathon day live');
    const a = (await post(article.id, editor, 'Runners are off')).body;
    const b = (await post(article.id, contributor, 'Leaders pass the harbour')).body;
    const start = await feed(article.slug);
    expect(start.body.items.map((e) => e.id)).toEqual([b.id, a.id]);
    const since = start.body.since;
    expect((await feed(article.slug, `?since=${since}`)).body.items).toEqual([]);

    const c = (await post(article.id, editor2, 'Halfway: a new course record is on')).body;
    const edited = await patch(article.id, a, editor, { body: para('Runners are off, 4,000 of them') });
    expect(edited.status, edited.text).toBe(200);
    const hidden = await patch(article.id, b, editor, { hidden: true });
    expect(hidden.status, hidden.text).toBe(200);

    const poll = await feed(article.slug, `?since=${since}`);
    expect(poll.status, poll.text).toBe(200);
    // Newest change first: the hide, the edit, the new entry; nothing the reader already had.
    expect(poll.body.items.map((e) => [e.id, e.removed])).toEqual([
      [b.id, true],
      [a.id, false],
      [c.id, false],
    ]);
    expect(poll.body.items[0]?.body).toEqual([]);
    expect(textOf(poll.body.items[1] as Entry)).toBe('Runners are off, 4,000 of them');
    expect(poll.body.items[1]).toMatchObject({ edited: true });
    const next = await feed(article.slug, `?since=${poll.body.since}`);
    expect(next.body.items).toEqual([]);
    expect(next.body.since).toBe(poll.body.since);
    expect((await feed(article.slug, '?since=nonsense')).status).toBe(400);
  });

  it('serves a permalink per entry and lists pinned entries and key events', async () => {
    const article = await coverage('Election night live');
    const pinned = (await post(article.id, editor, 'How to follow tonight', { pinned: true })).body;
    const key = (await post(article.id, editor, 'First result declared', { keyEvent: true })).body;
    await post(article.id, contributor, 'Queues at the count');

    const one = await entriesAt(article.slug, `/${key.id}`);
    expect(one.status, one.text).toBe(200);
    expect(one.body).toMatchObject({
      id: key.id,
      keyEvent: true,
      url: `/v1/articles/${article.slug}/entries/${key.id}`,
    });
    expect(await idsAt(article.slug, '/pinned')).toEqual([pinned.id]);
    expect(await idsAt(article.slug, '/key-events')).toEqual([key.id]);

    const unpinned = await patch(article.id, pinned, editor, { pinned: false });
    expect(unpinned.status).toBe(200);
    expect(await idsAt(article.slug, '/pinned')).toEqual([]);
    await patch(article.id, key, editor, { hidden: true });
    expect((await entriesAt(article.slug, `/${key.id}`)).status).toBe(404);
    expect(await idsAt(article.slug, '/key-events')).toEqual([]);
    expect((await entriesAt(article.slug, '/01KAX3W5B7D9F1H3K5M7P9R1T3')).status).toBe(404);
  });
});

describe('the public article', () => {
  it('carries live and becomes a LiveBlogPosting with the newest entries as liveBlogUpdate', async () => {
    const plain = await published('Council budget passes');
    const before = await api.request('GET', `/v1/articles/${plain.slug}`);
    expect(before.body.live).toBeUndefined();
    expect(before.body.jsonLd['@type']).toBe('NewsArticle');

    const article = await coverage('Budget day live');
    await post(article.id, editor, 'The chancellor is on her feet');
    await post(article.id, contributor, 'Fuel duty frozen for another year');
    const read = await api.request('GET', `/v1/articles/${article.slug}`);
    expect(read.status, read.text).toBe(200);
    expect(read.body.live).toMatchObject({
      state: 'live',
      endedAt: null,
      entries: `/v1/articles/${article.slug}/entries`,
    });
    expect(read.body.jsonLd).toMatchObject({
      '@type': 'LiveBlogPosting',
      coverageStartTime: read.body.live.startedAt,
      headline: 'Budget day live',
    });
    expect(read.body.jsonLd.coverageEndTime).toBeUndefined();
    expect(read.body.jsonLd.liveBlogUpdate.map((u: { headline: string }) => u.headline)).toEqual([
      'Fuel duty frozen for another year',
      'The chancellor is on her feet',
    ]);
    expect(read.body.jsonLd.liveBlogUpdate[0]).toMatchObject({
      '@type': 'BlogPosting',
      author: [{ name: 'live-carl' }],
    });

    await setLive(article.id, { state: 'ended' });
    const ended = await api.request('GET', `/v1/articles/${article.slug}`);
    expect(ended.body.live.state).toBe('ended');
    expect(ended.body.jsonLd.coverageEndTime).toBe(ended.body.live.endedAt);
    expect(ended.headers.get('etag')).not.toBe(read.headers.get('etag'));
  });
});

describe('the desk', () => {
  it('edits and hides with a trace; contributors change only their own and never hide', async () => {
    const article = await coverage('Port strike live');
    const mine = (await post(article.id, contributor, 'Pickets at gate 3')).body;
    const theirs = (await post(article.id, editor, 'Talks resume at noon')).body;
    expect((await patch(article.id, theirs, contributor, { body: para('Talks off') })).status).toBe(403);
    expect((await patch(article.id, mine, contributor, { hidden: true })).status).toBe(403);
    const stale = await patch(article.id, { ...mine, version: 7 }, contributor, { body: para('x') });
    expect(stale.status).toBe(412);
    const edited = await patch(article.id, mine, contributor, { body: para('Pickets at gates 3 and 4') });
    expect(edited.status, edited.text).toBe(200);
    const hidden = await patch(article.id, edited.body, editor, { hidden: true });
    expect(hidden.body).toMatchObject({ hidden: true, removed: true, version: 3 });
    const removed = await api.request('DELETE', `/v1/admin/articles/${article.id}/entries/${theirs.id}`, {
      token: editor,
    });
    expect(removed.status, removed.text).toBe(204);

    const desk = await api.request('GET', `/v1/admin/articles/${article.id}/entries`, { token: contributor });
    expect(desk.status, desk.text).toBe(200);
    const byId = new Map(desk.body.items.map((e: { id: string }) => [e.id, e]));
    expect((byId.get(mine.id) as { trace: { action: string; by: string }[] }).trace).toEqual([
      expect.objectContaining({ action: 'posted', by: 'live-carl' }),
      expect.objectContaining({ action: 'edited', by: 'live-carl' }),
      expect.objectContaining({ action: 'hidden', by: 'live-erin' }),
    ]);
    expect(byId.get(theirs.id)).toMatchObject({ deleted: true, removed: true });
    expect(desk.body.coverage).toMatchObject({ state: 'live', contributors: ['live-carl'], canPost: true });
    expect((await feed(article.slug)).body.items).toEqual([]);
  });

  it('turns an entry into a standalone draft linked back to it', async () => {
    const article = await coverage('Harbour fire live');
    const entry = (
      await postBody(article.id, contributor, [
        { type: 'paragraph', text: 'Fire crews say the warehouse blaze is under control.' },
        { type: 'image', src: 'https://images.example.org/fire.jpg', alt: 'Smoke over the quay' },
      ])
    ).body;
    const made = await api.request('POST', `/v1/admin/articles/${article.id}/entries/${entry.id}/draft`, {
      token: contributor,
    });
    expect(made.status, made.text).toBe(201);
    expect(made.body.entry).toMatchObject({ id: entry.id, draftId: made.body.articleId });
    const draft = await api.request('GET', `/v1/admin/articles/${made.body.articleId}`, {
      token: contributor,
    });
    expect(draft.status, draft.text).toBe(200);
    expect(draft.body).toMatchObject({
      status: 'draft',
      title: 'Fire crews say the warehouse blaze is under control.',
      section: 'city',
      byline: 'live-carl',
      source: { name: expect.stringContaining(`entry ${entry.id}`) },
    });
    expect(draft.body.body[1]).toMatchObject({ type: 'image', src: 'https://images.example.org/fire.jpg' });
  });

  it('announces posted, updated and removed entries through the outbox', async () => {
    const article = await coverage('Tram launch live');
    const entry = (await post(article.id, editor, 'First tram leaves the depot')).body;
    const pinned = (await patch(article.id, entry, editor, { pinned: true })).body;
    await patch(article.id, pinned, editor, { hidden: true });
    const events = (await api.events()).filter(
      (e) => e.detail.slug === article.slug && e['detail-type'].startsWith('Live'),
    );
    expect(events.map((e) => [e['detail-type'], e.detail.version])).toEqual([
      ['LiveEntryPosted', 1],
      ['LiveEntryUpdated', 2],
      ['LiveEntryRemoved', 3],
    ]);
    expect(events[0]?.detail).toMatchObject({ id: entry.id, articleId: article.id, pinned: false });
    expect(events[1]?.detail).toMatchObject({ pinned: true });
  });
});

describe('a slug change', () => {
  it('moves the entries with the story: all at the new slug with their permalinks, 301 from the old', async () => {
    const article = await coverage('Flood live: river expected to peak tonight');
    const tokens = [editor, contributor];
    const posted: Entry[] = [];
    for (let i = 0; i < 8; i += 1) {
      const res = await post(article.id, tokens[i % 2] ?? editor, `Update ${i + 1}`, { keyEvent: i === 3 });
      expect(res.status, res.text).toBe(201);
      posted.push(res.body);
    }
    const before = await feed(article.slug);
    const newSlug = `${article.slug}-peak`;
    const current = await api.request('GET', `/v1/admin/articles/${article.id}`, { token: author });
    const edited = await api.request('PATCH', `/v1/admin/articles/${article.id}`, {
      token: author,
      json: { slug: newSlug },
      headers: { 'If-Match': `"${current.body.version}"` },
    });
    expect(edited.status, edited.text).toBe(200);
    await publish(edited.body, { author: api.client(author), editor: api.client(editor) });

    const moved = await feed(newSlug, '?limit=100');
    expect(moved.status, moved.text).toBe(200);
    const ids = posted
      .map((e) => e.id)
      .sort()
      .reverse();
    expect(moved.body.items.map((e) => e.id)).toEqual(ids);
    for (const entry of moved.body.items) {
      const url = (entry as Entry & { url: string }).url;
      expect(url).toBe(`/v1/articles/${newSlug}/entries/${entry.id}`);
      expect((await api.request('GET', url)).status).toBe(200);
    }
    expect(await idsAt(newSlug, '/key-events')).toEqual([posted[3]?.id]);
    // The story at its new slug is still live coverage; the desk posts there.
    const story = await api.request('GET', `/v1/articles/${newSlug}`);
    expect(story.body.live).toMatchObject({ state: 'live' });
    const later = await post(article.id, contributor, 'Water is receding.');
    expect((later.body as Entry & { url: string }).url).toBe(
      `/v1/articles/${newSlug}/entries/${later.body.id}`,
    );
    // A reader's since from before the move still works at the new slug: only the new entry.
    const poll = await feed(newSlug, `?since=${before.body.since}`);
    expect(poll.body.items.map((e) => e.id)).toEqual([later.body.id]);

    // The old slug's entry routes answer 301 to the same view at the new one.
    for (const view of ['', '/pinned', '/key-events', `/${posted[0]?.id}`, `?since=${before.body.since}`]) {
      const res = await entriesAt(article.slug, view);
      expect(res.status, `${view}: ${res.text}`).toBe(301);
      expect(res.headers.get('location')).toBe(`/v1/articles/${newSlug}/entries${view}`);
    }
  });
});
