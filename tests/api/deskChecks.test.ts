import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prePublishWarnings } from '../../shared/desk/prePublish.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { createDraft } from '../support/articles.ts';

/** GET /v1/admin/articles/{id}/checks: the desk's figures and warnings, from the shared function. */
let api: TestApi;
let author: string;
let otherAuthor: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, otherAuthor] = await Promise.all([api.token('author', 'wendy'), api.token('author', 'walt')]);
});
afterAll(async () => {
  await api?.stop();
});

const checks = (id: string, token = author) =>
  api.request('GET', `/v1/admin/articles/${id}/checks`, { token });

/** A ready library image with the given alt text: registered, uploaded, processed. */
async function libraryImage(alt: string): Promise<string> {
  const res = await api.request('POST', '/v1/admin/media', {
    token: author,
    json: { contentType: 'image/png', alt },
  });
  expect(res.status, res.text).toBe(201);
  const { media, upload } = res.body as {
    media: { id: string };
    upload: { url: string; fields: Record<string, string> };
  };
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
    .png()
    .toBuffer();
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(png)]), 'photo.png');
  expect((await fetch(upload.url, { method: 'POST', body: form })).status).toBe(204);
  for (let i = 0; i < 200; i += 1) {
    const read = await api.request('GET', `/v1/admin/media/${media.id}`, { token: author });
    if (read.body.status === 'ready') return media.id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`image ${media.id} was not processed`);
}

describe('the desk checks of a saved version', () => {
  it('reports words, reading time and the warnings the console shows, from the same function', async () => {
    const title = `${'A very long headline about the harbour wall '.repeat(3)}`.trim();
    const draft = await createDraft(api.client(author), {
      title,
      body: [
        { type: 'heading', level: 2, text: 'Work starts' },
        {
          type: 'paragraph',
          text: [
            { text: 'Work began on ', marks: [] },
            { text: 'Monday', marks: [{ type: 'bold' }] },
          ],
        },
        { type: 'quote', text: 'We expect to finish soon.', attribution: 'Site manager' },
      ],
    });
    const res = await checks(draft.id);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      version: draft.version,
      words: 11,
      readingMinutes: 1,
      wordsPerMinute: 230,
      warnings: prePublishWarnings(draft, undefined),
    });
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toEqual([
      'lead-image-missing',
      'meta-description-missing',
      'headline-too-long',
    ]);
  });

  it("falls back to the library's alt text for the lead image, and warns when neither has any", async () => {
    const described = await libraryImage('Engineers on the harbour wall');
    const bare = await libraryImage('');
    const withAlt = await createDraft(api.client(author), {
      leadImage: { mediaId: described },
      seo: { metaDescription: 'Repairs begin.', noindex: false },
    });
    expect((await checks(withAlt.id)).body.warnings).toEqual([]);
    const without = await createDraft(api.client(author), {
      leadImage: { mediaId: bare },
      seo: { metaDescription: 'Repairs begin.', noindex: false },
    });
    expect((await checks(without.id)).body.warnings).toEqual([
      expect.objectContaining({ code: 'lead-image-alt-missing', field: 'leadImage.alt' }),
    ]);
    const ownWords = await createDraft(api.client(author), {
      leadImage: { mediaId: bare, alt: 'Cranes over the fish market' },
      seo: { metaDescription: 'Repairs begin.', noindex: false },
    });
    expect((await checks(ownWords.id)).body.warnings).toEqual([]);
  });

  it("is a 404 for another author's story, as the article itself is", async () => {
    const draft = await createDraft(api.client(author));
    const res = await checks(draft.id, otherAuthor);
    expect(res.status).toBe(404);
    expect(res.body.type).toMatch(/not-found/);
  });
});
