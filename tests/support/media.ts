import sharp from 'sharp';
import { expect } from 'vitest';
import type { TestApi } from './api.ts';

/** A photo-like PNG: a smooth two-colour gradient with a horizon, so a screenshot shows a picture. */
export async function gradientPhoto(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) {
    const x = (i / 3) % width;
    const y = Math.floor(i / 3 / width);
    const sea = y > height * 0.62;
    raw[i] = sea ? 20 + Math.floor((x * 40) / width) : 230 - Math.floor((y * 120) / height);
    raw[i + 1] = sea ? 70 + Math.floor((y * 40) / height) : 150 - Math.floor((y * 60) / height);
    raw[i + 2] = sea ? 110 : 90 + Math.floor((y * 100) / height);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** An image in the library, uploaded as a script would (register, POST the form, wait for ready). */
export async function libraryImage(
  api: TestApi,
  token: string,
  words: { alt: string; credit?: string; caption?: string },
  size = { width: 1600, height: 900 },
): Promise<{ id: string }> {
  const res = await api.request('POST', '/v1/admin/media', {
    token,
    json: { contentType: 'image/png', ...words },
  });
  expect(res.status, res.text).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(res.body.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([new Uint8Array(await gradientPhoto(size.width, size.height))]), 'photo.png');
  expect((await fetch(res.body.upload.url, { method: 'POST', body: form })).status).toBe(204);
  const id = res.body.media.id as string;
  // A loop rather than expect.poll: this also runs in beforeAll, where poll is not allowed.
  const until = Date.now() + 15_000;
  let status = 'pending';
  while (status !== 'ready' && Date.now() < until) {
    status = (await api.request('GET', `/v1/admin/media/${id}`, { token })).body.status;
    if (status !== 'ready') await new Promise((done) => setTimeout(done, 100));
  }
  expect(status, `image ${id}`).toBe('ready');
  return { id };
}
