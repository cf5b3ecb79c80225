import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/api.ts';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// The writing desk in Chromium against the real local stack: autosave and who else is here.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const AUTHOR = 'desk-reporter';
const EDITOR = 'desk-erin';

async function createViaApi(title: string) {
  const token = await h.api.token('author', AUTHOR);
  const res = await h.api.request('POST', '/v1/admin/articles', { token, json: sampleArticle({ title }) });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number };
}

/** The author's autosave as the API holds it (404: none). */
async function autosaveOf(id: string) {
  const token = await h.api.token('author', AUTHOR);
  return h.api.request('GET', `/v1/admin/articles/${id}/autosave`, { token });
}

/** Types at the end of a field, by keyboard. */
async function typeInto(page: Page, label: string, text: string) {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

const acceptDialogs = (page: Page) => page.on('dialog', (dialog) => void dialog.accept());
const status = (page: Page) => page.locator('.autosave-status');

describe('autosave', () => {
  it('keeps what was typed through a reload: restore brings it back, saving clears it (360 px, keyboard)', async () => {
    const { id } = await createViaApi('Harbour wall repairs');
    const page = await h.signIn('author', AUTHOR, { width: 360 });
    acceptDialogs(page);
    await page.goto(`/articles/${id}`);
    await typeInto(page, 'Title', ' begin in March');
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/kept for you at/);
    expect((await autosaveOf(id)).body.content).toContain('Harbour wall repairs begin in March');

    // A reload (a crash would do the same) loses the tab's state; the server kept the words.
    await page.reload();
    const offer = page.getByRole('complementary', { name: 'Unsaved changes' });
    await offer.waitFor();
    expect(await offer.textContent()).toMatch(/You have unsaved changes from \d{1,2}:\d{2}/);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Harbour wall repairs');
    await expectAccessible(page, 'the restore offer at 360 px');
    await screenshot(page, 'desk-restore-offer-360', { fullPage: false });

    await offer.getByRole('button', { name: 'Restore' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(
      'Harbour wall repairs begin in March',
    );
    await expect.poll(() => status(page).textContent()).toMatch(/Restored your unsaved changes/);
    // Focus stays where the person is, on what happened, not at the top of the page.
    expect(await page.evaluate('document.activeElement?.className')).toBe('autosave-status');

    await page.getByRole('button', { name: 'Save', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Saved.').waitFor();
    await expect.poll(async () => (await autosaveOf(id)).status).toBe(404);
  });

  it('discard drops the kept edits; leaving the editor normally clears them too', async () => {
    const { id } = await createViaApi('Library opening hours');
    const page = await h.signIn('author', AUTHOR);
    acceptDialogs(page);
    await page.goto(`/articles/${id}`);
    await typeInto(page, 'Title', ' extended');
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/kept for you at/);
    await page.reload();
    const offer = page.getByRole('complementary', { name: 'Unsaved changes' });
    await offer.getByRole('button', { name: 'Discard' }).click();
    await expect.poll(async () => (await autosaveOf(id)).status).toBe(404);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Library opening hours');

    await typeInto(page, 'Title', ' cut');
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/kept for you at/);
    expect((await autosaveOf(id)).status).toBe(200);
    // Leaving in the app (the leave guard asks; the person confirms) takes the autosave with it.
    await page.getByRole('link', { name: 'Articles', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    await expect.poll(async () => (await autosaveOf(id)).status).toBe(404);
  });

  it('keeps the edits of an article in review without offering them into a form that cannot be saved', async () => {
    const { id, version } = await createViaApi('Ferry fares frozen');
    const token = await h.api.token('author', AUTHOR);
    const kept = await h.api.request('PUT', `/v1/admin/articles/${id}/autosave`, {
      token,
      json: { baseVersion: version, content: JSON.stringify({ title: 'Ferry fares frozen again' }) },
    });
    expect(kept.status).toBe(204);
    const submitted = await h.api.request('POST', `/v1/admin/articles/${id}/transitions`, {
      token,
      json: { action: 'submit' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(submitted.status).toBe(200);
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${id}`);
    await expect
      .poll(() => status(page).textContent())
      .toMatch(/You have unsaved changes from .*, kept until the article can be edited again/);
    expect(await page.getByRole('button', { name: 'Restore' }).count()).toBe(0);
    expect((await autosaveOf(id)).status).toBe(200);
  });
});

describe('autosave of a story not saved yet', () => {
  const WRITER = 'desk-newstory';
  const slot = async () =>
    h.api.request('GET', '/v1/admin/autosave/new-article', { token: await h.api.token('author', WRITER) });

  it('keeps a new story through a reload before its first save; creating it clears the autosave', async () => {
    const page = await h.signIn('author', WRITER, { width: 360 });
    acceptDialogs(page);
    await page.goto('/articles/new');
    await typeInto(page, 'Title', 'Night buses run until 3am');
    await typeInto(page, 'Standfirst', 'The council extends three routes');
    await page.getByRole('textbox', { name: 'Body' }).focus();
    await page.keyboard.type('From Monday the 12, 14 and 31 run every half hour.');
    await expect.poll(() => status(page).textContent(), { timeout: 30_000 }).toMatch(/kept for you at/);
    expect((await slot()).body.content).toContain('Night buses run until 3am');

    // The tab is gone before any save: the words are not.
    await page.reload();
    const offer = page.getByRole('complementary', { name: 'Unsaved changes' });
    await offer.waitFor();
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('');
    await expectAccessible(page, 'a new story’s restore offer at 360 px');
    await offer.getByRole('button', { name: 'Restore' }).focus();
    await page.keyboard.press('Enter');
    // The body's editor is its own chunk and draws the restored words when it has loaded: under a
    // full run, after the title and standfirst.
    await expect
      .poll(() => page.getByLabel('Title', { exact: true }).inputValue())
      .toBe('Night buses run until 3am');
    await expect
      .poll(() => page.getByLabel('Standfirst', { exact: true }).inputValue())
      .toBe('The council extends three routes');
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Body' }).textContent(), { timeout: 30_000 })
      .toContain('every half hour');

    await typeInto(page, 'Section', 'city');
    await page.getByRole('button', { name: 'Create draft', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/articles\/[0-9A-Z]{26}$/);
    await expect.poll(async () => (await slot()).status).toBe(404);
  });
});

describe('who else is here', () => {
  it('two people on one article see each other and each other’s unsaved changes; both can still edit', async () => {
    const { id } = await createViaApi('Tram depot noise');
    const erin = await h.signIn('editor', EDITOR);
    acceptDialogs(erin);
    // Erin's page runs on a clock the test moves, so her next heartbeat comes without waiting 30 s.
    await erin.clock.install();
    // Her first heartbeat must have landed before the reporter's first one asks who is here (the
    // next comes 30 s later): wait for its answer, not only for the page.
    const erinHere = erin.waitForResponse(
      (res) => res.url().endsWith(`/v1/admin/articles/${id}/presence`) && res.request().method() === 'PUT',
    );
    await erin.goto(`/articles/${id}`);
    await erin.getByLabel('Title', { exact: true }).waitFor();
    expect((await erinHere).status()).toBe(200);

    const reporter = await h.signIn('author', AUTHOR, { width: 360 });
    acceptDialogs(reporter);
    await reporter.goto(`/articles/${id}`);
    const line = (page: Page) => page.locator('.presence');
    await expect.poll(() => line(reporter).textContent()).toMatch(/^desk-erin also has this article open\./);

    // The reporter's page says at once that it has unsaved changes; Erin's next heartbeat must come
    // after that was answered, or it reads the line as it was and the next is 30 s away.
    const reporterUnsaved = reporter.waitForResponse(
      (res) =>
        res.url().endsWith(`/v1/admin/articles/${id}/presence`) &&
        res.request().method() === 'PUT' &&
        (res.request().postDataJSON() as { unsaved?: boolean } | null)?.unsaved === true,
    );
    await typeInto(reporter, 'Standfirst', ' Residents complain.');
    expect((await reporterUnsaved).status()).toBe(200);
    await erin.clock.fastForward(31_000);
    await expect
      .poll(() => line(erin).textContent())
      .toMatch(/^desk-reporter \(unsaved changes\) also has this article open\./);
    await expectAccessible(erin, 'the presence line');
    await screenshot(erin, 'desk-presence', { fullPage: false });
    await reporter.evaluate('window.scrollTo(0, 0)');
    await expectAccessible(reporter, 'the presence line at 360 px');
    await screenshot(reporter, 'desk-presence-360', { fullPage: false });

    // Nothing is locked: Erin saves first, and the reporter's save shows the conflict panel.
    await typeInto(erin, 'Title', ', council told');
    await erin.getByRole('button', { name: 'Save', exact: true }).click();
    await erin.getByText('Saved.').waitFor();
    await reporter.getByRole('button', { name: 'Save', exact: true }).click();
    await reporter.getByRole('heading', { name: 'Someone else saved this article first' }).waitFor();

    // The reporter leaves; Erin's next heartbeat finds no one.
    await reporter.getByRole('link', { name: 'Articles', exact: true }).click();
    await reporter.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    // The reporter's goodbye is sent as the page leaves: a heartbeat sent before it lands still
    // lists them, so each try moves Erin's clock to her next heartbeat.
    await expect
      .poll(async () => {
        await erin.clock.fastForward(31_000);
        return line(erin).textContent();
      })
      .toBe('');
  });
});
