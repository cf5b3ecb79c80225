import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/api.ts';
import { type ConsoleHarness, expectAccessible, paintImages, screenshot, startConsole } from './browser.ts';

// The media library and the image picker in the console, in Chromium, against the real local stack.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const AUTHOR = 'reporter-1';
const EDITOR = 'desk-1';

/** A photo-like PNG: noise compresses badly, so the file is big enough for progress to show. */
async function photo(width: number, height: number, noisy = false): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) {
    const x = (i / 3) % width;
    const y = Math.floor(i / 3 / width);
    raw[i] = noisy ? Math.floor(Math.random() * 256) : Math.floor((x * 255) / width);
    raw[i + 1] = noisy ? Math.floor(Math.random() * 256) : Math.floor((y * 200) / height) + 30;
    raw[i + 2] = noisy ? Math.floor(Math.random() * 256) : 160;
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

/** An image in the library, uploaded as a script would (register, POST the form, wait for ready). */
async function libraryImage(alt: string, width = 900, height = 600): Promise<{ id: string }> {
  const token = await h.api.token('author', AUTHOR);
  const res = await h.api.request('POST', '/v1/admin/media', {
    token,
    json: { contentType: 'image/png', alt, credit: 'Courier photo desk' },
  });
  expect(res.status, res.text).toBe(201);
  const form = new FormData();
  for (const [name, value] of Object.entries(res.body.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([new Uint8Array(await photo(width, height))]), 'photo.png');
  expect((await fetch(res.body.upload.url, { method: 'POST', body: form })).status).toBe(204);
  const id = res.body.media.id as string;
  await expect
    .poll(async () => (await h.api.request('GET', `/v1/admin/media/${id}`, { token })).body.status, {
      timeout: 10_000,
    })
    .toBe('ready');
  return { id };
}

async function createArticle(overrides: Record<string, unknown> = {}) {
  const token = await h.api.token('author', AUTHOR);
  const res = await h.api.request('POST', '/v1/admin/articles', { token, json: sampleArticle(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; title: string };
}

const getArticle = async (id: string) =>
  (await h.api.request('GET', `/v1/admin/articles/${id}`, { token: await h.api.token('author', AUTHOR) }))
    .body;

const dialog = (page: Page) => page.getByRole('dialog');

describe('the media library screen', () => {
  it('uploads a file with real progress, waits until it is ready and lists it first', async () => {
    await libraryImage('An older photo of the quay');
    const page = await h.signIn('author', AUTHOR);
    await page.getByRole('link', { name: 'Media', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Media library' }).waitFor();
    await page.getByRole('link', { name: 'An older photo of the quay' }).waitFor();
    await expectAccessible(page, 'the media library');

    // Slow the upload down so that its progress is visible, as on a newsroom's real connection.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 400 * 1024,
    });
    const file = await photo(420, 420, true);
    expect(file.length).toBeGreaterThan(400_000);
    // Until a file is chosen, Upload is disabled and says why.
    const upload = page.getByRole('button', { name: 'Upload', exact: true });
    expect(await upload.isDisabled()).toBe(true);
    const why = await upload.getAttribute('aria-describedby');
    expect(await page.locator(`#${why}`).textContent()).toBe('Choose an image file first.');
    await page
      .getByLabel('Image file')
      .setInputFiles({ name: 'lifeboat.png', mimeType: 'image/png', buffer: file });
    await page.getByLabel('Alternative text').fill('The lifeboat crew launching from the slipway');
    await page.getByLabel('Credit (optional)').fill('Courier photo desk');
    // Every percentage the bar shows, as the person watching it sees them.
    await page.evaluate(`(() => {
      const seen = (window.seen = []);
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        if (bar) seen.push(Number(bar.getAttribute('value')));
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const bar = page.getByRole('progressbar', { name: 'Uploading lifeboat.png' });
    await bar.waitFor();
    await screenshot(page, 'media-uploading-desktop');
    await page.getByText('Ready: lifeboat.png (420 × 420).').waitFor({ timeout: 15_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const seen = (await page.evaluate('window.seen')) as number[];
    expect(
      seen.some((p) => p > 0 && p < 100),
      `progress seen: ${seen.join(', ')}`,
    ).toBe(true);
    expect(Math.max(...seen)).toBe(100);
    // Newest first, with its thumbnail from a WebP rendition.
    const first = page.getByRole('list', { name: 'Images, newest first' }).getByRole('listitem').first();
    expect(await first.getByRole('link').textContent()).toBe('The lifeboat crew launching from the slipway');
    await expect
      .poll(() => first.locator('img').getAttribute('src'))
      .toMatch(/^\/media\/renditions\/.+\.webp$/);
    await expect
      .poll(() =>
        first.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    await expectAccessible(page, 'the media library after an upload');
    await screenshot(page, 'media-desktop');
  });

  it('shows why a file that is not an image failed', async () => {
    const page = await h.signIn('author', AUTHOR);
    await page.goto('/library');
    await page.getByLabel('Image file').setInputFiles({
      name: 'minutes.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('Minutes of the harbour board, not a photograph at all.'),
    });
    await page.getByLabel('Alternative text').fill('Not really a picture');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toMatch(/could not be used: .+/);
  });

  it('edits alt, caption, credit and licence with If-Match; a stale edit is refused and reloaded', async () => {
    const { id } = await libraryImage('Fishing boats in the harbour');
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/library/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Fishing boats in the harbour' }).waitFor();
    await page.getByLabel('Caption').fill('Boats tied up for the storm');
    await page.getByLabel('Licence').fill('All rights reserved');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.getByText(/^Saved\./).waitFor();
    const token = await h.api.token('author', AUTHOR);
    let record = (await h.api.request('GET', `/v1/admin/media/${id}`, { token })).body;
    expect(record).toMatchObject({
      caption: 'Boats tied up for the storm',
      licence: 'All rights reserved',
      version: 3,
    });

    // A colleague changes the credit meanwhile; this page still holds version 3.
    const other = await h.api.request('PATCH', `/v1/admin/media/${id}`, {
      token,
      headers: { 'if-match': '"3"' },
      json: { credit: 'Harbour board' },
    });
    expect(other.status).toBe(200);
    await page.getByLabel('Credit').fill('Our photographer');
    await page.getByRole('button', { name: 'Save details' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Someone else changed this image/);
    await expect.poll(() => page.getByLabel('Credit').inputValue()).toBe('Harbour board');
    record = (await h.api.request('GET', `/v1/admin/media/${id}`, { token })).body;
    expect(record.credit).toBe('Harbour board');
    await expectAccessible(page, 'an image with a stale edit refused');
    await screenshot(page, 'media-detail-conflict-desktop');
  });

  it('refuses to delete an image an article or an author uses, naming them; deletes one unused', async () => {
    const used = await libraryImage('Council chamber');
    const article = await createArticle({ title: 'Budget vote delayed', leadImage: { mediaId: used.id } });
    const editorToken = await h.api.token('editor', EDITOR);
    const slug = `council-photographer-${Date.now().toString(36)}`;
    const author = await h.api.request('POST', '/v1/admin/authors', {
      token: editorToken,
      json: { slug, name: 'Rhea Moss', photo: { mediaId: used.id } },
    });
    expect(author.status, author.text).toBe(201);
    const page = await h.signIn('editor', EDITOR);
    await page.goto(`/library/${used.id}`);
    await page.getByRole('button', { name: 'Delete image' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/used by an article and an author's profile\./);
    const link = alert.getByRole('link', { name: 'Budget vote delayed' });
    expect(await link.getAttribute('href')).toBe(`/articles/${article.id}`);
    expect(await alert.getByRole('link', { name: 'Rhea Moss' }).getAttribute('href')).toBe(
      `/authors/${slug}`,
    );
    await expectAccessible(page, 'a refused deletion');
    await screenshot(page, 'media-delete-in-use-desktop');

    const unused = await libraryImage('A spare photo');
    await page.goto(`/library/${unused.id}`);
    await page.getByRole('button', { name: 'Delete image' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByRole('heading', { level: 1, name: 'Media library' }).waitFor();
    const token = await h.api.token('author', AUTHOR);
    expect((await h.api.request('GET', `/v1/admin/media/${unused.id}`, { token })).status).toBe(404);
    expect((await h.api.request('GET', `/v1/admin/media/${used.id}`, { token })).status).toBe(200);
  });

  it('offers deletion to editors only', async () => {
    const { id } = await libraryImage('Market square');
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/library/${id}`);
    await page.getByRole('button', { name: 'Save details' }).waitFor();
    expect(await page.getByRole('button', { name: 'Delete image' }).count()).toBe(0);
  });

  it("shows another author an image's words without a form: only the uploader and editors change them", async () => {
    const { id } = await libraryImage('Lifeboat station at dusk');
    const page = await h.signIn('author', 'reporter-2');
    await page.goto(`/library/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Lifeboat station at dusk' }).waitFor();
    await page
      .getByText('Only the person who uploaded this image, an editor or an admin may change its words.')
      .waitFor();
    expect(await page.getByRole('button', { name: 'Save details' }).count()).toBe(0);
    expect(await page.getByLabel('Alternative text').count()).toBe(0);
    expect(await page.getByText('Courier photo desk').count()).toBe(1);
    await expectAccessible(page, "another author's image");
    // An editor gets the form.
    const desk = await h.signIn('editor', EDITOR);
    await desk.goto(`/library/${id}`);
    await desk.getByRole('button', { name: 'Save details' }).waitFor();
  });
});

describe('the image picker in the article editor', () => {
  it('chooses the lead image, an image block (uploaded in the picker) and the social image, and saves', async () => {
    const lead = await libraryImage('Storm waves over the sea wall');
    const article = await createArticle({ title: 'Sea wall to be raised' });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${article.id}`);
    await page.getByRole('heading', { level: 1, name: 'Edit “Sea wall to be raised”' }).waitFor();

    const leadField = page.getByRole('group', { name: 'Lead image' });
    await leadField.getByRole('button', { name: 'Choose lead image' }).click();
    await dialog(page).getByRole('heading', { name: 'Choose the lead image' }).waitFor();
    await expectAccessible(page, 'the image picker');
    await screenshot(page, 'picker-desktop', { fullPage: false });
    await dialog(page)
      .getByRole('button', { name: /^Storm waves over the sea wall/ })
      .click();
    await expect.poll(() => dialog(page).count()).toBe(0);
    await leadField.getByRole('img', { name: 'Storm waves over the sea wall' }).waitFor();

    // An image block whose picture is uploaded from the picker itself.
    // After the quote, the body's second block.
    const body = page.getByRole('textbox', { name: 'Body' });
    await body.getByText('We expect to finish before the tourist season.').click();
    await page.getByRole('button', { name: 'Insert image' }).click();
    const block = body.getByRole('group', { name: 'Image' });
    await block.getByRole('button', { name: 'Choose from the library' }).click();
    await dialog(page).getByRole('button', { name: 'Upload a new image' }).click();
    await dialog(page)
      .getByLabel('Image file')
      .setInputFiles({ name: 'engineer.png', mimeType: 'image/png', buffer: await photo(700, 500) });
    await dialog(page).getByLabel('Alternative text').fill('An engineer measuring the wall');
    await dialog(page).getByRole('button', { name: 'Upload', exact: true }).click();
    await expect.poll(() => dialog(page).count(), { timeout: 15_000 }).toBe(0);
    await block.getByRole('img', { name: 'An engineer measuring the wall' }).waitFor();
    await block.getByLabel('Caption').fill('Measuring where the wall will rise');

    const seo = page.getByRole('group', { name: 'Search and sharing' });
    await seo.getByRole('button', { name: 'Choose social image' }).click();
    await dialog(page)
      .getByRole('button', { name: /^Storm waves over the sea wall/ })
      .click();
    await seo.getByRole('img', { name: 'Storm waves over the sea wall' }).waitFor();
    await expectAccessible(page, 'the editor with images chosen');
    await screenshot(page, 'editor-images-desktop');

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    let saved = await getArticle(article.id);
    expect(saved.leadImage).toEqual({ mediaId: lead.id });
    expect(saved.seo.socialImage).toEqual({ mediaId: lead.id });
    const image = saved.body[2];
    expect(image).toMatchObject({ type: 'image', caption: 'Measuring where the wall will rise' });
    expect(image.mediaId).toMatch(/^[0-9A-Z]{26}$/);
    expect(image.mediaId).not.toBe(lead.id);

    // The social image is removed again; the lead image stays.
    await seo.getByRole('button', { name: 'Remove social image' }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    saved = await getArticle(article.id);
    expect(saved.seo.socialImage).toBeUndefined();
    expect(saved.leadImage).toEqual({ mediaId: lead.id });
    // Reopened, the form shows the lead image again.
    await page.reload();
    await page
      .getByRole('group', { name: 'Lead image' })
      .getByRole('img', { name: 'Storm waves over the sea wall' })
      .waitFor();
  });

  it('works by keyboard alone: Tab stays in the dialog, Escape closes it, focus returns', async () => {
    await libraryImage('Lighthouse at dusk');
    const article = await createArticle({ title: 'Lighthouse keepers remembered' });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${article.id}`);
    const choose = page.getByRole('button', { name: 'Choose lead image' });
    await choose.focus();
    await page.keyboard.press('Enter');
    await dialog(page).getByRole('heading', { name: 'Choose the lead image' }).waitFor();
    await dialog(page)
      .getByRole('button', { name: /^Lighthouse at dusk/ })
      .waitFor();
    const inDialog = () => page.evaluate("Boolean(document.activeElement?.closest('dialog'))");
    const focusedName = () => page.evaluate("document.activeElement?.textContent?.trim() ?? ''");
    // Forwards through everything, and round again: focus never leaves the dialog.
    const stops = await dialog(page).locator('button, input, a[href]').count();
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press('Tab');
      expect(await inDialog()).toBe(true);
    }
    // Backwards from the first control lands on the last.
    await dialog(page).getByRole('button', { name: 'Close' }).focus();
    await page.keyboard.press('Shift+Tab');
    expect(await inDialog()).toBe(true);
    expect(await focusedName()).not.toBe('Close');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await focusedName()).toBe('Choose lead image');

    // Open again and choose by keyboard.
    await page.keyboard.press('Enter');
    await dialog(page).getByRole('heading', { name: 'Choose the lead image' }).waitFor();
    await dialog(page)
      .getByRole('button', { name: /^Lighthouse at dusk/ })
      .focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog(page).count()).toBe(0);
    expect(await focusedName()).toBe('Change lead image');
    await page.getByRole('button', { name: 'Save', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Saved.', { exact: true }).waitFor();
    expect((await getArticle(article.id)).leadImage).toMatchObject({ mediaId: expect.any(String) });
  });

  it('fits a 360 px screen: library, image detail and picker', async () => {
    const { id } = await libraryImage('Ferry leaving the pier', 1200, 800);
    await libraryImage('Tall lighthouse', 400, 900);
    const article = await createArticle({ title: 'Ferry fares rise' });
    const page = await h.signIn('editor', EDITOR, { width: 360 });
    await page.goto('/library');
    await page.getByRole('link', { name: 'Ferry leaving the pier' }).waitFor();
    const overflow = () =>
      page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      ) as Promise<number>;
    expect(await overflow()).toBeLessThanOrEqual(0);
    // The upload form waits behind its button: the first screen shows images, not an empty form.
    const toggle = page.getByRole('button', { name: 'Upload an image' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('Image file').isVisible()).toBe(false);
    const firstCard = page.getByRole('list', { name: 'Images, newest first' }).getByRole('listitem').first();
    const cardBox = await firstCard.boundingBox();
    expect(cardBox && cardBox.y + cardBox.height).toBeLessThanOrEqual(780);
    await expectAccessible(page, 'the media library at 360 px');
    // Thumbnails stay lazy for readers of the page; the capture waits for every one (browser.ts).
    const thumbs = page.locator('.media-card img');
    expect(await thumbs.last().getAttribute('loading')).toBe('lazy');
    await screenshot(page, 'media-360');
    const unpainted = await thumbs.evaluateAll(
      (imgs) => imgs.filter((img) => (img as unknown as { naturalWidth: number }).naturalWidth === 0).length,
    );
    expect(unpainted).toBe(0);
    // By keyboard: the button opens the form, and Tab goes on into it.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe(
      await page.getByLabel('Image file').getAttribute('id'),
    );
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'the media library at 360 px, upload form open');
    await screenshot(page, 'media-upload-360', { fullPage: false });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Image file').isVisible()).toBe(false);

    // A thumbnail far below the fold (pushed there for this check) is not fetched until a capture
    // paints it: lazy for the person on a phone, whole in the screenshots. A fresh browser context,
    // since an image already in the memory cache is shown at once, lazy or not.
    const fresh = await h.signIn('editor', EDITOR, { width: 360 });
    // A constructed stylesheet: the console's Content-Security-Policy refuses a <style> element.
    await fresh.addInitScript(`if (location.pathname === '/library') {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('.media-grid { margin-top: 6000px }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    }`);
    await fresh.goto('/library');
    await fresh.getByRole('link', { name: 'Ferry leaving the pier' }).waitFor();
    const width = () =>
      fresh
        .locator('.media-card img')
        .last()
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(await width()).toBe(0);
    await paintImages(fresh);
    expect(await width()).toBeGreaterThan(0);
    await fresh.context().close();
    await page.goto(`/library/${id}`);
    await page.getByRole('button', { name: 'Save details' }).waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'media-detail-360');
    await page.goto(`/articles/${article.id}`);
    await page.getByRole('button', { name: 'Choose lead image' }).click();
    await dialog(page)
      .getByRole('button', { name: /^Ferry leaving the pier/ })
      .waitFor();
    const box = await dialog(page).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
    await expectAccessible(page, 'the picker at 360 px');
    await screenshot(page, 'picker-360', { fullPage: false });
  });
});
