import { request } from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * An upload that never arrives must not leave its record at Processing: its uploader may delete
 * a record that never became ready (the console does, when the storage refuses or cannot be
 * reached). A ready image stays the desk's to delete. And the local upload address follows the
 * host the console was opened at.
 */
let api: TestApi;
let author: string;
let otherAuthor: string;
let editor: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, otherAuthor, editor] = await Promise.all([
    api.token('author', 'una'),
    api.token('author', 'otto'),
    api.token('editor', 'eve'),
  ]);
});
afterAll(async () => {
  await api?.stop();
});

async function register(token: string, headers: Record<string, string> = {}) {
  const res = await api.request('POST', '/v1/admin/media', {
    token,
    headers,
    json: { contentType: 'image/png', alt: 'A lifeboat' },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { media: { id: string }; upload: { url: string; fields: Record<string, string> } };
}

describe('deleting an upload that never arrived', () => {
  it('its uploader may delete the pending record, which is then gone', async () => {
    const { media } = await register(author);
    const res = await api.request('DELETE', `/v1/admin/media/${media.id}`, { token: author });
    expect(res.status, res.text).toBe(204);
    expect((await api.request('GET', `/v1/admin/media/${media.id}`, { token: author })).status).toBe(404);
  });

  it("another author may not delete someone's pending record (403, kept)", async () => {
    const { media } = await register(author);
    const res = await api.request('DELETE', `/v1/admin/media/${media.id}`, { token: otherAuthor });
    expect(res.status).toBe(403);
    expect((await api.request('GET', `/v1/admin/media/${media.id}`, { token: author })).body.status).toBe(
      'pending',
    );
  });

  it('a ready image is not its uploader’s to delete: editors only', async () => {
    const { media, upload } = await register(author);
    const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#246' } })
      .png()
      .toBuffer();
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', new Blob([new Uint8Array(png)]), 'a.png');
    expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBe(204);
    for (let i = 0; i < 200; i += 1) {
      const read = await api.request('GET', `/v1/admin/media/${media.id}`, { token: author });
      if (read.body.status === 'ready') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const refused = await api.request('DELETE', `/v1/admin/media/${media.id}`, { token: author });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toMatch(/Only an editor/);
    expect((await api.request('DELETE', `/v1/admin/media/${media.id}`, { token: editor })).status).toBe(204);
  });
});

/** POST /v1/admin/media sent to this host and port, with this Host header (fetch cannot set Host). */
function registerAt(port: string, host: string): Promise<{ upload: { url: string } }> {
  const body = JSON.stringify({ contentType: 'image/png', alt: 'A lifeboat' });
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/admin/media',
        headers: { host, authorization: `Bearer ${author}`, 'content-type': 'application/json' },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(text)) : reject(new Error(text))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the local upload address', () => {
  it('follows the loopback name the request came to, and only a loopback name', async () => {
    const port = new URL(api.url).port;
    expect((await register(author)).upload.url).toBe(`http://localhost:${port}/_media/upload`);
    expect((await registerAt(port, `127.0.0.1:${port}`)).upload.url).toBe(
      `http://127.0.0.1:${port}/_media/upload`,
    );
    expect((await registerAt(port, `localhost:${port}`)).upload.url).toBe(
      `http://localhost:${port}/_media/upload`,
    );
    expect((await registerAt(port, `attacker.example:${port}`)).upload.url).toBe(
      `http://localhost:${port}/_media/upload`,
    );
  });
});
