import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle, type TestApi } from '../support/api.ts';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// The live desk in Chromium against the real local stack (docs/live-desk.md).
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const AUTHOR = 'ld-writer';
const EDITOR = 'ld-erin';
const REPORTER = 'ld-carl';

type PublicEntry = { id: string; pinned: boolean; keyEvent: boolean; body: { text: { text: string }[] }[] };
type Entry = { id: string; version: number };

const token = (role: Parameters<TestApi['token']>[0], sub: string) => h.api.token(role, sub);
const textOf = (e: PublicEntry) => e.body.map((b) => b.text.map((s) => s.text).join('')).join('\n');

/** A published article (created by an author, approved and published by an editor). */
async function published(title: string) {
  const author = await token('author', AUTHOR);
  const editor = await token('editor', EDITOR);
  const created = await h.api.request('POST', '/v1/admin/articles', {
    token: author,
    json: sampleArticle({ title }),
  });
  expect(created.status, created.text).toBe(201);
  let article = created.body as { id: string; slug: string; version: number };
  for (const [t, action] of [
    [author, 'submit'],
    [editor, 'approve'],
    [editor, 'publish'],
  ] as const) {
    const res = await h.api.request('POST', `/v1/admin/articles/${article.id}/transitions`, {
      token: t,
      json: { action },
      headers: { 'If-Match': `"${article.version}"` },
    });
    expect(res.status, res.text).toBe(200);
    article = res.body;
  }
  return article;
}

async function covered(title: string, contributors: string[] = [REPORTER]) {
  const article = await published(title);
  const res = await h.api.request('PUT', `/v1/admin/articles/${article.id}/live`, {
    token: await token('editor', EDITOR),
    json: { state: 'live', contributors },
  });
  expect(res.status, res.text).toBe(200);
  return article;
}

async function postViaApi(id: string, text: string, sub = EDITOR) {
  const res = await h.api.request('POST', `/v1/admin/articles/${id}/entries`, {
    token: await token(sub === EDITOR ? 'editor' : 'author', sub),
    json: { body: text.split('\n\n').map((t) => ({ type: 'paragraph', text: t })) },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as Entry;
}

async function publicEntries(slug: string) {
  const res = await h.api.request('GET', `/v1/articles/${slug}/entries`);
  expect(res.status, res.text).toBe(200);
  return (res.body as { items: PublicEntry[] }).items;
}

const composeBox = (page: Page) => page.getByRole('textbox', { name: 'New entry' });
const entryList = (page: Page) => page.getByRole('list', { name: 'Entries' });

/** Types into the compose box and posts with the keyboard (Ctrl+Enter). */
async function postByKeyboard(page: Page, text: string) {
  await composeBox(page).focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Control+Enter');
}

describe('the live desk', () => {
  it('starts coverage, posts with Ctrl+Enter (a key event, a pinned one), and readers get them newest first', async () => {
    const article = await published('Storm live: harbour closed');
    const page = await h.signIn('editor', EDITOR);
    await page.goto(`/articles/${article.id}`);
    await page.getByRole('link', { name: 'Live desk' }).click();
    await page.getByRole('button', { name: 'Start live coverage' }).click();
    await composeBox(page).waitFor();

    await page.getByLabel('Add a contributor (console user id)').fill(REPORTER);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: `Remove ${REPORTER}` }).waitFor();

    await postByKeyboard(page, 'Ferries cancelled for the rest of the day.');
    await expect.poll(() => entryList(page).getByRole('listitem').count()).toBe(1);
    expect(await composeBox(page).textContent()).toBe('');

    await page.getByRole('checkbox', { name: 'Key event' }).check();
    await postByKeyboard(page, 'The harbour master closes the outer harbour.');
    await expect.poll(() => entryList(page).getByRole('listitem').count()).toBe(2);
    // The flags go back to off once a post is taken.
    expect(await page.getByRole('checkbox', { name: 'Key event' }).isChecked()).toBe(false);

    await page.getByRole('checkbox', { name: 'Pin' }).check();
    await composeBox(page).focus();
    await page.keyboard.type('Live updates: follow the storm here.');
    await page.keyboard.press('Meta+Enter');
    await expect.poll(() => entryList(page).getByRole('listitem').count()).toBe(3);
    expect(await composeBox(page).textContent()).toBe('');

    const items = await publicEntries(article.slug);
    expect(items.map((e) => [textOf(e), e.keyEvent, e.pinned])).toEqual([
      ['Live updates: follow the storm here.', false, true],
      ['The harbour master closes the outer harbour.', true, false],
      ['Ferries cancelled for the rest of the day.', false, false],
    ]);
    // The desk shows them the same way, newest first.
    expect(await entryList(page).locator('.entry-body').allTextContents()).toEqual(items.map(textOf));

    // Ending asks first; once ended, the desk says so and readers keep the archive.
    await page.getByRole('button', { name: 'End coverage' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('button', { name: 'End coverage' }).click();
    await page.getByRole('button', { name: 'Yes, end it' }).click();
    await page.getByText('This coverage has ended').waitFor();
    const coverage = await h.api.request('GET', `/v1/admin/articles/${article.id}/live`, {
      token: await token('editor', EDITOR),
    });
    expect(coverage.body.state).toBe('ended');
    expect(await publicEntries(article.slug)).toHaveLength(3);
  });

  it('posts an image by its address: an entry takes no library image, so the desk offers none', async () => {
    const article = await covered('Storm live: the sea wall');
    const page = await h.signIn('editor', EDITOR);
    await page.goto(`/articles/${article.id}/live`);
    await composeBox(page).click();
    await page.keyboard.type('Waves over the sea wall at noon.');
    await page.locator('.compose').getByRole('button', { name: 'Insert image' }).click();
    const image = composeBox(page).getByRole('group', { name: 'Image' });
    await image.getByLabel('Image URL').waitFor();
    // Before, the block offered the library, and the post was then refused (mediaId is not taken).
    expect(await image.getByRole('button', { name: 'Choose from the library' }).count()).toBe(0);
    await image.getByLabel('Image URL').fill('https://images.example.org/sea-wall.jpg');
    await image.getByLabel('Alternative text').fill('Spray over the sea wall');
    await page.locator('.compose').getByRole('button', { name: 'Post' }).click();
    await expect.poll(() => entryList(page).getByRole('listitem').count()).toBe(1);
    const [entry] = await publicEntries(article.slug);
    expect(entry?.body).toContainEqual(
      expect.objectContaining({
        type: 'image',
        src: 'https://images.example.org/sea-wall.jpg',
        alt: 'Spray over the sea wall',
      }),
    );
  });

  it('shows a contributor’s entry on the editor’s desk without a reload, and each sees the other', async () => {
    const article = await covered('Count live: the city votes');
    const editor = await h.signIn('editor', EDITOR);
    await editor.goto(`/articles/${article.id}/live`);
    await composeBox(editor).waitFor();
    const reporter = await h.signIn('author', REPORTER);
    await reporter.goto(`/articles/${article.id}/live`);
    await composeBox(reporter).waitFor();

    await postByKeyboard(reporter, 'Turnout at the town hall count is 61 per cent.');
    const theirs = entryList(editor).getByRole('listitem').filter({ hasText: 'Turnout at the town hall' });
    await expect.poll(() => theirs.count(), { timeout: 15_000 }).toBe(1);
    expect(await theirs.locator('.entry-new').textContent()).toBe('New');
    expect(await theirs.locator('.entry-authors').textContent()).toBe(REPORTER);
    // A contributor neither hides nor edits what is not theirs; the editor may hide it.
    expect(await theirs.getByRole('button', { name: 'Hide' }).count()).toBe(1);

    const presence = (page: Page) => page.locator('.live-presence').textContent();
    await expect.poll(() => presence(reporter), { timeout: 25_000 }).toContain(EDITOR);
    await expect.poll(() => presence(editor), { timeout: 25_000 }).toContain(REPORTER);
    // Leaving the desk takes the reporter off the editor's line.
    await reporter.getByRole('link', { name: 'Articles', exact: true }).click();
    await expect.poll(() => presence(editor), { timeout: 25_000 }).toBe('');
  });

  it('keeps the text and shows the API’s reason when a post is refused (the coverage ended meanwhile)', async () => {
    const article = await covered('Budget live: the chancellor speaks');
    const page = await h.signIn('editor', EDITOR);
    await page.goto(`/articles/${article.id}/live`);
    await composeBox(page).focus();
    await page.keyboard.type('Fuel duty frozen for another year.');
    const ended = await h.api.request('PUT', `/v1/admin/articles/${article.id}/live`, {
      token: await token('editor', EDITOR),
      json: { state: 'ended' },
    });
    expect(ended.status).toBe(200);
    await composeBox(page).focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.locator('#compose-error').textContent()).toMatch(/has ended/);
    expect(await composeBox(page).textContent()).toBe('Fuel duty frozen for another year.');
    expect(await publicEntries(article.slug)).toEqual([]);
  });

  it('edits inline (a 412 overwrites nothing) and hides an entry; the public list follows', async () => {
    const article = await covered('Flood live: river levels');
    const first = await postViaApi(article.id, 'The river is 2.1 m above normal.');
    await postViaApi(article.id, 'Sandbags at the library from 4pm.');
    const page = await h.signIn('editor', EDITOR);
    await page.goto(`/articles/${article.id}/live`);
    const entry = entryList(page).getByRole('listitem').filter({ hasText: 'The river is' });
    await entry.getByRole('button', { name: 'Edit' }).click();
    const box = page.getByRole('textbox', { name: 'Edit the entry (Ctrl+Enter saves)' });
    await box.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('The river is 2.4 m above normal.');

    // Someone else changes it first: saving answers 412 and neither text is lost.
    const theirs = await h.api.request('PATCH', `/v1/admin/articles/${article.id}/entries/${first.id}`, {
      token: await token('editor', EDITOR),
      json: { body: [{ type: 'paragraph', text: 'The river is 2.3 m above normal.' }] },
      headers: { 'If-Match': `"${first.version}"` },
    });
    expect(theirs.status, theirs.text).toBe(200);
    await page.keyboard.press('Control+Enter');
    const conflict = entry.locator('.entry-conflict');
    await expect.poll(() => conflict.textContent(), { timeout: 15_000 }).toContain('2.3 m');
    expect(await box.textContent()).toBe('The river is 2.4 m above normal.');
    expect((await publicEntries(article.slug)).map(textOf)).toContain('The river is 2.3 m above normal.');

    await conflict.getByRole('button', { name: /Keep my text/ }).click();
    await box.focus();
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(async () => (await publicEntries(article.slug)).map(textOf))
      .toEqual(['Sandbags at the library from 4pm.', 'The river is 2.4 m above normal.']);
    expect(await entry.locator('.entry-flag').allTextContents()).toContain('edited');

    await entry.getByRole('button', { name: 'Hide' }).click();
    await expect
      .poll(async () => (await publicEntries(article.slug)).map(textOf))
      .toEqual(['Sandbags at the library from 4pm.']);
    await entry.getByRole('button', { name: 'Show' }).waitFor();

    // Turn the other into a draft: a link to it follows.
    const other = entryList(page).getByRole('listitem').filter({ hasText: 'Sandbags' });
    await other.getByRole('button', { name: 'Turn into a draft' }).click();
    const href = await other.getByRole('link', { name: 'Open its draft' }).getAttribute('href');
    expect(href).toMatch(/^\/articles\/[0-9A-Z]{26}$/);
  });

  it('says so when the editor cannot be fetched, in an entry being edited and in the compose box', async () => {
    const article = await covered('Gale live: bridges shut');
    await postViaApi(article.id, 'The east bridge is closed to high-sided vehicles.');
    const page = await h.signIn('editor', EDITOR);
    // The editor's chunk does not come (a dropped connection); the rest of the desk does.
    await page.route('**/assets/richEditor-*.js', (route) => route.abort('connectionreset'));
    await page.goto(`/articles/${article.id}/live`);
    const unavailable = 'Could not load the editor: check the connection and reload the page.';
    // The only entry (its text gives way to the editor once Edit is pressed).
    const entry = entryList(page).getByRole('listitem');
    await entry.getByRole('button', { name: 'Edit' }).click();
    await entry.getByRole('alert').filter({ hasText: unavailable }).waitFor();
    expect(await entry.getByText('Loading the editor…').count()).toBe(0);
    await page.locator('.compose').getByRole('alert').filter({ hasText: unavailable }).waitFor();
  });
});

const LONG =
  'Police have closed the coast road between the quay and the lighthouse after waves brought down part of the sea wall overnight. Drivers are asked to use the inland route through the village, which adds about twenty minutes; buses are diverted the same way.\n\nThe council says inspectors will look at the wall at first light and that repairs could take weeks. Residents of the twelve houses nearest the breach have been offered rooms at the community centre.';

describe('the live desk on a phone, by keyboard', () => {
  it('is usable at 360 px with 40 entries, by keyboard alone, and axe-clean', async () => {
    const article = await covered('Marathon live: 20,000 runners through the city centre');
    for (let i = 1; i <= 40; i++) {
      await postViaApi(
        article.id,
        i % 7 === 0 ? `${i}. ${LONG}` : `${i}. Runners pass mile ${i % 27}.`,
        i % 3 ? EDITOR : REPORTER,
      );
    }
    const page = await h.signIn('author', REPORTER, { width: 360 });
    await page.goto(`/articles/${article.id}/live`);
    await composeBox(page).waitFor();
    await expect.poll(() => entryList(page).getByRole('listitem').count()).toBe(40);
    await expectAccessible(page, 'the live desk at 360 px');
    // Nothing wider than the phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(page, 'live-desk-360', { fullPage: false });
    await screenshot(page, 'live-desk-360-full');

    // By keyboard: from the heading, Tab reaches the box; type, Ctrl+Enter posts.
    await page.getByRole('heading', { level: 1 }).focus();
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if ((await page.evaluate('document.activeElement?.id')) === 'compose-body') break;
    }
    expect(await page.evaluate('document.activeElement?.id')).toBe('compose-body');
    await page.keyboard.type('Leaders reach the halfway point.');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => entryList(page).getByRole('listitem').count()).toBe(41);
    expect((await publicEntries(article.slug)).map(textOf)[0]).toBe('Leaders reach the halfway point.');
    await expectAccessible(page, 'the live desk after a post at 360 px');

    const wide = await h.signIn('editor', EDITOR);
    await wide.goto(`/articles/${article.id}/live`);
    await expect.poll(() => entryList(wide).getByRole('listitem').count()).toBe(41);
    await expectAccessible(wide, 'the live desk of an editor');
    await screenshot(wide, 'live-desk-editor', { fullPage: false });
  });
});
