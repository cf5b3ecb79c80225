import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';
import { createViaApi, transitionViaApi } from './viaApi.ts';

// The writing desk in Chromium against the real local stack: what the editor shows beside the
// story, the publish confirmation, My work, the edit lock and the history diff.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const AUTHOR = 'desk-writer';
const EDITOR = 'desk-chief';

const desk = (page: Page) => page.getByRole('region', { name: 'Desk' });
/** Activates a control by keyboard: focus, then Enter. */
async function press(page: Page, name: string | RegExp) {
  const control = page.getByRole('button', { name, exact: typeof name === 'string' });
  await control.focus();
  await page.keyboard.press('Enter');
}

describe('the desk beside the story', () => {
  it('counts words and reading time from the body as it is typed, counts the headline and standfirst, and lists what is missing', async () => {
    const { id } = await createViaApi(h.api, AUTHOR, { title: 'Harbour wall repairs begin' });
    const page = await h.signIn('author', AUTHOR, { width: 360 });
    await page.goto(`/articles/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Edit “Harbour wall repairs begin”' }).waitFor();
    // sampleArticle: a 14-word paragraph and an 8-word quote (its attribution is not read through).
    const figures = desk(page).getByRole('definition');
    await expect
      .poll(() => figures.allTextContents())
      .toEqual(['22', '1 min', expect.stringContaining('26 characters')]);
    await expect
      .poll(() => desk(page).getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('No lead image'), expect.stringContaining('No meta description')]);
    await expect.poll(() => desk(page).textContent()).toContain('230 words a minute');

    const long = `${'Council agrees the harbour wall repair budget after a long night '.repeat(2)}`.trim();
    await page.getByLabel('Title', { exact: true }).fill(long);
    await expect
      .poll(() => page.locator('#a-title-count').textContent())
      .toBe(`${long.length} of 200 characters`);
    await expect
      .poll(() => desk(page).getByRole('listitem').last().textContent())
      .toContain(`The headline is ${long.length} characters; over 110`);
    await page.getByLabel('Standfirst').fill('Work starts in March.');
    await expect.poll(() => page.locator('#a-standfirst-count').textContent()).toBe('21 of 600 characters');

    // Words typed into the body count at once, whatever the editor holds them as.
    const body = page.getByRole('textbox', { name: 'Body' });
    await body.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(`${'word '.repeat(230)}and more`);
    await expect.poll(() => figures.first().textContent()).toBe('232');
    await expect.poll(() => figures.nth(1).textContent()).toBe('2 min');

    await expectAccessible(page, 'the editor with its desk panel at 360 px');
    await desk(page).scrollIntoViewIfNeeded();
    await screenshot(page, 'desk-panel-360');
  });
});

describe('publishing asks first', () => {
  it('says what goes live, where and when, with the desk check of the saved version; Escape cancels, confirming publishes', async () => {
    const created = await createViaApi(h.api, AUTHOR, { title: 'Ferry fares rise in April' });
    await transitionViaApi(h.api, created.id, 'author', AUTHOR, 'submit');
    await transitionViaApi(h.api, created.id, 'editor', EDITOR, 'approve');
    const page = await h.signIn('editor', 'desk-publisher');
    await page.goto(`/articles/${created.id}`);
    await page.getByRole('heading', { level: 1, name: 'Edit “Ferry fares rise in April”' }).waitFor();

    await press(page, 'Publish');
    const dialog = page.getByRole('dialog', { name: 'Publish “Ferry fares rise in April”?' });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain('goes live now');
    await expect.poll(() => dialog.textContent()).toContain(`${h.api.url}/v1/articles/${created.slug}`);
    await expect
      .poll(() => dialog.getByRole('listitem').allTextContents())
      .toEqual([expect.stringContaining('No lead image'), expect.stringContaining('No meta description')]);
    await expectAccessible(page, 'the publish dialog');
    await screenshot(page, 'publish-dialog', { fullPage: false });

    // Escape: nothing happened, and focus is back on Publish.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Publish');
    const token = await h.api.token('editor', EDITOR);
    const still = await h.api.request('GET', `/v1/admin/articles/${created.id}`, { token });
    expect(still.body.status).toBe('approved');

    await press(page, 'Publish');
    await press(page, 'Publish anyway');
    await page.getByText('Published: it is live now.').waitFor();
    expect((await h.api.request('GET', `/v1/articles/${created.slug}`)).status).toBe(200);
  });
});

describe('a story in review', () => {
  it('is read-only to its author, who is told why and how to edit it again', async () => {
    const { id } = await createViaApi(h.api, AUTHOR, { title: 'Market hall reopens' });
    await transitionViaApi(h.api, id, 'author', AUTHOR, 'submit');
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Edit “Market hall reopens”' }).waitFor();
    const title = page.getByLabel('Title', { exact: true });
    await expect.poll(() => title.isDisabled()).toBe(true);
    const body = page.getByRole('textbox', { name: 'Body' });
    await expect.poll(() => body.getAttribute('contenteditable')).toBe('false');
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    const lock = page.getByRole('note').filter({ hasText: 'Read-only' });
    await expect.poll(() => lock.textContent()).toContain('This story is In review');
    await expect.poll(() => lock.textContent()).toContain('withdraw it from review first');
    await expectAccessible(page, 'a story in review, read-only');

    await press(page, 'Withdraw from review');
    await page.getByText('Withdrawn: back to draft.').waitFor();
    await expect.poll(() => title.isDisabled()).toBe(false);
    await expect.poll(() => body.getAttribute('contenteditable')).toBe('true');
    expect(await lock.count()).toBe(0);
    await title.fill('Market hall reopens on Saturday');
    await press(page, 'Save');
    await page.getByText('Saved.').waitFor();
  });
});

describe('My work', () => {
  it("lists the author's drafts, returned stories and stories in review, with counts, tabs by keyboard", async () => {
    const me = 'desk-mywork';
    await createViaApi(h.api, me, { title: 'Draft about buses' });
    await createViaApi(h.api, me, { title: 'Draft about trams' });
    const returned = await createViaApi(h.api, me, { title: 'Returned story about bridges' });
    await transitionViaApi(h.api, returned.id, 'author', me, 'submit');
    await transitionViaApi(h.api, returned.id, 'editor', EDITOR, 'request_changes', 'Name the engineer.');
    const reviewed = await createViaApi(h.api, me, { title: 'Story in review about parks' });
    await transitionViaApi(h.api, reviewed.id, 'author', me, 'submit');
    await createViaApi(h.api, 'someone-else', { title: 'Not mine' });

    const page = await h.signIn('author', me, { width: 360 });
    await page.getByRole('link', { name: 'My work' }).click();
    await page.getByRole('heading', { level: 1, name: 'My work' }).waitFor();
    const tab = (name: RegExp) => page.getByRole('tab', { name });
    await expect.poll(() => tab(/^Drafts/).textContent()).toBe('Drafts2 stories');
    await expect.poll(() => tab(/^Returned/).textContent()).toBe('Returned1 story');
    await expect.poll(() => tab(/^In review/).textContent()).toBe('In review1 story');
    const panel = page.getByRole('tabpanel');
    await expect
      .poll(() => panel.getByRole('link').allTextContents())
      .toEqual(['Draft about trams', 'Draft about buses']);

    await tab(/^Drafts/).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => tab(/^Returned/).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('tab-returned');
    await expect
      .poll(() => panel.getByRole('link').allTextContents())
      .toEqual(['Returned story about bridges']);
    await expectAccessible(page, 'My work at 360 px');
    await screenshot(page, 'my-work-360');
    await page.keyboard.press('End');
    await expect
      .poll(() => panel.getByRole('link').allTextContents())
      .toEqual(['Story in review about parks']);
  });
});

describe('history', () => {
  it('compares the previous revision with the current one at once, marks the changed words, and asks before restoring', async () => {
    const { id } = await createViaApi(h.api, AUTHOR, { title: 'Harbour works' });
    const token = await h.api.token('author', AUTHOR);
    const edited = await h.api.request('PATCH', `/v1/admin/articles/${id}`, {
      token,
      headers: { 'if-match': '"1"' },
      json: {
        body: [
          {
            type: 'paragraph',
            text: 'Work began on Tuesday on the section of the harbour wall damaged in January.',
          },
          {
            type: 'quote',
            text: 'We expect to finish before the tourist season.',
            attribution: 'Site manager',
          },
        ],
      },
    });
    expect(edited.status, edited.text).toBe(200);

    const page = await h.signIn('author', AUTHOR, { width: 360 });
    await page.goto(`/articles/${id}/history`);
    const diff = page.getByRole('region', { name: 'Differences between revision 1 and 2' });
    await diff.waitFor();
    await expect
      .poll(() => diff.getByRole('heading').textContent())
      .toBe('Revision 1 (version 1) compared with Revision 2 (version 2, current)');
    expect(await diff.locator('del').allTextContents()).toEqual(['Monday']);
    expect(await diff.locator('ins').allTextContents()).toEqual(['Tuesday']);
    await expectAccessible(page, 'the history diff at 360 px');
    await diff.scrollIntoViewIfNeeded();
    await screenshot(page, 'history-diff-360');

    await press(page, 'Restore revision 1');
    const ask = page.getByRole('dialog', { name: 'Restore revision 1?' });
    await ask.waitFor();
    await expect.poll(() => ask.textContent()).toContain('becomes a new revision 3, version 3, in draft');
    await page.keyboard.press('Escape');
    await ask.waitFor({ state: 'detached' });
    expect((await h.api.request('GET', `/v1/admin/articles/${id}`, { token })).body.version).toBe(2);

    await press(page, 'Restore revision 1');
    await ask.getByRole('button', { name: 'Restore revision 1' }).click();
    await page
      .getByText('Revision 1 restored: its content is now revision 3, version 3, in draft.')
      .waitFor();
    const after = page.getByRole('region', { name: 'Differences between revision 2 and 3' });
    await expect
      .poll(() => after.getByRole('heading').textContent())
      .toBe('Revision 2 (version 2) compared with Revision 3 (version 3, current)');
    expect(await after.locator('del').allTextContents()).toEqual(['Tuesday']);
    expect(await after.locator('ins').allTextContents()).toEqual(['Monday']);
  });
});

describe('uploading an image', () => {
  /** A console opened at 127.0.0.1 rather than localhost (the same server, another origin to the browser). */
  async function signInAt127(sub: string) {
    const context = await h.browser.newContext({
      viewport: { width: 1280, height: 900 },
      baseURL: h.api.url.replace('//localhost:', '//127.0.0.1:'),
    });
    context.setDefaultTimeout(8_000);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Role').selectOption('author');
    await page.getByLabel('User id').fill(sub);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return { page, context };
  }
  const png = () =>
    sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a6f97' } })
      .png()
      .toBuffer();

  it('works with the console opened at 127.0.0.1', async () => {
    const { page, context } = await signInAt127('desk-uploader');
    try {
      await page.goto('/library');
      await page
        .getByLabel('Image file')
        .setInputFiles({ name: 'quay.png', mimeType: 'image/png', buffer: await png() });
      await page.getByLabel('Alternative text').fill('The quay at dawn');
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await page.getByText('Ready: quay.png (64 × 48).').waitFor({ timeout: 15_000 });
    } finally {
      await context.close();
    }
  });

  it('that fails on its way to storage leaves no record at Processing', async () => {
    const page = await h.signIn('author', 'desk-unlucky');
    await page.goto('/library');
    // The connection drops: a failure the local stack cannot be made to produce on request.
    await page.route('**/_media/upload', (route) => route.abort('connectionreset'));
    await page
      .getByLabel('Image file')
      .setInputFiles({ name: 'lost.png', mimeType: 'image/png', buffer: await png() });
    await page.getByLabel('Alternative text').fill('A photo that never arrives');
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await alert.textContent()).toContain('Nothing was added to the library.');
    const token = await h.api.token('author', 'desk-unlucky');
    await expect
      .poll(async () => {
        const list = await h.api.request('GET', '/v1/admin/media?limit=100', { token });
        return (list.body.items as { alt: string; status: string }[])
          .filter((m) => m.alt === 'A photo that never arrives')
          .map((m) => m.status);
      })
      .toEqual([]);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: /Media/ }).waitFor();
    expect(await page.getByText('Processing').count()).toBe(0);
  });
});
