import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/api.ts';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';
import { storyBody } from './fixtures/story.ts';

// The article body's rich-text editor in Chromium, against the real local stack: written by
// keyboard, blocks moved by keys, buttons and drag, images and embeds shown as they will look, on a
// desktop and at 360 px. What is checked is what the API saved.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const AUTHOR = 'reporter-editor';
const plain = (text: string) => ({ text, marks: [] });
const body = (page: Page) => page.getByRole('textbox', { name: 'Body' });

async function create(overrides: Record<string, unknown>) {
  const token = await h.api.token('author', AUTHOR);
  const res = await h.api.request('POST', '/v1/admin/articles', { token, json: sampleArticle(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

async function saved(id: string) {
  const token = await h.api.token('author', AUTHOR);
  return (await h.api.request('GET', `/v1/admin/articles/${id}`, { token })).body as { body: unknown[] };
}

/** The tags of the body's blocks, top to bottom (the drag handles left out). */
const blockTags = (page: Page) =>
  page.evaluate<string[]>(
    "[...document.querySelector('#a-body').children].filter((c) => !c.classList.contains('block-handle') && !c.classList.contains('block-error')).map((c) => c.tagName)",
  );

/** A photo-like image in the library, uploaded as a script would, ready to use. */
async function libraryImage(alt: string): Promise<string> {
  const token = await h.api.token('author', AUTHOR);
  const res = await h.api.request('POST', '/v1/admin/media', {
    token,
    json: { contentType: 'image/png', alt, credit: 'Courier photo desk' },
  });
  expect(res.status, res.text).toBe(201);
  const [width, height] = [1200, 800];
  const raw = Buffer.alloc(width * height * 3);
  for (let i = 0; i < raw.length; i += 3) {
    const x = (i / 3) % width;
    const y = Math.floor(i / 3 / width);
    raw[i] = Math.floor(40 + (x * 120) / width);
    raw[i + 1] = Math.floor(60 + (y * 100) / height);
    raw[i + 2] = Math.floor(140 + (y * 90) / height);
  }
  const png = await sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  const form = new FormData();
  for (const [name, value] of Object.entries(res.body.upload.fields as Record<string, string>))
    form.append(name, value);
  form.append('file', new Blob([new Uint8Array(png)]), 'ferry.png');
  expect((await fetch(res.body.upload.url, { method: 'POST', body: form })).status).toBe(204);
  const id = res.body.media.id as string;
  await expect
    .poll(async () => (await h.api.request('GET', `/v1/admin/media/${id}`, { token })).body.status, {
      timeout: 15_000,
    })
    .toBe('ready');
  return id;
}

describe('the body editor', () => {
  it('is written by keyboard: Markdown-style rules, Ctrl+B, Ctrl+I, Ctrl+K (refusing an unsafe link), quote parts, lists, Alt+Up', async () => {
    const page = await h.signIn('author', AUTHOR);
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Ferry timetable changes for the winter');
    await page.getByLabel('Section').fill('transport');
    await body(page).click();
    const kb = page.keyboard;
    await kb.type('The ');
    await kb.press('Control+b');
    await kb.type('last crossing');
    expect(await page.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('true');
    await kb.press('Control+b');
    await kb.type(' leaves at 21:00 from 3 November');
    for (let i = 0; i < '3 November'.length; i++) await kb.press('Shift+ArrowLeft');
    await kb.press('Control+k');
    const address = page.getByLabel('Link address');
    // An address the API would refuse is refused here, and never becomes a link.
    await address.fill('javascript:alert(1)');
    await kb.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Not a link the article can hold' }).waitFor();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    expect(await body(page).locator('a').count()).toBe(0);
    await address.fill('https://ferries.example.org/winter');
    await kb.press('Enter');
    await body(page).getByRole('link', { name: '3 November' }).waitFor();
    // Focus is back in the text, where it was.
    await kb.press('End');
    await kb.type('.');
    await kb.press('Enter');
    await kb.type('> We run to the ');
    await kb.press('Control+i');
    await kb.type('demand');
    await kb.press('Control+i');
    await kb.type(' we see.');
    await kb.press('Enter'); // on to the words after the quote
    await kb.type('the operator said.');
    await kb.press('Enter'); // on to who said it
    await kb.type('Operations director');
    await kb.press('Enter'); // out of the quote
    await kb.type('## What changes');
    await kb.press('Enter');
    await kb.type('1. Fewer late crossings');
    await kb.press('Enter');
    await kb.type('No Sunday service');
    await kb.press('Enter');
    await kb.press('Enter'); // an empty item ends the list
    await kb.type('- ');
    expect(await blockTags(page)).toEqual(['P', 'BLOCKQUOTE', 'H2', 'OL', 'UL']);
    // Backspace just after a rule gives its characters back; two more leave an empty line.
    await kb.press('Backspace');
    await expect.poll(() => blockTags(page)).toEqual(['P', 'BLOCKQUOTE', 'H2', 'OL', 'P']);
    await kb.press('Backspace');
    await kb.press('Backspace');
    // The heading goes up above the quote with Alt+Up.
    await body(page).getByRole('heading', { name: 'What changes' }).click();
    await kb.press('Alt+ArrowUp');
    await expect.poll(() => blockTags(page)).toEqual(['P', 'H2', 'BLOCKQUOTE', 'OL', 'P']);
    await expectAccessible(page, 'the editor with every kind of text block');
    await screenshot(page, 'editor-keyboard-desktop');

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('Draft created.', { exact: true }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect((await saved(id)).body).toEqual([
      {
        type: 'paragraph',
        text: [
          plain('The '),
          { text: 'last crossing', marks: [{ type: 'bold' }] },
          plain(' leaves at 21:00 from '),
          { text: '3 November', marks: [{ type: 'link', href: 'https://ferries.example.org/winter' }] },
          plain('.'),
        ],
      },
      { type: 'heading', level: 2, text: [plain('What changes')] },
      {
        type: 'quote',
        text: [plain('We run to the '), { text: 'demand', marks: [{ type: 'italic' }] }, plain(' we see.')],
        attribution: 'Operations director',
        after: [plain('the operator said.')],
      },
      { type: 'list', ordered: true, items: [[plain('Fewer late crossings')], [plain('No Sunday service')]] },
    ]);
  });

  it('moves blocks with the toolbar’s buttons and by dragging a block’s handle', async () => {
    const id = await create({
      title: 'Three paragraphs',
      body: [
        { type: 'paragraph', text: 'Alpha paragraph.' },
        { type: 'paragraph', text: 'Bravo paragraph.' },
        { type: 'paragraph', text: 'Charlie paragraph.' },
      ],
    });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${id}`);
    await body(page).getByText('Alpha paragraph.').click();
    await page.getByRole('button', { name: 'Move block down' }).click();
    await expect
      .poll(() => body(page).locator('p').allTextContents())
      .toEqual(['Bravo paragraph.', 'Alpha paragraph.', 'Charlie paragraph.']);
    // Charlie's handle dropped on the top of the first block.
    const handle = page.locator('#a-body .block-handle').nth(2);
    await handle.dragTo(body(page).locator('p').first(), { targetPosition: { x: 30, y: 2 } });
    await expect
      .poll(() => body(page).locator('p').allTextContents())
      .toEqual(['Charlie paragraph.', 'Bravo paragraph.', 'Alpha paragraph.']);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    expect((await saved(id)).body).toEqual([
      { type: 'paragraph', text: [plain('Charlie paragraph.')] },
      { type: 'paragraph', text: [plain('Bravo paragraph.')] },
      { type: 'paragraph', text: [plain('Alpha paragraph.')] },
    ]);
  });

  it('shows a story’s image and quote as they will look, edits the caption, adds an embed (desktop)', async () => {
    const mediaId = await libraryImage('The ferry leaving the harbour at dusk');
    const id = await create({ title: 'Last ferry to leave earlier this winter', body: storyBody(mediaId) });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${id}`);
    const image = body(page).getByRole('group', { name: 'Image' });
    const picture = image.getByRole('img', { name: /ferry leaving the harbour at dusk/ });
    await picture.waitFor();
    // Loaded lazily, as a reader scrolls to it: the desk's panels put it below the first screen.
    await picture.scrollIntoViewIfNeeded();
    await expect
      .poll(() => picture.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await image.getByText('The evening ferry leaves the island harbour.', { exact: false }).first().waitFor();
    await expectAccessible(page, 'the editor with a whole story');
    await screenshot(page, 'editor-story-desktop');

    await image.getByLabel('Caption').fill('The evening ferry at the island pier.');
    await body(page).getByText('The harbour master, who has worked').click();
    await page.getByRole('button', { name: 'Insert embed' }).click();
    const url = page.getByLabel('Embed URL');
    await expect.poll(() => url.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type('https://video.example.org/v/ferry-at-dusk');
    await body(page).getByText('video.example.org', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const after = (await saved(id)).body as Record<string, unknown>[];
    expect(after.find((b) => b.type === 'image')).toMatchObject({
      mediaId,
      caption: 'The evening ferry at the island pier.',
    });
    const at = after.findIndex((b) => b.type === 'embed');
    expect(after[at]).toEqual({ type: 'embed', url: 'https://video.example.org/v/ferry-at-dusk' });
    expect(JSON.stringify(after[at - 1])).toContain('The harbour master');
    // Everything else went back as it was read.
    const expected = storyBody(mediaId);
    expect(after.filter((b) => b.type === 'paragraph').length).toBe(
      expected.filter((b) => b.type === 'paragraph').length,
    );
  });

  it('at 360 px: a paragraph shows enough lines to edit, nothing pushes the page sideways, and it works by keyboard', async () => {
    const mediaId = await libraryImage('The ferry at dusk');
    const id = await create({ title: 'Last ferry, on a phone', body: storyBody(mediaId) });
    const page = await h.signIn('author', AUTHOR, { width: 360 });
    await page.goto(`/articles/${id}`);
    const first = body(page).locator('p').first();
    await first.waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    // The text flows in the page (no box of its own to scroll): the whole paragraph shows, and with
    // the toolbar pinned at the top there is room for many lines of it.
    const metrics = await page.evaluate<{
      lines: number;
      shown: number;
      toolbar: number;
      scrolls: boolean;
    }>(`(() => {
      const p = document.querySelector('#a-body p');
      const line = parseFloat(getComputedStyle(p).lineHeight);
      const toolbar = document.querySelector('.pm-toolbar-wrap').getBoundingClientRect().height;
      const editor = document.querySelector('#a-body');
      return { lines: p.getBoundingClientRect().height / line, shown: (innerHeight - toolbar) / line, toolbar, scrolls: editor.scrollHeight > editor.clientHeight + 1 };
    })()`);
    expect(metrics.lines).toBeGreaterThanOrEqual(8);
    expect(metrics.shown).toBeGreaterThanOrEqual(20);
    expect(metrics.toolbar).toBeLessThanOrEqual(60);
    expect(metrics.scrolls).toBe(false);
    await expectAccessible(page, 'the editor at 360 px');
    await first.scrollIntoViewIfNeeded();
    await screenshot(page, 'editor-story-360', { fullPage: false });

    // By keyboard: to the end of the first paragraph, a new sentence, Enter for a paragraph, save.
    await first.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Alt+ArrowDown');
    await page.keyboard.press('Alt+ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('UPDATE: ');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const after = (await saved(id)).body as { text: { text: string }[] }[];
    expect(after[0]?.text[0]?.text.startsWith('UPDATE: The winter timetable')).toBe(true);
  });
});
