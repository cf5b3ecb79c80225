import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, startTestApi, type TestApi } from '../support/api.ts';
import { type ArticleView, createDraft, publish } from '../support/articles.ts';

/**
 * `q` on the media library and on the moderation queues, through the local gateway, fed as in AWS:
 * the relay reads the tables' streams (polled every 250 ms, as under `npm start`) and keeps the
 * index, with the same analyzer as the articles' search.
 */
let api: TestApi;
let tokens: { author: string; editor: string; moderator: string; admin: string };

/**
 * How long a test waits for the relay to index what it wrote before asserting what a search finds.
 * The 5 s target from commit to searchable is held by tests/api/search.test.ts and printed by the
 * bench; here a file shares DynamoDB Local with three others, and at CI a queue's index once took
 * longer than 5 s.
 */
const RELAY_WAIT_MS = 30_000;

/** Polls until the check holds, for at most `ms`. */
async function within(ms: number, check: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  for (;;) {
    if (await check()) return;
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ids = (res: ApiResponse) => (res.body.items as { id: string }[]).map((i) => i.id);
const marked = (pieces: { text: string; match: boolean }[] | undefined) =>
  (pieces ?? []).filter((p) => p.match).map((p) => p.text);

beforeAll(async () => {
  api = await startTestApi({ outboxIntervalMs: 250 });
  tokens = {
    author: await api.token('author', 'lib-author'),
    editor: await api.token('editor', 'lib-editor'),
    moderator: await api.token('moderator', 'lib-mod'),
    admin: await api.token('admin', 'lib-admin'),
  };
});

afterAll(() => api?.stop());

describe('searching the media library (q on GET /v1/admin/media)', () => {
  const library = (q: string, extra = '', token = tokens.author) =>
    api.request('GET', `/v1/admin/media?q=${encodeURIComponent(q)}${extra}`, { token });
  const register = async (json: Record<string, unknown>) => {
    const res = await api.request('POST', '/v1/admin/media', {
      token: tokens.author,
      json: { contentType: 'image/jpeg', ...json },
    });
    expect(res.status, res.text).toBe(201);
    return res.body.media as { id: string; version: number };
  };
  let storm: { id: string; version: number };
  let ferry: { id: string; version: number };
  let council: { id: string; version: number };

  beforeAll(async () => {
    storm = await register({
      alt: 'Waves break over the harbour wall',
      caption: 'The storm on Tuesday night',
      credit: 'Jürgen Lindqvist',
      fileName: 'harbour_wall-storm.jpg',
    });
    ferry = await register({ alt: 'The night ferry leaves Zürich', fileName: 'IMG_2041.JPG' });
    council = await register({ alt: 'Councillors vote on the budget', caption: 'The harbour budget vote' });
    await within(RELAY_WAIT_MS, async () => ids(await library('harbour ')).length === 2);
  });

  it('finds an image by its alt text, caption, credit or file name, newest first, marking the words', async () => {
    expect(ids(await library('harbour '))).toEqual([council.id, storm.id]);
    expect(ids(await library('tuesday storm '))).toEqual([storm.id]);
    expect(ids(await library('jurgen '))).toEqual([storm.id]);
    expect(ids(await library('img 2041 '))).toEqual([ferry.id]);
    expect(ids(await library('2041 '))).toEqual([ferry.id]);

    const [hit] = (await library('harbour storm ')).body.items;
    expect(hit.id).toBe(storm.id);
    expect(marked(hit.highlights.alt)).toEqual(['harbour']);
    expect(marked(hit.highlights.caption)).toEqual(['storm']);
    // The file name keeps its own spelling; its words are what was found.
    expect(hit.highlights.fileName.map((p: { text: string }) => p.text).join('')).toBe(
      'harbour_wall-storm.jpg',
    );
    expect(marked(hit.highlights.fileName)).toEqual(['harbour', 'storm']);
    expect(hit.highlights).not.toHaveProperty('credit');
  });

  it('folds accents and case, matches word forms and the word being typed', async () => {
    expect(ids(await library('ZURICH '))).toEqual([ferry.id]);
    expect(ids(await library('councillor '))).toEqual([council.id]);
    expect(ids(await library('votes '))).toEqual([council.id]);
    expect(ids(await library('ferr'))).toEqual([ferry.id]);
    expect(ids(await library('fer '))).toEqual([]);
  });

  it('pages with cursors scoped to the search', async () => {
    const first = await library('harbour ', '&limit=1');
    expect(ids(first)).toEqual([council.id]);
    const second = await library('harbour ', `&limit=1&cursor=${first.body.nextCursor}`);
    expect(ids(second)).toEqual([storm.id]);
    // A cursor of one search is refused by another: a 400, never another list's page.
    const other = await library('ferry ', `&cursor=${first.body.nextCursor}`);
    expect(other.status).toBe(400);
  });

  it('follows an edit of the words and a deletion within 5 s', async () => {
    const res = await api.request('PATCH', `/v1/admin/media/${ferry.id}`, {
      token: tokens.author,
      json: { alt: 'The night boat leaves Zürich' },
      headers: { 'if-match': `"${ferry.version}"` },
    });
    expect(res.status, res.text).toBe(200);
    await within(RELAY_WAIT_MS, async () => ids(await library('boat ')).includes(ferry.id));
    expect(ids(await library('ferry '))).toEqual([]);

    const deleted = await api.request('DELETE', `/v1/admin/media/${storm.id}`, { token: tokens.editor });
    expect(deleted.status, deleted.text).toBe(204);
    // Gone from the answer at once (its record is read by id), and from the index within 5 s.
    expect(ids(await library('storm '))).toEqual([]);
    await within(RELAY_WAIT_MS, async () => ids(await library('harbour ')).length === 1);
  });

  it('refuses an empty or overlong search clearly', async () => {
    const empty = await library('');
    expect(empty.status).toBe(400);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'q' })]);
    expect((await library('x'.repeat(201))).status).toBe(400);
  });

  it('refuses a file name with a folder', async () => {
    const res = await api.request('POST', '/v1/admin/media', {
      token: tokens.author,
      json: { contentType: 'image/jpeg', alt: 'x', fileName: '../etc/passwd' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'fileName' })]);
  });
});

describe('searching the moderation queues (q on GET /v1/admin/comments)', () => {
  let article: ArticleView;
  let other: ArticleView;
  const queue = (q: string, extra = '', token = tokens.moderator, path = '/v1/admin/comments') =>
    api.request('GET', `${path}?q=${encodeURIComponent(q)}${extra}`, { token });
  let client = 0;
  const post = async (slug: string, authorName: string, body: string) => {
    client += 1;
    const res = await api.request('POST', `/v1/articles/${slug}/comments`, {
      json: { authorName, body },
      headers: { 'user-agent': `lib-search/${client}` },
      from: `127.0.9.${client}`,
    });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  };
  let tram: string;
  let bridge: string;
  let elsewhere: string;

  beforeAll(async () => {
    const settings = await api.request('PUT', '/v1/admin/settings/comments', {
      token: tokens.admin,
      json: { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0 },
    });
    expect(settings.status, settings.text).toBe(200);
    const asAuthor = api.client(tokens.author);
    const asEditor = api.client(tokens.editor);
    article = await publish(await createDraft(asAuthor, { title: 'Tram plans' }), {
      author: asAuthor,
      editor: asEditor,
    });
    other = await publish(await createDraft(asAuthor, { title: 'Bridge plans' }), {
      author: asAuthor,
      editor: asEditor,
    });
    tram = await post(article.slug, 'Zoë Marchetti', 'The trams should run past midnight on weekends.');
    bridge = await post(article.slug, 'Peter Holm', 'Who will pay for the bridge repairs?');
    elsewhere = await post(other.slug, 'Peter Holm', 'The tram depot floods every winter.');
    await within(RELAY_WAIT_MS, async () => ids(await queue('tram ')).length === 2);
  });

  it("finds comments of a queue by their text or the commenter's name, marking the words", async () => {
    expect(ids(await queue('tram '))).toEqual([elsewhere, tram]);
    expect(ids(await queue('zoe '))).toEqual([tram]);
    expect(ids(await queue('peter bridge '))).toEqual([bridge]);
    expect(ids(await queue('midn'))).toEqual([tram]);
    const [hit] = (await queue('zoe weekend ')).body.items;
    expect(marked(hit.highlights.authorName)).toEqual(['Zoë']);
    expect(marked(hit.highlights.body)).toEqual(['weekends']);
    expect(hit.highlights.body.map((p: { text: string }) => p.text).join('')).toBe(
      'The trams should run past midnight on weekends.',
    );
  });

  it('combines with the article filter and the status, and follows a decision within 5 s', async () => {
    expect(ids(await queue('tram ', `&articleId=${article.id}`))).toEqual([tram]);
    expect(ids(await queue('tram ', '&status=approved'))).toEqual([]);

    const res = await api.request('POST', `/v1/admin/comments/${tram}/moderation`, {
      token: tokens.moderator,
      json: { action: 'approve' },
    });
    expect(res.status, res.text).toBe(200);
    // Out of the pending queue's answer at once (each hit is checked against the comment as read).
    expect(ids(await queue('tram '))).toEqual([elsewhere]);
    await within(RELAY_WAIT_MS, async () => ids(await queue('tram ', '&status=approved')).includes(tram));
  });

  it('searches the reported queue', async () => {
    const report = await api.request('POST', `/v1/articles/${article.slug}/comments/${tram}/reports`, {
      json: { reason: 'spam' },
      headers: { 'user-agent': 'lib-search/reporter' },
      from: '127.0.9.200',
    });
    expect(report.status, report.text).toBe(201);
    const reported = (q: string) => queue(q, '', tokens.moderator, '/v1/admin/comments/reported');
    await within(RELAY_WAIT_MS, async () => ids(await reported('midnight ')).includes(tram));
    expect(ids(await reported('bridge '))).toEqual([]);
  });

  it('drops an erased comment, and is for moderators only', async () => {
    const erased = await api.request('DELETE', `/v1/admin/comments/${bridge}`, { token: tokens.admin });
    expect(erased.status, erased.text).toBe(204);
    expect(ids(await queue('bridge '))).toEqual([]);
    expect((await queue('bridge ', '', tokens.author)).status).toBe(403);
    expect((await queue('', '')).status).toBe(400);
  });
});
