import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MEDIA_LIMITS } from '../../shared/schemas/facts.ts';
import { onLocalClients } from '../../shared/store/client.ts';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';
import { createDraft, publish, walk } from '../support/articles.ts';

let api: TestApi;
let author: string;
let editor: string;

/**
 * A storage failure that cannot be produced on demand for real: the next write that completes one
 * of these media records fails as a lost connection to DynamoDB would, on the real client, before
 * the SDK's own retries (registered before the CMS starts, so its clients carry it).
 */
const failNextCompletion = new Set<string>();
const injected: string[] = [];
onLocalClients((client) =>
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: { sk?: unknown }; ExpressionAttributeNames?: object };
      const id = String(input.Key?.sk ?? '').replace(/^MEDIA#/, '');
      if (
        /^Update(Item)?Command$/.test(String(context.commandName)) &&
        failNextCompletion.has(id) &&
        Object.values(input.ExpressionAttributeNames ?? {}).includes('renditions')
      ) {
        failNextCompletion.delete(id);
        injected.push(id);
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
      }
      return next(args);
    },
    { step: 'initialize', name: 'injectStorageFailure' },
  ),
);

beforeAll(async () => {
  api = await startTestApi();
  [author, editor] = await Promise.all([api.token('author', 'ana'), api.token('editor', 'ed')]);
});
afterAll(async () => {
  await api?.stop();
});

/** A real image, made here: a gradient so that WebP has something to encode. */
async function image(format: 'jpeg' | 'png', width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) {
    const x = (i / 3) % width;
    const red = Math.floor((x * 255) / width);
    raw[i] = red;
    raw[i + 1] = 128;
    raw[i + 2] = 255 - red;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    [format]()
    .toBuffer();
}

interface Registered {
  media: { id: string; status: string; version: number };
  upload: { url: string; fields: Record<string, string>; maxBytes: number; expiresAt: string };
}

async function register(contentType: string, extra: Record<string, unknown> = {}): Promise<Registered> {
  const res = await api.request('POST', '/v1/admin/media', {
    token: author,
    json: { contentType, alt: 'Engineers on the harbour wall', ...extra },
  });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

/** The form as a browser sends it: the policy's fields, then the file last. */
async function post(upload: Registered['upload'], file: Buffer, fieldChanges: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...upload.fields, ...fieldChanges })) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(file)]), 'photo');
  const res = await fetch(upload.url, { method: 'POST', body: form });
  return { status: res.status, text: await res.text() };
}

async function settled(id: string) {
  for (let i = 0; i < 200; i += 1) {
    const res = await api.request('GET', `/v1/admin/media/${id}`, { token: author });
    expect(res.status, res.text).toBe(200);
    if (res.body.status !== 'pending') return res.body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`media ${id} stayed pending`);
}

async function uploaded(
  format: 'jpeg' | 'png',
  width: number,
  height: number,
  extra: Record<string, unknown> = {},
) {
  const registered = await register(`image/${format}`, extra);
  const sent = await post(registered.upload, await image(format, width, height));
  expect(sent.status, sent.text).toBe(204);
  return settled(registered.media.id);
}

describe('uploading to the media library', () => {
  it('answers a pending record and a presigned POST whose policy fixes key, type and size', async () => {
    const { media, upload } = await register('image/png', { bytes: 1234, credit: 'Harbour Courier' });
    expect(media).toMatchObject({
      status: 'pending',
      type: null,
      width: null,
      uploadedBy: 'ana',
      credit: 'Harbour Courier',
    });
    expect(upload.url).toBe(`${api.url}/_media/upload`);
    // The upload lands where nothing is served; only its processing puts an original in place.
    expect(upload.fields.key).toBe(`media/incoming/${media.id}`);
    expect(upload.maxBytes).toBe(20 * 1024 * 1024);
    const policy = JSON.parse(Buffer.from(upload.fields.Policy ?? '', 'base64').toString('utf8'));
    expect(policy.conditions).toContainEqual(['content-length-range', 1, MEDIA_LIMITS.maxBytes]);
    expect(policy.conditions).toContainEqual(['eq', '$Content-Type', 'image/png']);
    expect(policy.conditions).toContainEqual({ key: `media/incoming/${media.id}` });
    expect(Date.parse(policy.expiration)).toBeGreaterThan(Date.now());
  });

  it('reads type and true dimensions from the file, whatever the client claimed, and makes WebP renditions', async () => {
    // The client claims a small PNG; the file is a 1500x1000 JPEG.
    const registered = await register('image/jpeg', { bytes: 10 });
    const sent = await post(registered.upload, await image('jpeg', 1500, 1000));
    expect(sent.status, sent.text).toBe(204);
    const ready = await settled(registered.media.id);
    expect(ready).toMatchObject({ status: 'ready', type: 'image/jpeg', width: 1500, height: 1000 });
    expect(ready.bytes).toBeGreaterThan(10);
    expect(ready.renditions.map((r: { width: number }) => r.width)).toEqual([320, 640, 1280, 1500]);
    for (const r of ready.renditions) {
      const res = await fetch(`${api.url}${r.url}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.width, meta.height]).toEqual([r.width, Math.round((r.width * 1000) / 1500)]);
    }
    const original = await fetch(`${api.url}${ready.original}`);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
  });

  it('never upscales: a small image keeps one rendition at its own width', async () => {
    const ready = await uploaded('png', 200, 120);
    expect(ready).toMatchObject({ type: 'image/png', width: 200, height: 120 });
    // Under the image's id and the digest of its original's bytes.
    const at = expect.stringMatching(new RegExp(`^media/renditions/${ready.id}/[0-9a-f]{16}/200\\.webp$`));
    expect(ready.renditions).toEqual([{ width: 200, height: 120, key: at, url: expect.any(String) }]);
    expect(ready.renditions[0].url).toBe(`/${ready.renditions[0].key}`);
    expect(ready.original).toMatch(new RegExp(`^/media/originals/${ready.id}/[0-9a-f]{16}$`));
  });

  it('marks a text file sent as image/png failed, with the reason, and serves nothing of it', async () => {
    const registered = await register('image/png');
    const sent = await post(registered.upload, Buffer.from('not a picture at all, just words\n'));
    expect(sent.status).toBe(204);
    const failed = await settled(registered.media.id);
    expect(failed).toMatchObject({ status: 'failed', type: null, renditions: [] });
    expect(failed.failure).toMatch(/not an image/);
    expect((await fetch(`${api.url}/media/originals/${registered.media.id}`)).status).toBe(404);
  });

  it('refuses, as S3 does, a file over the size limit, another content type, a changed key or a forged signature', async () => {
    const { media, upload } = await register('image/png');
    const png = await image('png', 40, 40);
    const tooLarge = await post(upload, Buffer.alloc(MEDIA_LIMITS.maxBytes + 1, 1));
    expect(tooLarge.status).toBe(400);
    expect(tooLarge.text).toContain('<Code>EntityTooLarge</Code>');
    const otherType = await post(upload, png, { 'Content-Type': 'text/html' });
    expect(otherType.status).toBe(403);
    expect(otherType.text).toContain('Policy Condition failed');
    const otherKey = await post(upload, png, { key: 'media/renditions/elsewhere' });
    expect(otherKey.status).toBe(403);
    const forged = await post(upload, png, { 'X-Amz-Signature': '0'.repeat(64) });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('SignatureDoesNotMatch');
    const extra = await post(upload, png, { acl: 'public-read' });
    expect(extra.status).toBe(403);
    expect(extra.text).toContain('Extra input fields: acl');
    const empty = await post(upload, Buffer.alloc(0));
    expect(empty.status).toBe(400);
    // Nothing was stored: the record is still waiting for its file.
    expect((await api.request('GET', `/v1/admin/media/${media.id}`, { token: author })).body.status).toBe(
      'pending',
    );
  });

  it('lets browsers upload from the console’s own origin only, as the bucket’s CORS rule does', async () => {
    const registered = await register('image/png');
    const preflight = (origin: string) =>
      fetch(registered.upload.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const own = await preflight(api.url);
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(api.url);
    expect(own.headers.get('access-control-allow-methods')).toBe('POST');
    const foreign = await preflight('https://elsewhere.example.org');
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await foreign.text()).toContain('CORSResponse');
    // The upload itself is judged by its policy; a page elsewhere may not read the answer.
    const form = new FormData();
    for (const [name, value] of Object.entries(registered.upload.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(await image('png', 40, 30))]), 'photo');
    const sent = await fetch(registered.upload.url, {
      method: 'POST',
      body: form,
      headers: { origin: 'https://elsewhere.example.org' },
    });
    expect(sent.status).toBe(204);
    expect(sent.headers.get('access-control-allow-origin')).toBeNull();
    await settled(registered.media.id);
  });

  it('refuses a content type the library does not take, before any upload (422)', async () => {
    const res = await api.request('POST', '/v1/admin/media', {
      token: author,
      json: { contentType: 'image/svg+xml', alt: 'A logo' },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('contentType');
  });
});

describe('the library', () => {
  it('lists newest first, and changes descriptions with If-Match', async () => {
    const first = await register('image/png');
    const second = await register('image/png');
    const list = await api.request('GET', '/v1/admin/media?limit=2', { token: author });
    expect(list.body.items.map((m: { id: string }) => m.id)).toEqual([second.media.id, first.media.id]);
    expect(list.body.nextCursor).toEqual(expect.any(String));

    const path = `/v1/admin/media/${first.media.id}`;
    const missing = await api.request('PATCH', path, { token: author, json: { alt: 'New' } });
    expect(missing.status).toBe(428);
    const patched = await api.request('PATCH', path, {
      token: author,
      headers: { 'if-match': '"1"' },
      json: { alt: 'The wall at low tide', licence: 'CC BY 4.0', credit: '' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({
      alt: 'The wall at low tide',
      licence: 'CC BY 4.0',
      credit: null,
      version: 2,
    });
    expect(patched.headers.get('etag')).toBe('"2"');
    const stale = await api.request('PATCH', path, {
      token: author,
      headers: { 'if-match': '"1"' },
      json: { alt: 'Lost update' },
    });
    expect(stale.status).toBe(412);
  });

  it('deletes an unused image with its files; authors may not delete', async () => {
    const ready = await uploaded('png', 400, 300);
    expect((await api.request('DELETE', `/v1/admin/media/${ready.id}`, { token: author })).status).toBe(403);
    const res = await api.request('DELETE', `/v1/admin/media/${ready.id}`, { token: editor });
    expect(res.status, res.text).toBe(204);
    expect((await api.request('GET', `/v1/admin/media/${ready.id}`, { token: author })).status).toBe(404);
    expect((await fetch(`${api.url}${ready.renditions[0].url}`)).status).toBe(404);
    expect((await fetch(`${api.url}${ready.original}`)).status).toBe(404);
  });
});

describe('articles using library images', () => {
  it('resolve them in the public article: src, srcset, width, height, alt, caption, credit', async () => {
    const ready = await uploaded('jpeg', 2400, 1600, {
      caption: 'The damaged stretch',
      credit: 'Jo Reed / Courier',
    });
    const social = await uploaded('png', 1200, 630);
    const client = api.client(author);
    const draft = await createDraft(client, {
      body: [
        { type: 'paragraph', text: 'Work began on Monday.' },
        { type: 'image', mediaId: ready.id, alt: 'Engineers at work on the wall' },
        { type: 'image', src: 'https://images.example.org/old.jpg', alt: 'An external image' },
      ],
      leadImage: { mediaId: ready.id },
      seo: { socialImage: { mediaId: social.id } },
    } as never);
    const live = await publish(draft, { author: client, editor: api.client(editor) });
    const res = await api.request('GET', `/v1/articles/${live.slug}`);
    expect(res.status).toBe(200);
    const base = ready.renditions[0].url.replace(/\/\d+\.webp$/, '');
    expect(base).toMatch(new RegExp(`^/media/renditions/${ready.id}/[0-9a-f]{16}$`));
    const srcset = `${base}/320.webp 320w, ${base}/640.webp 640w, ${base}/1280.webp 1280w, ${base}/2048.webp 2048w`;
    expect(res.body.body[1]).toEqual({
      type: 'image',
      mediaId: ready.id,
      src: `${base}/2048.webp`,
      srcset,
      width: 2048,
      height: 1365,
      alt: 'Engineers at work on the wall',
      caption: 'The damaged stretch',
      credit: 'Jo Reed / Courier',
    });
    expect(res.body.body[2]).toEqual({
      type: 'image',
      src: 'https://images.example.org/old.jpg',
      alt: 'An external image',
    });
    expect(res.body.leadImage).toMatchObject({
      mediaId: ready.id,
      src: `${base}/2048.webp`,
      alt: 'Engineers on the harbour wall',
    });
    // The public lists carry the lead image too, resolved at publish (still one Query a page).
    const listed = await api.request('GET', `/v1/articles?section=${live.section}`);
    const entry = listed.body.items.find((item: { id: string }) => item.id === live.id);
    expect(entry.leadImage).toEqual({
      src: `${base}/2048.webp`,
      srcset,
      width: 2048,
      height: 1365,
      alt: 'Engineers on the harbour wall',
    });
    // 1200 pixels wide: renditions at 320, 640 and its own 1200 (none wider than the original).
    expect(res.body.seo.socialImage).toMatchObject({ mediaId: social.id, width: 1200, height: 630 });
    // The working copy keeps the reference, not the resolution.
    const working = await api.request('GET', `/v1/admin/articles/${live.id}`, { token: author });
    expect(working.body.leadImage).toEqual({ mediaId: ready.id });
    // An image block shows its widest rendition in the working copy, for the editor's preview.
    expect(working.body.body[1]).toEqual({
      type: 'image',
      mediaId: ready.id,
      src: `${base}/2048.webp`,
      alt: 'Engineers at work on the wall',
    });

    // An image in use cannot be deleted: the 409 names the article.
    const refused = await api.request('DELETE', `/v1/admin/media/${ready.id}`, { token: editor });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain(live.title);
    expect(refused.body.detail).toContain(live.id);
    expect((await api.request('GET', `/v1/admin/media/${ready.id}`, { token: author })).status).toBe(200);
  });

  it('refuses an unknown, pending or failed image with 422 naming the field', async () => {
    const pending = await register('image/png');
    const unknown = '01KAX3TT6V3Q7D0Y6M1V0C5N8E';
    const res = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({
        body: [{ type: 'image', mediaId: unknown }],
        leadImage: { mediaId: pending.media.id },
      }),
    });
    expect(res.status, res.text).toBe(422);
    expect(res.body.errors).toEqual([
      { path: 'body.0.mediaId', message: `no image ${unknown} in the media library` },
      { path: 'leadImage.mediaId', message: expect.stringContaining('not ready') },
    ]);
    const both = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({
        body: [{ type: 'image', mediaId: unknown, src: 'https://x.example.org/a.jpg' }],
      }),
    });
    expect(both.status).toBe(422);
  });

  it('a working copy that drops an image still holds it while the live version shows it', async () => {
    const ready = await uploaded('png', 500, 500);
    const client = api.client(author);
    const draft = await createDraft(client, { leadImage: { mediaId: ready.id } } as never);
    const live = await publish(draft, { author: client, editor: api.client(editor) });
    const dropped = await api.request('PATCH', `/v1/admin/articles/${live.id}`, {
      token: author,
      headers: { 'if-match': `"${live.version}"` },
      json: { leadImage: null },
    });
    expect(dropped.status, dropped.text).toBe(200);
    const refused = await api.request('DELETE', `/v1/admin/media/${ready.id}`, { token: editor });
    expect(refused.status).toBe(409);
  });
});

/**
 * A PNG of the given size that costs nothing to make: one bit a pixel, all black, so its data
 * compresses to a few kilobytes. Only its header is read before the pixel limit refuses it.
 */
function hugePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const framed = Buffer.alloc(body.length + 8);
    framed.writeUInt32BE(data.length, 0);
    body.copy(framed, 4);
    framed.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return framed;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // greyscale
  const rows = deflateSync(Buffer.alloc((1 + Math.ceil(width / 8)) * height));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('the pixel limit', () => {
  it('refuses a 12000x9000 image as over the limit, naming its size and the limit', async () => {
    const registered = await register('image/png');
    const sent = await post(registered.upload, hugePng(12_000, 9_000));
    expect(sent.status, sent.text).toBe(204);
    const failed = await settled(registered.media.id);
    expect(failed.status).toBe('failed');
    expect(failed.failure).toBe(
      'The image is 12000x9000 pixels (108,000,000); the limit is 100,000,000 pixels.',
    );
  });
});

/** The files the media folder holds for an image, wherever they are (upload, original, renditions). */
function filesOf(id: string): string[] {
  const found: string[] = [];
  const walkDir = (dir: string, prefix: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walkDir(join(dir, entry.name), path);
      else if (path.includes(id)) found.push(path.slice(1));
    }
  };
  walkDir(api.media.dir, '');
  return found.sort();
}

describe('a used upload form', () => {
  it('cannot replace the original of a ready image: the record and the file it describes stay', async () => {
    const registered = await register('image/png');
    expect((await post(registered.upload, await image('png', 300, 200))).status).toBe(204);
    const ready = await settled(registered.media.id);
    // The upload is removed just after the record is completed.
    await api.media.settle();
    const filesBefore = filesOf(ready.id);
    // The original, then its renditions and its crops (under the renditions: docs/crops.md).
    expect([...new Set(filesBefore.map((f) => f.split('/')[1]))]).toEqual(['originals', 'renditions']);

    const replay = await post(registered.upload, await image('png', 640, 480));
    expect(replay.status).toBe(204);
    await api.media.settle();

    const after = await api.request('GET', `/v1/admin/media/${ready.id}`, { token: author });
    expect(after.body).toEqual(ready);
    const served = await fetch(`${api.url}${ready.original}`);
    expect(served.status).toBe(200);
    const meta = await sharp(Buffer.from(await served.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([300, 200]);
    // The replayed file was removed, not kept somewhere unserved.
    expect(filesOf(ready.id)).toEqual(filesBefore);
  });

  it('cannot put a file under a failed record: nothing is served at its original', async () => {
    const registered = await register('image/png');
    await post(registered.upload, Buffer.from('not a picture at all\n'));
    const failed = await settled(registered.media.id);
    expect(failed.status).toBe('failed');

    const html = Buffer.from('<!doctype html><script>alert(document.domain)</script>');
    expect((await post(registered.upload, html)).status).toBe(204);
    await api.media.settle();

    expect((await fetch(`${api.url}/media/originals/${failed.id}`)).status).toBe(404);
    expect(filesOf(failed.id)).toEqual([]);
    const after = await api.request('GET', `/v1/admin/media/${failed.id}`, { token: author });
    expect(after.body).toEqual(failed);
  });

  it('cannot store an orphan once its record is deleted', async () => {
    const registered = await register('image/png');
    const id = registered.media.id;
    expect((await api.request('DELETE', `/v1/admin/media/${id}`, { token: editor })).status).toBe(204);

    expect((await post(registered.upload, await image('png', 200, 100))).status).toBe(204);
    await api.media.settle();

    expect((await fetch(`${api.url}/media/originals/${id}`)).status).toBe(404);
    expect(filesOf(id)).toEqual([]);
    expect((await api.request('GET', `/v1/admin/media/${id}`, { token: author })).status).toBe(404);
  });
});

describe("an image's words and the article's approval", () => {
  it('may be changed by the uploader, editors and admins; another author gets 403', async () => {
    const mine = await uploaded('png', 120, 80);
    const other = await api.token('author', 'carl');
    const path = `/v1/admin/media/${mine.id}`;
    const refused = await api.request('PATCH', path, {
      token: other,
      headers: { 'if-match': `"${mine.version}"` },
      json: { alt: 'Someone else’s words' },
    });
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.detail).toMatch(/uploaded it or an editor/);
    expect((await api.request('GET', path, { token: author })).body.alt).toBe(mine.alt);

    const byEditor = await api.request('PATCH', path, {
      token: editor,
      headers: { 'if-match': `"${mine.version}"` },
      json: { caption: 'Checked by the desk' },
    });
    expect(byEditor.status, byEditor.text).toBe(200);
    const admin = await api.token('admin', 'root');
    const byAdmin = await api.request('PATCH', path, {
      token: admin,
      headers: { 'if-match': `"${byEditor.body.version}"` },
      json: { credit: 'Courier' },
    });
    expect(byAdmin.status, byAdmin.text).toBe(200);
  });

  it('publishing takes the words the approval saw; changed words go live only after a new review', async () => {
    // ana uploads the photo; bob writes the article; an editor approves it.
    const photo = await uploaded('jpeg', 800, 600, { caption: 'The wall at dawn', credit: 'Courier' });
    const bob = api.client(await api.token('author', 'bob'));
    const desk = api.client(editor);
    const draft = await createDraft(bob, {
      leadImage: { mediaId: photo.id },
      body: [
        { type: 'paragraph', text: 'Work began on Monday.' },
        { type: 'image', mediaId: photo.id },
      ],
    } as never);
    const approved = await walk(
      [
        [bob, 'submit'],
        [desk, 'approve'],
      ],
      draft,
    );

    // After the approval, the uploader changes the image's words: that is allowed (200).
    const changed = await api.request('PATCH', `/v1/admin/media/${photo.id}`, {
      token: author,
      headers: { 'if-match': `"${photo.version}"` },
      json: { alt: 'Unreviewed alt text', caption: 'Unreviewed caption' },
    });
    expect(changed.status, changed.text).toBe(200);

    const live = await walk([[desk, 'publish']], approved);
    const page = (await api.request('GET', `/v1/articles/${live.slug}`)).body;
    expect(page.leadImage).toMatchObject({ alt: photo.alt, caption: 'The wall at dawn', credit: 'Courier' });
    expect(page.body[1]).toMatchObject({ alt: photo.alt, caption: 'The wall at dawn' });
    const listed = await api.request('GET', `/v1/articles?section=${live.section}`);
    const entry = listed.body.items.find((item: { id: string }) => item.id === live.id);
    expect(entry.leadImage.alt).toBe(photo.alt);

    // The new words reach readers through a new review of the article.
    const edited = await api.request('PATCH', `/v1/admin/articles/${live.id}`, {
      token: await api.token('author', 'bob'),
      headers: { 'if-match': `"${live.version}"` },
      json: { standfirst: 'Engineers start on the damaged stretch, photographed at dawn.' },
    });
    expect(edited.status, edited.text).toBe(200);
    const republished = await publish(edited.body, { author: bob, editor: desk });
    const now = (await api.request('GET', `/v1/articles/${republished.slug}`)).body;
    expect(now.leadImage).toMatchObject({ alt: 'Unreviewed alt text', caption: 'Unreviewed caption' });
    expect(now.body[1]).toMatchObject({ alt: 'Unreviewed alt text', caption: 'Unreviewed caption' });
    // The pin rides on the working copy's stream records like any field: both publishes announced.
    const published = (await api.events()).filter(
      (e) => e['detail-type'] === 'ArticlePublished' && e.detail.id === live.id,
    );
    expect(published.map((e) => e.detail.version)).toEqual([live.version, republished.version]);
  });
});

describe('processing that fails', () => {
  it('is retried after a storage error, and the retry completes the record', async () => {
    const registered = await register('image/png');
    failNextCompletion.add(registered.media.id);
    expect((await post(registered.upload, await image('png', 400, 300))).status).toBe(204);
    const ready = await settled(registered.media.id);
    expect(injected).toContain(registered.media.id);
    expect(ready).toMatchObject({ status: 'ready', width: 400, height: 300 });
    expect((await fetch(`${api.url}${ready.renditions[0].url}`)).status).toBe(200);
  });

  it('an upload never processed is failed, with the reason, once its time is up', async () => {
    const registered = await register('image/png', { alt: 'Never sent' });
    const id = registered.media.id;
    const registeredAt = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(registeredAt + 59 * 60_000);
      const early = await api.token('author', 'ana');
      expect((await api.request('GET', `/v1/admin/media/${id}`, { token: early })).body.status).toBe(
        'pending',
      );

      vi.setSystemTime(registeredAt + 61 * 60_000);
      const late = await api.token('author', 'ana');
      const failed = await api.request('GET', `/v1/admin/media/${id}`, { token: late });
      expect(failed.body).toMatchObject({ status: 'failed', renditions: [], original: null });
      expect(failed.body.failure).toBe(
        'The upload was not received and processed within 60 minutes of registering it. Upload the image again.',
      );
      const listed = await api.request('GET', '/v1/admin/media?limit=50', { token: late });
      expect(listed.body.items.find((m: { id: string }) => m.id === id)?.status).toBe('failed');
      const refused = await api.request('POST', '/v1/admin/articles', {
        token: late,
        json: sampleArticle({ leadImage: { mediaId: id } }),
      });
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0].message).toContain('not received and processed within 60 minutes');
    } finally {
      vi.useRealTimers();
    }
  });
});
