import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE_LIMITS, MEDIA_LIMITS } from '../../shared/schemas/facts.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
let admin: string;
let editor: string;

beforeAll(async () => {
  api = await startTestApi();
  [admin, editor] = await Promise.all([api.token('admin', 'archivist'), api.token('editor', 'ed')]);
});
afterAll(async () => {
  await api?.stop();
});

// As text, late comes before early; as instants, late is 3.5 hours after early.
const late = {
  externalId: 'gazette:1998/late',
  title: 'Late ferry lands in a storm',
  section: 'archive',
  tags: ['ferries'],
  body: [{ type: 'paragraph', text: 'The last boat from Norbeck docked at half past eleven.' }],
  publishedAt: '1998-11-03T23:30:00-05:00',
  updatedAt: '1998-11-04T08:00:00-05:00',
  legacyCommentCount: 7,
};
const early = {
  externalId: 'gazette:1998/early',
  title: 'Storm warning for the sound',
  section: 'archive',
  body: [
    { type: 'paragraph', text: [{ text: 'Gales ', marks: [{ type: 'bold' }] }, { text: 'are expected.' }] },
  ],
  publishedAt: '1998-11-04T02:00:00+01:00',
  updatedAt: '1998-11-04T02:00:00+01:00',
};
const invalid = {
  externalId: 'gazette:1998/bad',
  title: 'No date',
  section: 'archive',
  body: [],
  publishedAt: 'yesterday',
};

const importing = (articles: unknown[], token = admin) =>
  api.request('POST', '/v1/admin/imports', { token, json: { articles } });
const feed = async () =>
  (await api.request('GET', '/v1/articles?section=archive&limit=50')).body.items.map(
    (i: { title: string }) => i.title,
  );
const count = async () =>
  (await api.request('GET', '/v1/admin/articles?limit=100', { token: admin })).body.items.length;

describe('archive import', () => {
  it('creates published articles with their original dates, in feed order by instant, and reports each item', async () => {
    const res = await importing([late, early, invalid]);
    expect(res.status, res.text).toBe(200);
    const [a, b, c] = res.body.results;
    expect(a).toMatchObject({ index: 0, externalId: late.externalId, outcome: 'created', status: 201 });
    expect(b).toMatchObject({
      index: 1,
      outcome: 'created',
      status: 201,
      slug: 'storm-warning-for-the-sound',
    });
    expect(c).toMatchObject({ index: 2, externalId: 'gazette:1998/bad', outcome: 'invalid', status: 422 });
    expect(c.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body',
      'publishedAt',
      'updatedAt',
    ]);

    const live = await api.request('GET', `/v1/articles/${a.slug}`);
    expect(live.body).toMatchObject({
      publishedAt: late.publishedAt,
      updatedAt: late.updatedAt,
      commentCount: 7,
      commentsEnabled: false,
    });
    expect(await feed()).toEqual([late.title, early.title]);
    const tagged = await api.request('GET', '/v1/articles?tag=ferries');
    expect(tagged.body.items.map((i: { publishedAt: string }) => i.publishedAt)).toEqual([late.publishedAt]);

    const history = await api.request('GET', `/v1/admin/articles/${a.id}/history`, { token: admin });
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0]).toMatchObject({
      action: 'import',
      actor: 'archivist',
      to: 'published',
      version: 1,
    });
    expect(history.body.items[0].note).toContain(late.externalId);
    // A reader cannot comment on an archived thread.
    const comment = await api.request('POST', `/v1/articles/${a.slug}/comments`, {
      json: { authorName: 'Reader', body: 'Too late?' },
    });
    expect(comment.status).toBe(403);
  });

  it('changes nothing when run again, and reports a changed payload instead of overwriting it', async () => {
    const before = await count();
    const again = await importing([late, early]);
    expect(again.status).toBe(200);
    expect(again.body.results.map((r: { outcome: string; status: number }) => [r.outcome, r.status])).toEqual(
      [
        ['unchanged', 200],
        ['unchanged', 200],
      ],
    );
    const changed = await importing([{ ...early, title: 'Storm warning for the whole sound' }]);
    expect(changed.body.results[0]).toMatchObject({ outcome: 'conflict', status: 409 });
    expect(changed.body.results[0].detail).toContain('nothing was overwritten');
    expect(await count()).toBe(before);
    expect(await feed()).toEqual([late.title, early.title]);
    const stillEarly = await api.request('GET', '/v1/articles/storm-warning-for-the-sound');
    expect(stillEarly.body.title).toBe(early.title);
  });

  it('keeps an imported thread closed: commentsEnabled true is refused naming the field, false is taken', async () => {
    const before = await count();
    const opened = { ...early, externalId: 'gazette:1998/opened', title: 'Opened by the payload' };
    const res = await importing([{ ...opened, commentsEnabled: true, legacyCommentCount: 4 }]);
    expect(res.status, res.text).toBe(200);
    expect(res.body.results[0]).toMatchObject({ outcome: 'invalid', status: 422 });
    expect(res.body.results[0].errors).toEqual([
      { path: 'commentsEnabled', message: expect.stringContaining('closed') },
    ]);
    expect(await count()).toBe(before);
    expect((await api.request('GET', '/v1/articles/opened-by-the-payload')).status).toBe(404);

    // Saying what the contract already holds is fine: the thread is closed, the count the old one.
    const closed = await importing([{ ...opened, commentsEnabled: false, legacyCommentCount: 4 }]);
    const [created] = closed.body.results;
    expect(created).toMatchObject({ outcome: 'created', status: 201 });
    const live = await api.request('GET', `/v1/articles/${created.slug}`);
    expect(live.body).toMatchObject({ commentsEnabled: false, commentsOpen: false, commentCount: 4 });
    const comment = await api.request('POST', `/v1/articles/${created.slug}/comments`, {
      json: { authorName: 'Reader', body: 'Still here?' },
    });
    expect(comment.status).toBe(403);
    expect((await api.request('GET', `/v1/articles/${created.slug}`)).body.commentCount).toBe(4);
  });

  it('checks each story’s section and tags as a save does: an unknown section refuses that story alone, naming the field; a new tag becomes a record', async () => {
    const stray = {
      externalId: 'gazette:1999/stray',
      title: 'Pier light relit',
      section: 'harbour-archive',
      body: [{ type: 'paragraph', text: 'The lamp is back.' }],
      publishedAt: '1999-02-01T09:00:00Z',
      updatedAt: '1999-02-01T09:00:00Z',
    };
    const tagged = {
      externalId: 'gazette:1999/tagged',
      title: 'Lifeboat crew honoured',
      section: 'archive',
      tags: ['lifeboat-1999'],
      body: [{ type: 'paragraph', text: 'Six volunteers were named.' }],
      publishedAt: '1999-02-02T09:00:00Z',
      updatedAt: '1999-02-02T09:00:00Z',
    };
    const before = await count();
    const res = await importing([stray, tagged]);
    expect(res.status, res.text).toBe(200);
    const [refused, taken] = res.body.results;
    expect(refused).toMatchObject({ index: 0, outcome: 'invalid', status: 422 });
    expect(refused.errors).toEqual([expect.objectContaining({ path: 'section' })]);
    expect(refused.detail).toContain('harbour-archive');
    expect(taken).toMatchObject({ index: 1, outcome: 'created', status: 201 });
    expect(await count()).toBe(before + 1);
    expect((await api.request('GET', '/v1/tags/lifeboat-1999')).status).toBe(200);
    // Nothing was claimed for the refused story: once its section exists, it imports.
    const section = await api.request('POST', '/v1/admin/sections', {
      token: editor,
      json: { slug: 'harbour-archive', name: 'Harbour archive' },
    });
    expect(section.status, section.text).toBe(201);
    const again = await importing([stray]);
    expect(again.body.results[0]).toMatchObject({ outcome: 'created', status: 201 });
  });

  it('treats the same external id twice in one request as one story', async () => {
    const twin = { ...early, externalId: 'gazette:1998/twin', title: 'Twin story' };
    const res = await importing([twin, twin]);
    expect(res.body.results.map((r: { outcome: string }) => r.outcome).sort()).toEqual([
      'created',
      'unchanged',
    ]);
  });

  it('is for admins only, and refuses a request beyond 200 articles or an empty one, importing nothing', async () => {
    const before = await count();
    const asEditor = await importing([{ ...early, externalId: 'gazette:x' }], editor);
    expect(asEditor.status).toBe(403);
    const tooMany = await importing(
      Array.from({ length: 201 }, (_, i) => ({ ...early, externalId: `bulk:${i}` })),
    );
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.errors[0].path).toBe('articles');
    const empty = await importing([]);
    expect(empty.status).toBe(422);
    const future = await importing([
      {
        ...early,
        externalId: 'gazette:future',
        publishedAt: '2999-01-01T00:00:00Z',
        updatedAt: '2999-01-01T00:00:00Z',
      },
    ]);
    expect(future.body.results[0]).toMatchObject({ outcome: 'invalid', status: 422 });
    expect(await count()).toBe(before);
  });
});

/** A small ready image of the library, uploaded and processed as the console would. */
async function readyImage(n: number): Promise<string> {
  const registered = await api.request('POST', '/v1/admin/media', {
    token: admin,
    json: { contentType: 'image/png', alt: `Archive photo ${n}` },
  });
  expect(registered.status, registered.text).toBe(201);
  const { media, upload } = registered.body;
  const file = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: n, g: 90, b: 160 } },
  })
    .png()
    .toBuffer();
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file)]), 'photo.png');
  const sent = await fetch(upload.url, { method: 'POST', body: form });
  expect(sent.status).toBe(204);
  for (let i = 0; i < 200; i += 1) {
    const res = await api.request('GET', `/v1/admin/media/${media.id}`, { token: admin });
    if (res.body.status === 'ready') return media.id;
    expect(res.body.status).toBe('pending');
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`image ${media.id} stayed pending`);
}

describe('archive import of a story with every tag and image it may have', () => {
  it('imports 10 tags and 40 images new to the store (over 100 items for one transaction), and a failed one holds no image', async () => {
    const ids: string[] = [];
    for (let n = 0; n < MEDIA_LIMITS.perArticle + 1; n += 8) {
      const batch = Array.from({ length: Math.min(8, MEDIA_LIMITS.perArticle + 1 - n) }, (_, i) => n + i);
      ids.push(...(await Promise.all(batch.map(readyImage))));
    }
    const tags = Array.from({ length: ARTICLE_LIMITS.tags }, (_, i) => `harbour-${i}`);
    const story = (externalId: string, images: string[], extra: Record<string, unknown> = {}) => ({
      externalId,
      title: 'The harbour in forty photographs',
      section: 'archive',
      tags,
      body: [
        { type: 'paragraph', text: 'A century of the harbour, from the archive.' },
        ...images.map((mediaId) => ({ type: 'image', mediaId })),
      ],
      publishedAt: '2001-06-01T09:00:00+01:00',
      updatedAt: '2001-06-01T09:00:00+01:00',
      ...extra,
    });

    // One that fails in its transaction (a chosen slug that is taken) after its images' usage
    // records went in: those hold none of its images back from deletion.
    const taken = (await importing([late])).body.results[0].slug;
    const clash = await importing([story('gazette:2001/clash', ids.slice(0, 40), { slug: taken })]);
    expect(clash.body.results[0]).toMatchObject({ outcome: 'conflict', status: 409 });
    const removed = await api.request('DELETE', `/v1/admin/media/${ids[0]}`, { token: admin });
    expect(removed.status, removed.text).toBe(204);

    const images = ids.slice(1, 41);
    const res = await importing([story('gazette:2001/photos', images)]);
    expect(res.status, res.text).toBe(200);
    const [result] = res.body.results;
    expect(result).toMatchObject({ outcome: 'created', status: 201 });

    // All of it is there: the article with every image resolved, and every tag's feed.
    const live = await api.request('GET', `/v1/articles/${result.slug}`);
    expect(live.status).toBe(200);
    const shown = live.body.body.filter((b: { type: string }) => b.type === 'image');
    expect(shown.map((b: { mediaId: string }) => b.mediaId)).toEqual(images);
    expect(shown.every((b: { srcset: string }) => b.srcset.includes('.webp'))).toBe(true);
    for (const tag of tags) {
      const feed = await api.request('GET', `/v1/articles?section=archive&tag=${tag}`);
      expect(
        feed.body.items.map((i: { slug: string }) => i.slug),
        tag,
      ).toEqual([result.slug]);
    }
    // Each image is recorded as used: deleting one is refused, naming the article.
    const inUse = await api.request('DELETE', `/v1/admin/media/${images[39]}`, { token: admin });
    expect(inUse.status).toBe(409);
    expect(inUse.body.detail).toContain(result.id);
    // And running it again changes nothing.
    const again = await importing([story('gazette:2001/photos', images)]);
    expect(again.body.results[0]).toMatchObject({ outcome: 'unchanged', status: 200, id: result.id });
  });
});
