import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/contract/client.ts';
import { onLocalClients } from '../../shared/store/client.ts';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';
import { createDraft, publish } from '../support/articles.ts';
import { libraryImage } from '../support/media.ts';

/** The DynamoDB commands the CMS sends, by name (registered before it starts, so its clients carry it). */
const commands: string[] = [];
onLocalClients((client) =>
  client.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  ),
);

let api: TestApi;
let author: string;
let editor: string;
let other: string;
let clients: { author: ApiClient; editor: ApiClient };

beforeAll(async () => {
  api = await startTestApi();
  [author, editor, other] = await Promise.all([
    api.token('author', 'ana'),
    api.token('editor', 'ed'),
    api.token('author', 'someone-else'),
  ]);
  clients = { author: api.client(author), editor: api.client(editor) };
});
afterAll(async () => {
  await api?.stop();
});

interface CropView {
  ratio: string;
  left: number;
  top: number;
  width: number;
  height: number;
  renditions: { width: number; height: number; url: string }[];
}

const getMedia = async (id: string) =>
  (await api.request('GET', `/v1/admin/media/${id}`, { token: author })).body;

/** Waits until the crops are cut around the record's focal point. */
async function cropsSettled(id: string) {
  const until = Date.now() + 20_000;
  for (;;) {
    const record = await getMedia(id);
    const fp = record.focalPoint;
    if (record.cropsFor && record.cropsFor.x === fp.x && record.cropsFor.y === fp.y) return record;
    if (Date.now() > until) throw new Error(`crops of ${id} never followed ${JSON.stringify(fp)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

describe('focal point and crops', () => {
  it('cuts the four crops around the centre when an image is processed, each at widths up to its own', async () => {
    const { id } = await libraryImage(api, author, { alt: 'Harbour' }, { width: 1600, height: 900 });
    const record = await cropsSettled(id);
    expect(record.focalPoint).toEqual({ x: 0.5, y: 0.5 });
    const crops = record.crops as CropView[];
    expect(crops.map((c) => [c.ratio, c.left, c.top, c.width, c.height])).toEqual([
      ['16:9', 0, 0, 1600, 900],
      ['1:1', 350, 0, 900, 900],
      ['4:5', 440, 0, 720, 900],
      ['1.91:1', 0, 31, 1600, 838],
    ]);
    // Never upscaled: the square (900 wide) has 320, 640 and 900.
    expect(crops[1]?.renditions.map((r) => [r.width, r.height])).toEqual([
      [320, 320],
      [640, 640],
      [900, 900],
    ]);
    const served = await fetch(`${api.url}${crops[1]?.renditions[0]?.url}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');
  });

  it('moves the crops when the focal point moves: new keys, the record one version on', async () => {
    const { id } = await libraryImage(api, author, { alt: 'Quay' }, { width: 1600, height: 900 });
    const before = await cropsSettled(id);
    const res = await api.request('PATCH', `/v1/admin/media/${id}`, {
      token: author,
      headers: { 'If-Match': `"${before.version}"` },
      json: { focalPoint: { x: 0.1, y: 0.25 } },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.focalPoint).toEqual({ x: 0.1, y: 0.25 });
    expect(res.body.version).toBe(before.version + 1);
    const after = await cropsSettled(id);
    const square = (after.crops as CropView[]).find((c) => c.ratio === '1:1');
    // As far left as the image allows: the point is at 160 px, the square 900 wide.
    expect(square).toMatchObject({ left: 0, top: 0, width: 900, height: 900 });
    const urls = (after.crops as CropView[]).flatMap((c) => c.renditions.map((r) => r.url));
    const old = (before.crops as CropView[]).flatMap((c) => c.renditions.map((r) => r.url));
    expect(urls.every((u) => u.includes('/crops/100-250/'))).toBe(true);
    expect(urls.some((u) => old.includes(u))).toBe(false);
    // Cutting again is not another version: an If-Match read before the crops landed still holds.
    expect(after.version).toBe(before.version + 1);
  });

  it('refuses a focal point outside the image, or from another author, and changes nothing', async () => {
    const { id } = await libraryImage(api, author, { alt: 'Pier' }, { width: 400, height: 300 });
    const record = await cropsSettled(id);
    const patch = (json: unknown, token = author) =>
      api.request('PATCH', `/v1/admin/media/${id}`, {
        token,
        headers: { 'If-Match': `"${record.version}"` },
        json,
      });
    const outside = await patch({ focalPoint: { x: 1.2, y: 0.5 } });
    expect(outside.status).toBe(422);
    expect(outside.body.errors).toEqual([
      { path: 'focalPoint.x', message: expect.stringContaining('must be at most 1') },
    ]);
    const negative = await patch({ focalPoint: { x: 0.5, y: -0.1 } });
    expect(negative.status).toBe(422);
    expect(negative.body.errors[0]).toMatchObject({
      path: 'focalPoint.y',
      message: expect.stringContaining('at least 0'),
    });
    const missing = await patch({ focalPoint: { x: 0.5 } });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].path).toBe('focalPoint.y');
    const extra = await patch({ focalPoint: { x: 0.5, y: 0.5, z: 1 } });
    expect(extra.status).toBe(422);
    expect((await patch({ focalPoint: { x: 0.2, y: 0.2 } }, other)).status).toBe(403);
    expect(await getMedia(id)).toMatchObject({ version: record.version, focalPoint: { x: 0.5, y: 0.5 } });
  });

  it('refuses a focal point on an image whose upload has not arrived (422)', async () => {
    const reg = await api.request('POST', '/v1/admin/media', {
      token: author,
      json: { contentType: 'image/png', alt: 'Not yet' },
    });
    const res = await api.request('PATCH', `/v1/admin/media/${reg.body.media.id}`, {
      token: author,
      headers: { 'If-Match': '"1"' },
      json: { focalPoint: { x: 0.3, y: 0.3 } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { path: 'focalPoint', message: expect.stringContaining('pending, not ready') },
    ]);
  });
});

describe('the public article carries its lead image in its crops', () => {
  it('in one read: crops, placements with the article override, and jsonLd images in several ratios', async () => {
    const { id } = await libraryImage(
      api,
      author,
      { alt: 'The harbour wall' },
      { width: 1600, height: 1200 },
    );
    await cropsSettled(id);
    const draft = await createDraft(clients.author, {
      title: 'Harbour wall repairs begin',
      leadImage: { mediaId: id, crops: { card: '4:5' } },
    });
    expect(draft.leadImage).toEqual({ mediaId: id, crops: { card: '4:5' } });
    const live = await publish(draft, clients);
    const res = await api.request('GET', `/v1/articles/${live.slug}`);
    expect(res.status).toBe(200);
    const lead = res.body.leadImage;
    expect(lead.placements).toEqual({ lead: '16:9', card: '4:5', social: '1.91:1' });
    expect(
      lead.crops.map((c: { ratio: string; width: number; height: number }) => [c.ratio, c.width, c.height]),
    ).toEqual([
      ['16:9', 1600, 900],
      ['1:1', 1200, 1200],
      ['4:5', 960, 1200],
      ['1.91:1', 1600, 838],
    ]);
    const wide = lead.crops[0];
    expect(wide.srcset).toMatch(/\/crops\/500-500\/16x9\/320\.webp 320w, .*\/1600\.webp 1600w$/);
    expect(wide.src).toMatch(/\/crops\/500-500\/16x9\/1600\.webp$/);
    const images = res.body.jsonLd.image as { url: string; width: number; height: number }[];
    expect(images.map((i) => [i.width, i.height])).toEqual([
      [1600, 900],
      [1200, 1200],
      [1600, 1200],
    ]);
    expect(images[0]?.url).toMatch(/^https?:\/\/.*\/crops\/500-500\/16x9\/1600\.webp$/);
    // Still one DynamoDB request: the crops were resolved into the snapshot at publish (a Query,
    // which reads a live coverage's head beside the snapshot, docs/live-coverage.md).
    commands.length = 0;
    expect((await api.request('GET', `/v1/articles/${live.slug}`)).body.leadImage).toEqual(lead);
    expect(commands).toEqual(['QueryCommand']);
  });

  it('refuses an unknown placement or ratio with a 422 naming it', async () => {
    const { id } = await libraryImage(api, author, { alt: 'Crane' }, { width: 320, height: 240 });
    const bad = async (crops: unknown) =>
      api.request('POST', '/v1/admin/articles', {
        token: author,
        json: { ...sampleArticle(), leadImage: { mediaId: id, crops } },
      });
    const ratio = await bad({ lead: '3:2' });
    expect(ratio.status).toBe(422);
    expect(ratio.body.errors[0]).toMatchObject({
      path: 'leadImage.crops.lead',
      message: expect.stringContaining('16:9, 1:1, 4:5, 1.91:1'),
    });
    const placement = await bad({ banner: '1:1' });
    expect(placement.status).toBe(422);
    expect(placement.body.errors[0].path).toMatch(/^leadImage\.crops/);
  });
});
