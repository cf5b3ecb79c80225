import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/api.ts';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';
import {
  LONG_STORY_TITLE,
  longStoryBody,
  longStoryGoogleDocs,
  longStoryText,
  longStoryWords,
} from './fixtures/longStory.ts';

// Paste from where reporters write, in Chromium: the clipboard's HTML as Google Docs, Microsoft
// Word and a web page put it there (fixtures/), pasted through the browser's paste event, then
// saved; what the API holds is what is checked.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const AUTHOR = 'reporter-paste';
const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const plain = (text: string) => ({ text, marks: [] });
const bold = (text: string) => ({ text, marks: [{ type: 'bold' }] });
const italic = (text: string) => ({ text, marks: [{ type: 'italic' }] });
const link = (text: string, href: string) => ({ text, marks: [{ type: 'link', href }] });

/** A paste as the browser delivers it: a ClipboardEvent whose DataTransfer holds HTML and text. */
async function paste(page: Page, html: string, text: string) {
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    if (${JSON.stringify(html)}) data.setData('text/html', ${JSON.stringify(html)});
    data.setData('text/plain', ${JSON.stringify(text)});
    const event = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    document.querySelector('#a-body').dispatchEvent(event);
  })()`);
}

async function saved(id: string) {
  const res = await h.api.request('GET', `/v1/admin/articles/${id}`, {
    token: await h.api.token('author', AUTHOR),
  });
  return res.body as { body: unknown[]; version: number };
}

/** An article opened in the editor with its body selected, ready to be pasted over. */
async function openSelected(title: string) {
  const token = await h.api.token('author', AUTHOR);
  const res = await h.api.request('POST', '/v1/admin/articles', { token, json: sampleArticle({ title }) });
  expect(res.status).toBe(201);
  const page = await h.signIn('author', AUTHOR);
  await page.goto(`/articles/${res.body.id}`);
  const body = page.getByRole('textbox', { name: 'Body' });
  await body.click();
  await page.keyboard.press('Control+a');
  return { page, id: res.body.id as string };
}

async function saveAndWait(page: Page) {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Saved.', { exact: true }).waitFor();
}

describe('paste', () => {
  it('a reporter pastes a Google Docs story with headings, bold, a link and a list and saves it in one go', async () => {
    const page = await h.signIn('author', AUTHOR);
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByLabel('Title', { exact: true }).fill('Harbour wall repairs start in March');
    await page.getByLabel('Section').fill('city');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await paste(
      page,
      fixture('googleDocs.html'),
      'Harbour wall repairs start in March\n\nThe council will spend …',
    );
    await page.getByRole('heading', { name: 'What closes' }).waitFor();
    await expectAccessible(page, 'the editor after a paste from Google Docs');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('Draft created.', { exact: true }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect((await saved(id)).body).toEqual([
      { type: 'heading', level: 2, text: [plain('Harbour wall repairs start in March')] },
      {
        type: 'paragraph',
        text: [
          plain('The council will spend '),
          bold('£2.4m'),
          plain(' on the '),
          italic('north'),
          plain(' wall, according to '),
          link('the committee papers', 'https://council.example.org/papers/harbour-wall'),
          plain('.'),
        ],
      },
      { type: 'heading', level: 3, text: [plain('What closes')] },
      {
        type: 'list',
        ordered: false,
        items: [[plain('The north slipway')], [plain('Two car parks, '), bold('from 1 March')]],
      },
      { type: 'paragraph', text: [plain('Work is due to finish in October.')] },
    ]);
  });

  it('keeps Word’s headings, bold, italic, links, lists and quote, and drops its styles, comments and <o:p>', async () => {
    const { page, id } = await openSelected('School meals');
    await paste(page, fixture('word.html'), 'School meals to be free for all primary pupils');
    await page.getByRole('heading', { name: 'Who qualifies' }).waitFor();
    await saveAndWait(page);
    expect((await saved(id)).body).toEqual([
      { type: 'heading', level: 2, text: [plain('School meals to be free for all primary pupils')] },
      {
        type: 'paragraph',
        text: [
          plain('The county will pay for lunches from '),
          bold('September'),
          plain(', the cabinet member for education said on '),
          italic('Tuesday'),
          plain('.'),
        ],
      },
      {
        type: 'paragraph',
        text: [
          plain('Details are in the '),
          link('cabinet report', 'https://county.example.org/cabinet/meals'),
          plain('.'),
        ],
      },
      { type: 'heading', level: 2, text: [plain('Who qualifies')] },
      {
        type: 'list',
        ordered: false,
        items: [
          [plain('Every pupil in reception to year 6')],
          [plain('Children in nursery classes at '), bold('primary'), plain(' schools')],
        ],
      },
      { type: 'quote', text: [plain('We want no child to go hungry in the afternoon')] },
      { type: 'list', ordered: true, items: [[plain('Apply online')], [plain('Tell the school')]] },
    ]);
  });

  it('keeps a web page’s article text and drops its images, tracking pixel, asides, scripts and unsafe links', async () => {
    const { page, id } = await openSelected('Night buses');
    // The console's policy allows no inline style or script: the paste must not even try one.
    await page.evaluate(`document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations = [...(window.__violations ?? []), e.violatedDirective + ' ' + e.blockedURI];
    })`);
    await paste(page, fixture('webPage.html'), 'Night buses return to the coast road');
    await page.getByRole('heading', { name: 'Night buses return to the coast road' }).waitFor();
    await saveAndWait(page);
    expect((await saved(id)).body).toEqual([
      { type: 'heading', level: 2, text: [plain('Night buses return to the coast road')] },
      { type: 'paragraph', text: [plain('By '), link('J. Doe', 'https://news.example.org/authors/j-doe')] },
      {
        type: 'paragraph',
        text: [
          plain('The operator will run '),
          bold('four'),
          plain(' buses an hour after midnight, '),
          link('its timetable', 'https://buses.example.org/night'),
          plain(' shows.'),
        ],
      },
      { type: 'quote', text: [plain('It is what riders asked for')], attribution: 'Transport director' },
      {
        type: 'list',
        ordered: true,
        items: [
          [plain('Route 1: every 15 minutes')],
          [plain('Route '), italic('2'), plain(': every 30 minutes')],
        ],
      },
      { type: 'paragraph', text: [plain('Tickets cost £2. Cash or card.')] },
    ]);
    expect(await page.evaluate('window.__pwned ?? null')).toBeNull();
    expect(await page.evaluate('window.__violations ?? []')).toEqual([]);
    expect(await page.locator('#a-body img, #a-body script').count()).toBe(0);
  });

  it('splits plain text into paragraphs at blank lines', async () => {
    const { page, id } = await openSelected('Plain text');
    await paste(
      page,
      '',
      'The ferry left at nine.\nIt was late,\nthe harbour master said.\r\n\r\nPassengers waited an hour.\n \n\nNo one was hurt.',
    );
    await page.getByText('No one was hurt.').waitFor();
    await saveAndWait(page);
    expect((await saved(id)).body).toEqual([
      { type: 'paragraph', text: [plain('The ferry left at nine. It was late, the harbour master said.')] },
      { type: 'paragraph', text: [plain('Passengers waited an hour.')] },
      { type: 'paragraph', text: [plain('No one was hurt.')] },
    ]);
  });

  it('a reporter on a phone pastes a 900-word Google Docs story: every block as written, its length, autosave, and a readable diff of a later edit', async () => {
    const page = await h.signIn('author', AUTHOR, { width: 360 });
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByLabel('Title', { exact: true }).fill(LONG_STORY_TITLE);
    await page.getByLabel('Section').fill('city');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await paste(page, longStoryGoogleDocs(), longStoryText());
    await page.getByRole('heading', { name: 'Questions over the cost' }).waitFor();
    const figure = (name: string) =>
      page
        .locator('.desk-figures > div')
        .filter({ has: page.getByText(name, { exact: true }) })
        .locator('dd');
    expect(longStoryWords()).toBeGreaterThan(880);
    await expect.poll(() => figure('Words').textContent()).toBe(longStoryWords().toLocaleString('en'));
    await expect
      .poll(() => figure('Reading time').textContent())
      .toBe(`${Math.ceil(longStoryWords() / 230)} min`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    // Kept for the reporter while nothing is saved: a reload offers it back, whole.
    await page.getByText(/Unsaved changes kept for you/).waitFor({ timeout: 20_000 });
    await page.reload();
    await page.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('heading', { name: 'Questions over the cost' }).waitFor();
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('Draft created.', { exact: true }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect((await saved(id)).body).toEqual(longStoryBody());

    // The caret at the end of a paragraph in the middle of the story, as a click there puts it.
    const paragraph = page.locator('#a-body p', { hasText: 'Its future after March will be decided' });
    await paragraph.click();
    await paragraph.evaluate((p) => {
      const text = p.lastChild;
      if (text) p.ownerDocument.getSelection()?.collapse(text, text.textContent?.length ?? 0);
    });
    await page.keyboard.type(' The routes will be published next week.');
    await saveAndWait(page);
    await page.getByRole('link', { name: 'History and revisions' }).click();
    const table = page.locator('table.diff');
    await table.getByText('The routes will be published next week.').waitFor();
    // At 360 px the two sides share the width under the field's name: each has room for a line
    // of words, not three columns of a word or two each.
    const sides = await table
      .locator('tbody td')
      .evaluateAll((tds) => tds.map((td) => td.getBoundingClientRect().width));
    expect(sides.length).toBe(2);
    for (const width of sides) expect(width).toBeGreaterThanOrEqual(150);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'the history of a long story at 360 px');
    await screenshot(page, 'history-long-story-360');
  });

  it('pastes the same story as plain text: a paragraph a line, its list a list', async () => {
    const { page, id } = await openSelected('Plain text story');
    await paste(page, '', longStoryText());
    await page.getByText('Questions over the cost', { exact: true }).waitFor();
    await saveAndWait(page);
    // Plain text has no headings or marks: each block arrives with its words, nothing run together.
    const words = (spans: { text: string }[]) => [plain(spans.map((s) => s.text).join(''))];
    const expected = longStoryBody().map((block) =>
      block.type === 'list'
        ? { ...block, items: (block.items ?? []).map(words) }
        : { type: 'paragraph', text: words(block.text ?? []) },
    );
    expect((await saved(id)).body).toEqual(expected);
  });
});
