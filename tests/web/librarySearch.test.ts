import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/api.ts';
import { type ConsoleHarness, expectAccessible, startConsole } from './browser.ts';

// The search boxes of the media library, the image picker and the moderation queue, in Chromium,
// against the real local stack (seeded, so the queue has comments) and its relay.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole({ seed: true });
});
afterAll(async () => h?.stop());

const AUTHOR = 'reporter-1';

/** A ready image in the library, uploaded as a script would, under a file name of its own. */
async function libraryImage(alt: string, fileName: string): Promise<string> {
  const token = await h.api.token('author', AUTHOR);
  const res = await h.api.request('POST', '/v1/admin/media', {
    token,
    json: { contentType: 'image/png', alt, fileName },
  });
  expect(res.status, res.text).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(res.body.upload.fields as Record<string, string>))
    form.append(name, value);
  const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#4a7' } })
    .png()
    .toBuffer();
  form.append('file', new Blob([new Uint8Array(png)]), fileName);
  expect((await fetch(res.body.upload.url, { method: 'POST', body: form })).status).toBe(204);
  const id = res.body.media.id as string;
  for (let i = 0; i < 200; i += 1) {
    const status = (await h.api.request('GET', `/v1/admin/media/${id}`, { token })).body.status;
    if (status === 'ready') return id;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`image ${id} never became ready`);
}

const marks = (scope: ReturnType<Page['locator']>) => scope.locator('mark').allTextContents();

describe('searching the media library and the picker', () => {
  beforeAll(async () => {
    await libraryImage('Pelicans on the harbour wall', 'pelicans-harbour.png');
    await libraryImage('Night tram in the rain', 'tram_night.png');
    // The relay indexes what was committed (as the stream function does in AWS).
    await h.api.events();
  });

  it('narrows the library as a word is typed halfway, marking the words found', async () => {
    const page = await h.signIn('author', AUTHOR);
    await page.goto('/library');
    const cards = page.locator('ul.media-grid > li');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(2);

    await page.getByLabel('Search').pressSequentially('pelic', { delay: 40 });
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().getByRole('link').textContent()).toBe('Pelicans on the harbour wall');
    expect(await marks(cards.first())).toEqual(['Pelicans', 'pelicans']);
    await expectAccessible(page, 'the media library with search results');

    // A word of the file name alone.
    await page.getByLabel('Search').fill('night tram ');
    await expect.poll(() => cards.count()).toBe(1);
    await expect.poll(() => marks(cards.first())).toEqual(['Night', 'tram', 'tram', 'night']);

    await page.getByLabel('Search').fill('walrus ');
    await page.getByText('No image has these words.').waitFor();
  });

  it('narrows the picker as a word is typed, and the image found is chosen', async () => {
    const token = await h.api.token('author', AUTHOR);
    const res = await h.api.request('POST', '/v1/admin/articles', {
      token,
      json: sampleArticle({ title: 'Birds return to the harbour' }),
    });
    expect(res.status, res.text).toBe(201);
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${res.body.id}`);
    const leadField = page.getByRole('group', { name: 'Lead image' });
    await leadField.getByRole('button', { name: 'Choose lead image' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Choose the lead image' }).waitFor();
    const choices = dialog.locator('ul.picker-grid > li');
    await expect.poll(() => choices.count()).toBeGreaterThanOrEqual(2);

    await dialog.getByLabel('Search').pressSequentially('harb', { delay: 40 });
    await expect.poll(() => choices.count()).toBe(1);
    expect(await marks(choices.first())).toEqual(['harbour', 'harbour']);
    await expectAccessible(page, 'the image picker with search results');
    await choices.first().getByRole('button').click();
    await expect.poll(() => dialog.count()).toBe(0);
    await leadField.getByRole('img', { name: 'Pelicans on the harbour wall' }).waitFor();
  });
});

describe('searching the moderation queue', () => {
  it('narrows the pending queue as a word is typed halfway, marking it in the comments', async () => {
    const token = await h.api.token('moderator', 'mod-1');
    const queue = (await h.api.request('GET', '/v1/admin/comments?status=pending&limit=100', { token })).body
      .items as { id: string; body: string }[];
    // A long word of one seeded comment's text, typed halfway.
    const word = (queue[0]?.body.match(/\p{L}{7,}/gu) ?? []).sort((a, b) => b.length - a.length)[0];
    if (!word) throw new Error('no pending comment with a long word');
    const typed = word.slice(0, 5).toLowerCase();

    const page = await h.signIn('moderator', 'mod-1');
    const rows = page.locator('ul.comments > li');
    await expect.poll(() => rows.count()).toBe(queue.length);
    await page.getByLabel('Search this queue').pressSequentially(typed, { delay: 40 });
    await expect.poll(() => rows.locator('.comment-body mark').count()).toBeGreaterThan(0);
    const bodies = await rows.locator('.comment-body').allTextContents();
    expect(bodies).toContain(queue[0]?.body);
    // Every comment shown holds a word starting so (or the commenter's name does).
    for (let i = 0; i < bodies.length; i += 1) {
      const found = (await marks(rows.nth(i))).map((m) => m.toLowerCase());
      expect(found.some((m) => m.startsWith(typed))).toBe(true);
    }
    // Typing in the box is text, not keyboard moderation: nothing was approved.
    const after = (await h.api.request('GET', '/v1/admin/comments?status=pending&limit=100', { token })).body
      .items as unknown[];
    expect(after).toHaveLength(queue.length);
    await expectAccessible(page, 'the moderation queue with search results');
  });
});
