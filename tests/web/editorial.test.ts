import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';
import { createViaApi, transitionViaApi } from './viaApi.ts';

// Authors and editors in the console, in Chromium, against the real local stack.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const AUTHOR = 'reporter-1';
const EDITOR = 'desk-1';

/** What the tests touch of a textarea (the test code is compiled without the DOM library). */
interface TextBox {
  value: string;
  selectionStart: number;
  selectionEnd: number;
  focus(): void;
  setSelectionRange(start: number, end: number): void;
}

const workflow = (page: Page) => page.getByRole('region', { name: 'Workflow' });

/** Selects words of the body's text, as a pointer's drag would (the editor follows the selection). */
async function selectWords(page: Page, words: string) {
  await page.evaluate(`(() => {
    const walker = document.createTreeWalker(document.querySelector('#a-body'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const at = node.data.indexOf(${JSON.stringify(words)});
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + ${words.length});
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return;
    }
  })()`);
}

describe('writing', () => {
  it('an author writes an article with text styled from the toolbar, a quote, a heading moved up and a list, and saves it', async () => {
    const page = await h.signIn('author', AUTHOR);
    await expectAccessible(page, 'the article list');
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByRole('heading', { level: 1, name: 'New article' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Ferry timetable changes for the winter');
    await page.getByLabel('Standfirst').fill('Fewer crossings from November, the operator says.');
    await page.getByLabel('Section').fill('transport');
    await page.getByLabel('Tags').fill('ferries, winter');
    await page.getByLabel('Byline').fill('R. Porter');
    await page.getByLabel('Source name').fill('Harbour Ferries timetable');
    await page.getByLabel('Source URL').fill('https://ferries.example.org/winter');
    // The body from the toolbar, with the pointer: words selected, then Bold; a link from the
    // Link button (the address is selected, ready to type over); styles from the block menu.
    const body = page.getByRole('textbox', { name: 'Body' });
    await body.click();
    await page.keyboard.type('The last crossing leaves at 21:00 from 3 November.');
    await selectWords(page, 'last crossing');
    await page.getByRole('button', { name: 'Bold' }).click();
    await body.locator('strong', { hasText: 'last crossing' }).waitFor();
    await selectWords(page, '3 November');
    await page.getByRole('button', { name: 'Link' }).click();
    const address = page.getByLabel('Link address');
    await expect
      .poll(() =>
        address.evaluate((node) => {
          const el = node as unknown as TextBox;
          return el.value.slice(el.selectionStart, el.selectionEnd);
        }),
      )
      .toBe('https://');
    await page.keyboard.type('https://ferries.example.org/winter');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await body.getByRole('link', { name: '3 November' }).waitFor();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    const style = page.getByLabel('Block style');
    await style.selectOption('quote');
    await page.keyboard.type('We run to the ');
    await page.keyboard.press('Control+i');
    await page.keyboard.type('demand');
    await page.keyboard.press('Control+i');
    await page.keyboard.type(' we see.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('the operator said.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Operations director');
    await page.keyboard.press('Enter');
    await page.keyboard.type('What changes');
    await style.selectOption('h2');
    await page.keyboard.press('Enter');
    await style.selectOption('numbers');
    await page.keyboard.type('Fewer late crossings');
    await page.keyboard.press('Enter');
    await page.keyboard.type('No Sunday service');
    // The heading goes before the quote.
    await body.getByRole('heading', { name: 'What changes' }).click();
    await page.getByRole('button', { name: 'Move block up' }).click();
    await expect
      .poll(() =>
        body.locator(':scope > :is(p, h2, blockquote, ol)').evaluateAll((els) => els.map((e) => e.tagName)),
      )
      .toEqual(['P', 'H2', 'BLOCKQUOTE', 'OL']);
    await expectAccessible(page, 'the new article form');
    await screenshot(page, 'editor-new-desktop');

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Edit “Ferry timetable changes for the winter”' })
      .waitFor();
    await page.getByText('Draft created.', { exact: true }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const saved = await h.api.request('GET', `/v1/admin/articles/${id}`, {
      token: await h.api.token('author', AUTHOR),
    });
    expect(saved.body).toMatchObject({
      title: 'Ferry timetable changes for the winter',
      section: 'transport',
      tags: ['ferries', 'winter'],
      byline: 'R. Porter',
      source: { name: 'Harbour Ferries timetable', url: 'https://ferries.example.org/winter' },
      status: 'draft',
      createdBy: AUTHOR,
      body: [
        {
          type: 'paragraph',
          text: [
            { text: 'The ', marks: [] },
            { text: 'last crossing', marks: [{ type: 'bold' }] },
            { text: ' leaves at 21:00 from ', marks: [] },
            { text: '3 November', marks: [{ type: 'link', href: 'https://ferries.example.org/winter' }] },
            { text: '.', marks: [] },
          ],
        },
        { type: 'heading', level: 2, text: [{ text: 'What changes', marks: [] }] },
        {
          type: 'quote',
          text: [
            { text: 'We run to the ', marks: [] },
            { text: 'demand', marks: [{ type: 'italic' }] },
            { text: ' we see.', marks: [] },
          ],
          after: [{ text: 'the operator said.', marks: [] }],
          attribution: 'Operations director',
        },
        {
          type: 'list',
          ordered: true,
          items: [[{ text: 'Fewer late crossings', marks: [] }], [{ text: 'No Sunday service', marks: [] }]],
        },
      ],
    });
    // It is in the author's own drafts.
    await page.getByRole('link', { name: 'My drafts' }).click();
    await page.getByRole('link', { name: 'Ferry timetable changes for the winter' }).waitFor();
    await screenshot(page, 'list-my-drafts-desktop');
  });

  it('shows the API’s field errors next to the field they concern', async () => {
    const page = await h.signIn('author', AUTHOR);
    await page.goto('/articles/new');
    await page.getByLabel('Title', { exact: true }).fill('Pier photo story');
    await page.getByLabel('Section').fill('City News');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('The pier at dawn.');
    await page.getByRole('button', { name: 'Insert image' }).click();
    const image = page.getByRole('textbox', { name: 'Body' }).getByRole('group', { name: 'Image' });
    await image.getByLabel('Image URL').fill('http://insecure.example.org/pier.jpg');
    await image.getByLabel('Alternative text').fill('The pier at dawn');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('alert').filter({ hasText: 'Some fields need attention' }).waitFor();
    // The message is tied to its field (aria-describedby) and the field is marked invalid.
    const section = page.getByLabel('Section');
    await expect.poll(() => section.getAttribute('aria-invalid')).toBe('true');
    const sectionError = await page
      .locator(`#${await section.getAttribute('aria-describedby').then((v) => v?.split(' ').pop())}`)
      .textContent();
    expect(sectionError).toMatch(/slug/i);
    const src = image.getByLabel('Image URL');
    await expect.poll(() => src.getAttribute('aria-invalid')).toBe('true');
    expect(await image.locator('.error').textContent()).toMatch(/https/i);
    await expectAccessible(page, 'the form with errors');
    await screenshot(page, 'editor-errors-desktop');
  });

  it('a stale edit shows what changed and lets the person reload or keep their text', async () => {
    const { id } = await createViaApi(h.api, AUTHOR, { title: 'Library hours extended' });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${id}`);
    await page.getByRole('heading', { level: 1, name: 'Edit “Library hours extended”' }).waitFor();

    // Meanwhile an editor saves a new title.
    const editor = await h.api.token('editor', EDITOR);
    const patched = await h.api.request('PATCH', `/v1/admin/articles/${id}`, {
      token: editor,
      headers: { 'if-match': '"1"' },
      json: { title: 'Central library opens late on Thursdays' },
    });
    expect(patched.status).toBe(200);

    await page.getByLabel('Standfirst').fill('Open until 21:00 from next week.');
    await page.getByRole('button', { name: 'Save' }).click();
    const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved this article first' });
    await conflict.waitFor();
    const rows = conflict.getByRole('row');
    await expect
      .poll(() => rows.filter({ hasText: 'Title' }).textContent())
      .toContain('Central library opens late on Thursdays');
    expect(await rows.filter({ hasText: 'Title' }).textContent()).toContain('Library hours extended');
    expect(await rows.filter({ hasText: 'Standfirst' }).textContent()).toContain(
      'Open until 21:00 from next week.',
    );
    // Nothing was overwritten yet.
    const meanwhile = await h.api.request('GET', `/v1/admin/articles/${id}`, { token: editor });
    expect(meanwhile.body.title).toBe('Central library opens late on Thursdays');
    await expectAccessible(page, 'the edit conflict');
    await screenshot(page, 'editor-conflict-desktop');

    // Reload: the editor's version replaces the form.
    await conflict.getByRole('button', { name: 'Reload their version' }).click();
    await expect
      .poll(() => page.getByLabel('Title', { exact: true }).inputValue())
      .toBe('Central library opens late on Thursdays');

    // A second conflict, this time keeping the author's text over the newer version.
    const again = await h.api.request('PATCH', `/v1/admin/articles/${id}`, {
      token: editor,
      headers: { 'if-match': '"2"' },
      json: { byline: 'Desk' },
    });
    expect(again.status).toBe(200);
    await page.getByLabel('Byline').fill('Library correspondent');
    await page.getByRole('button', { name: 'Save' }).click();
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Keep my text' }).click();
    await conflict.waitFor({ state: 'detached' });
    const final = await h.api.request('GET', `/v1/admin/articles/${id}`, { token: editor });
    expect(final.body).toMatchObject({
      version: 4,
      byline: 'Library correspondent',
      title: 'Central library opens late on Thursdays',
    });
  });

  it('asks before leaving with unsaved changes', async () => {
    const { id } = await createViaApi(h.api, AUTHOR, { title: 'Bridge closure' });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${id}`);
    await page.getByLabel('Title', { exact: true }).fill('Bridge closure extended');
    const messages: string[] = [];
    page.once('dialog', (dialog) => {
      messages.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('link', { name: 'Articles', exact: true }).click();
    await expect.poll(() => messages.length).toBe(1);
    expect(messages[0]).toMatch(/unsaved changes/);
    expect(new URL(page.url()).pathname).toBe(`/articles/${id}`);
    expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe('Bridge closure extended');
    // beforeunload is armed too: leaving the page asks the browser to confirm.
    const prevented = await page.evaluate(
      "(() => { const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented; })()",
    );
    expect(prevented).toBe(true);
  });

  it('history shows who did what, a side-by-side diff of two revisions, and restores one', async () => {
    const { id } = await createViaApi(h.api, AUTHOR, { title: 'Market square plans' });
    const token = await h.api.token('author', AUTHOR);
    await h.api.request('PATCH', `/v1/admin/articles/${id}`, {
      token,
      headers: { 'if-match': '"1"' },
      json: { title: 'Market square to be pedestrianised' },
    });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${id}`);
    await page.getByRole('link', { name: 'History and revisions' }).click();
    await page
      .getByRole('heading', { level: 1, name: 'History of “Market square to be pedestrianised”' })
      .waitFor();
    await page.getByText(`Created by ${AUTHOR}`).waitFor();
    await page.getByLabel('Compare revision', { exact: true }).selectOption('1');
    await page.getByLabel('with revision', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Compare' }).click();
    const diff = page.getByRole('region', { name: 'Differences between revision 1 and 2' });
    const title = diff.getByRole('row').filter({ hasText: 'Title' });
    await expect.poll(() => title.textContent()).toContain('Market square plans');
    expect(await title.textContent()).toContain('Market square to be pedestrianised');
    await expectAccessible(page, 'the history');
    await screenshot(page, 'history-desktop');
    // On a phone the revisions stack and the diff wraps: nothing pushes the page sideways, so every
    // Restore button is on the screen.
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    const restoreButton = await page.getByRole('button', { name: 'Restore revision 1' }).boundingBox();
    expect((restoreButton?.x ?? 999) + (restoreButton?.width ?? 0)).toBeLessThanOrEqual(360);
    await screenshot(page, 'history-360');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Restore revision 1' }).click();
    // It asks first (tests/web/desk.test.ts covers the dialog).
    await page.getByRole('dialog').getByRole('button', { name: 'Restore revision 1' }).click();
    await page
      .getByText('Revision 1 restored: its content is now revision 3, version 3, in draft.')
      .waitFor();
    const restored = await h.api.request('GET', `/v1/admin/articles/${id}`, { token });
    expect(restored.body).toMatchObject({ title: 'Market square plans', version: 3, status: 'draft' });
  });

  it('works by keyboard alone: sign in, skip to content, open an article, save', async () => {
    await createViaApi(h.api, AUTHOR, { title: 'Keyboard-only story' });
    const context = await h.browser.newContext({ baseURL: h.api.url });
    try {
      const page = await context.newPage();
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in (local development)' }).waitFor();
      const focused = () =>
        page.evaluate('document.activeElement?.id || document.activeElement?.textContent');
      await page.keyboard.press('Tab'); // the role picker (Author is the default)
      expect(await focused()).toBe('signin-role');
      await page.keyboard.press('Tab'); // the user id
      expect(await focused()).toBe('signin-sub');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(AUTHOR);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
      // A new screen puts focus on its heading (so a screen reader announces it).
      expect(await focused()).toBe('list-title');
      // Shift+Tab goes back through the header to the skip link, the first thing on the page.
      for (let i = 0; i < 10 && (await focused()) !== 'Skip to content'; i++)
        await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('Skip to content');
      await page.keyboard.press('Enter');
      expect(await focused()).toBe('main');
      const link = page.getByRole('link', { name: 'Keyboard-only story' });
      await link.waitFor();
      for (let i = 0; i < 30 && !(await link.evaluate((el) => el === el.ownerDocument.activeElement)); i++) {
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Edit “Keyboard-only story”' }).waitFor();
      // The editor shows its heading once the article has loaded; focus goes there then.
      expect(await focused()).toBe('ed-title');
      await page.getByLabel('Title', { exact: true }).focus();
      await page.keyboard.press('End');
      await page.keyboard.type(' (updated)');
      await page.keyboard.press('Enter'); // Enter in a text field submits the form: Save
      await page.getByText('Saved.', { exact: true }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Edit “Keyboard-only story (updated)”',
      );
      // The field was disabled while saving; focus comes back to it, not to the top of the page.
      expect(await focused()).toBe(await page.getByLabel('Title', { exact: true }).getAttribute('id'));
      // Enter again with nothing changed makes no new version.
      await page.keyboard.press('Enter');
      await page.getByText('No changes to save.', { exact: true }).waitFor();
      expect(await page.locator('.screen-head .meta').textContent()).toContain('Version 2 ·');
    } finally {
      await context.close();
    }
  });

  it('a 401 shows a clear sign-in prompt', async () => {
    const page = await h.signIn('editor', EDITOR);
    await page.evaluate(`(() => {
      const key = 'newsroom.localSession';
      const stored = JSON.parse(sessionStorage.getItem(key) ?? '{}');
      sessionStorage.setItem(key, JSON.stringify({ ...stored, token: 'expired.token.value' }));
    })()`);
    await page.reload();
    const prompt = page
      .getByRole('alert')
      .filter({ hasText: 'Your session has ended. Sign in again to continue.' });
    await prompt.waitFor();
    await prompt.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expectAccessible(page, 'the sign-in screen');
    await screenshot(page, 'signin-desktop');
  });
});

describe('workflow (the actions offered are the API’s availableActions)', () => {
  it('an author submits; a different editor approves and publishes; it is then on the public API', async () => {
    const { id, slug } = await createViaApi(h.api, AUTHOR, { title: 'Night market returns to the quay' });
    const author = await h.signIn('author', AUTHOR);
    await author.goto(`/articles/${id}`);
    // An author is not offered Approve (nor Publish) on their own article.
    expect(await workflow(author).getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await workflow(author).getByRole('button', { name: 'Submit for review' }).click();
    await author.getByText('Submitted for review.').waitFor();
    expect(await author.locator('.meta .badge').textContent()).toBe('In review');
    expect(await workflow(author).getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await workflow(author).getByRole('button', { name: 'Withdraw from review' }).waitFor();

    const editor = await h.signIn('editor', EDITOR);
    await editor.getByRole('link', { name: 'Waiting for review' }).click();
    await editor.getByRole('link', { name: 'Night market returns to the quay' }).click();
    await workflow(editor).getByRole('button', { name: 'Approve' }).click();
    await editor.getByText('Approved.').waitFor();
    await expectAccessible(editor, 'the editor with workflow actions');
    await screenshot(editor, 'editor-approved-desktop');
    await workflow(editor).getByRole('button', { name: 'Publish' }).click();
    // It asks first (tests/web/desk.test.ts covers the dialog).
    await editor
      .getByRole('dialog')
      .getByRole('button', { name: /^Publish (now|anyway)$/ })
      .click();
    await editor.getByText('Published: it is live now.').waitFor();

    const live = await h.api.request('GET', `/v1/articles/${slug}`);
    expect(live.status).toBe(200);
    expect(live.body.title).toBe('Night market returns to the quay');
  });

  it('an editor requests changes with a note, and the author sees the note', async () => {
    const { id } = await createViaApi(h.api, AUTHOR, { title: 'School meals survey' });
    await transitionViaApi(h.api, id, 'author', AUTHOR, 'submit');
    const editor = await h.signIn('editor', EDITOR);
    await editor.goto(`/articles/${id}`);
    await workflow(editor).getByRole('button', { name: 'Request changes' }).click();
    await editor
      .getByLabel('Note for the author')
      .fill('Please add the council’s response in the third paragraph.');
    await editor.getByRole('button', { name: 'Send request for changes' }).click();
    await editor.getByText('Changes requested; the author will see your note.').waitFor();

    const author = await h.signIn('author', AUTHOR);
    await author.goto(`/articles/${id}`);
    const note = author.getByRole('complementary', { name: 'Changes requested' });
    await note.waitFor();
    expect(await note.textContent()).toContain('Please add the council’s response in the third paragraph.');
    expect(await note.textContent()).toContain(EDITOR);
    await expectAccessible(author, 'the editor with a change request');
    await screenshot(author, 'editor-changes-requested-desktop');
  });

  it('creates a preview link and copies it to the clipboard', async () => {
    const { id } = await createViaApi(h.api, AUTHOR, { title: 'Preview of the tide tables' });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${id}`);
    await workflow(page).getByRole('button', { name: 'Create preview link' }).click();
    const field = page.getByLabel(/^Preview link \(copied to the clipboard\)/);
    await field.waitFor();
    const url = await field.inputValue();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(url);
    const preview = await h.api.request('GET', new URL(url).pathname);
    expect(preview.status).toBe(200);
    expect(preview.body.title).toBe('Preview of the tide tables');

    // The open links are listed under the button; Revoke ends the link at once.
    const revoke = page.getByRole('button', { name: /^Revoke the preview link made on/ });
    await revoke.waitFor();
    expect(await revoke.count()).toBe(1);
    await revoke.click();
    await page.getByRole('heading', { name: 'Open preview links' }).waitFor({ state: 'detached' });
    expect((await h.api.request('GET', new URL(url).pathname)).status).toBe(404);
  });

  it('schedule takes a local date and time and shows it back in the same zone', async () => {
    const { id } = await createViaApi(h.api, AUTHOR, { title: 'Harbour festival programme' });
    await transitionViaApi(h.api, id, 'author', AUTHOR, 'submit');
    await transitionViaApi(h.api, id, 'editor', EDITOR, 'approve');
    const editor = await h.signIn('editor', EDITOR);
    await editor.goto(`/articles/${id}`);
    await workflow(editor).getByRole('button', { name: 'Schedule' }).click();
    const when = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    when.setSeconds(0, 0);
    const local = `${when.getFullYear()}-${String(when.getMonth() + 1).padStart(2, '0')}-${String(when.getDate()).padStart(2, '0')}T${String(when.getHours()).padStart(2, '0')}:${String(when.getMinutes()).padStart(2, '0')}`;
    await editor.getByLabel(/^Publish at/).fill(local);
    await editor.getByRole('button', { name: 'Schedule publication' }).click();
    const ask = editor.getByRole('dialog', { name: /^Schedule “/ });
    await ask.getByRole('button', { name: 'Schedule it' }).click();
    await editor.getByText('Scheduled.').waitFor();
    const saved = await h.api.request('GET', `/v1/admin/articles/${id}`, {
      token: await h.api.token('editor', EDITOR),
    });
    expect(saved.body.status).toBe('scheduled');
    expect(new Date(saved.body.scheduledFor).getTime()).toBe(when.getTime());
    expect(await editor.locator('.meta').textContent()).toContain('goes live');
  });
});

describe('corrections on live articles', () => {
  async function liveViaApi(title: string) {
    const created = await createViaApi(h.api, AUTHOR, { title });
    await transitionViaApi(h.api, created.id, 'author', AUTHOR, 'submit');
    await transitionViaApi(h.api, created.id, 'editor', EDITOR, 'approve');
    await transitionViaApi(h.api, created.id, 'editor', EDITOR, 'publish');
    return created;
  }
  const corrections = (page: Page) => page.getByRole('region', { name: 'Corrections' });

  it('an editor appends corrections, newest first with time and editor, and readers see them at once', async () => {
    const { id, slug } = await liveViaApi('Council tax rise approved');
    const page = await h.signIn('editor', EDITOR);
    await page.goto(`/articles/${id}`);
    const panel = corrections(page);
    await panel.getByText('No corrections published on this article.').waitFor();

    const box = panel.getByLabel('New correction');
    await box.fill('An earlier version gave the rise as 5%; it is 4.9%.');
    await panel.getByText('51 of 2000 characters').waitFor();
    await panel.getByRole('button', { name: 'Publish correction' }).click();
    await panel.getByText('Correction published: readers see it on the article now.').waitFor();
    const items = panel
      .getByRole('list', { name: 'Published corrections, newest first' })
      .getByRole('listitem');
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.first().textContent()).toContain(`by ${EDITOR}`);
    // Focus moves to the correction just published; the field is empty for the next one.
    await expect.poll(() => items.first().evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    expect(await box.inputValue()).toBe('');

    // The second one by keyboard alone: type, Tab to the button, Enter.
    await box.focus();
    await page.keyboard.type('The vote was 31 to 12, not 30 to 13.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.first().textContent()).toContain('The vote was 31 to 12, not 30 to 13.');
    expect(await items.nth(1).textContent()).toContain('4.9%');

    const live = await h.api.request('GET', `/v1/articles/${slug}`);
    expect(live.body.corrections.map((c: { text: string }) => c.text)).toEqual([
      'The vote was 31 to 12, not 30 to 13.',
      'An earlier version gave the rise as 5%; it is 4.9%.',
    ]);
    await expectAccessible(page, 'the editor with corrections');
    await screenshot(page, 'editor-corrections-desktop');

    // Too long: the counter says so, and the API's 422 is shown next to the field.
    await box.fill('x'.repeat(2001));
    await panel.getByText('2001 of 2000 characters: 1 too many').waitFor();
    await panel.getByRole('button', { name: 'Publish correction' }).click();
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    expect(await panel.locator('#corr-text-error').textContent()).toMatch(/2000/);
    await expect.poll(() => items.count()).toBe(2);

    // The author sees the corrections but is not offered the form (editors only).
    const author = await h.signIn('author', AUTHOR);
    await author.goto(`/articles/${id}`);
    await expect.poll(() => corrections(author).getByRole('listitem').count()).toBe(2);
    expect(await corrections(author).getByLabel('New correction').count()).toBe(0);
  });

  it('an editor closes and reopens the comments of a published article, and sees when they close by themselves', async () => {
    const { id, slug } = await liveViaApi('Harbour toll debate');
    const page = await h.signIn('editor', EDITOR);
    await page.goto(`/articles/${id}`);
    const panel = page.getByRole('region', { name: 'Reader comments' });
    await panel.getByText('They stay open until closed by hand.').waitFor();
    expect(await panel.locator('.badge').textContent()).toBe('Open');

    await panel.getByLabel('Reason (optional, kept in the history)').fill('The case is before a court');
    await panel.getByRole('button', { name: 'Close comments' }).focus();
    await page.keyboard.press('Enter');
    await panel
      .getByText('Comments closed: readers can no longer post; the thread stays readable.')
      .waitFor();
    // Focus stays in the panel (it used to fall to the page, so Tab started again at the top): on
    // the button, which now reopens.
    const focusedText = () => page.evaluate<string>("document.activeElement?.textContent ?? ''");
    expect(await panel.evaluate((el) => el.contains(el.ownerDocument.activeElement))).toBe(true);
    for (let i = 0; i < 6 && (await focusedText()) !== 'Reopen comments'; i++)
      await page.keyboard.press('Tab');
    expect(await focusedText()).toBe('Reopen comments');
    expect(await panel.locator('.badge').textContent()).toBe('Closed');
    expect((await h.api.request('GET', `/v1/articles/${slug}`)).body.commentsOpen).toBe(false);

    // A time in the past is the API's 422, shown next to the field; nothing changes.
    const until = panel.getByLabel(/Close again automatically at/);
    await until.fill('2020-01-01T10:00');
    await panel.getByRole('button', { name: 'Reopen comments' }).click();
    await expect.poll(() => until.getAttribute('aria-invalid')).toBe('true');
    expect(await panel.locator('#thread-until-error').textContent()).toMatch(/future/);

    const later = new Date(Date.now() + 3 * 86_400_000);
    later.setSeconds(0, 0);
    const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await until.fill(local);
    await panel.getByRole('button', { name: 'Reopen comments' }).click();
    await panel.getByText('Comments reopened: readers can post again.').waitFor();
    await panel.getByText(/They close automatically on/).waitFor();
    expect(await panel.locator('.badge').textContent()).toBe('Open');
    const live = await h.api.request('GET', `/v1/articles/${slug}`);
    expect(live.body).toMatchObject({ commentsOpen: true, commentsCloseAt: later.toISOString() });
    await expectAccessible(page, 'the editor with the comments control');
    await screenshot(page, 'editor-thread-desktop');

    // Both changes are in the article's history, with the reason.
    const token = await h.api.token('editor', EDITOR);
    const history = await h.api.request('GET', `/v1/admin/articles/${id}/history`, { token });
    expect(
      (history.body.items as { action: string; note?: string }[]).slice(-2).map((e) => [e.action, e.note]),
    ).toEqual([
      ['comments-closed', 'The case is before a court'],
      ['comments-reopened', undefined],
    ]);

    // The author sees the state, without the control.
    const author = await h.signIn('author', AUTHOR);
    await author.goto(`/articles/${id}`);
    const theirs = author.getByRole('region', { name: 'Reader comments' });
    await theirs.getByText(/They close automatically on/).waitFor();
    expect(await theirs.getByRole('button').count()).toBe(0);
  });

  it('shows the API’s refusal when the article went off the site meanwhile', async () => {
    const { id } = await liveViaApi('Ferry fares frozen');
    const page = await h.signIn('editor', EDITOR);
    await page.goto(`/articles/${id}`);
    await corrections(page).getByLabel('New correction').fill('The freeze runs to March, not April.');
    // Someone unpublishes it first: the editor's copy is stale, then the article is not live.
    await transitionViaApi(h.api, id, 'editor', 'desk-2', 'unpublish');
    await corrections(page).getByRole('button', { name: 'Publish correction' }).click();
    const alert = corrections(page).getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/no longer live: only a live article takes corrections/);
    // Reloaded: the form is gone (not live), and nothing was published.
    await expect.poll(() => corrections(page).getByLabel('New correction').count()).toBe(0);
    await corrections(page).getByText('No corrections published on this article.').waitFor();
    expect(await page.locator('.meta .badge').textContent()).toBe('Archived');
  });
});

describe('search and sharing fields', () => {
  it('counts against the API’s limits, shows its 422 next to each field, and saves the fields', async () => {
    // An external social image set through the API is shown and kept (the console sets library images).
    const { id } = await createViaApi(h.api, AUTHOR, {
      title: 'Tidal lagoon plan revived',
      seo: { socialImageUrl: 'https://img.example.org/lagoon.jpg' },
    });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${id}`);
    const seo = page.getByRole('group', { name: 'Search and sharing' });
    await seo.getByLabel('Meta title').fill('Tidal lagoon plan is back');
    await seo.getByText('25 of 120 characters').waitFor();
    await seo.getByLabel('Meta description').fill('y'.repeat(330));
    await seo.getByText('330 of 320 characters: 10 too many').waitFor();
    await seo.getByLabel('Canonical URL').fill('http://example.org/lagoon');
    await seo.getByText('https://img.example.org/lagoon.jpg').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Some fields need attention' }).waitFor();
    for (const [label, message] of [
      ['Meta description', /320/],
      ['Canonical URL', /https/],
    ] as const) {
      const field = seo.getByLabel(label);
      await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
      const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
      expect(await page.locator(`#${ids[ids.length - 1]}`).textContent()).toMatch(message);
    }
    expect(await seo.getByLabel('Meta title').getAttribute('aria-invalid')).toBeNull();
    await expectAccessible(page, 'the search and sharing fields with errors');
    await screenshot(page, 'editor-seo-errors-desktop');

    await seo.getByLabel('Meta description').fill('The council wants the lagoon built by 2032.');
    await seo.getByLabel('Canonical URL').fill('');
    await seo.getByLabel('Ask search engines not to index this article').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    const saved = await h.api.request('GET', `/v1/admin/articles/${id}`, {
      token: await h.api.token('author', AUTHOR),
    });
    expect(saved.body.seo).toEqual({
      metaTitle: 'Tidal lagoon plan is back',
      metaDescription: 'The council wants the lagoon built by 2032.',
      socialImageUrl: 'https://img.example.org/lagoon.jpg',
      noindex: true,
    });
    // Reopened, the form shows what was saved.
    await page.reload();
    await expect.poll(() => seo.getByLabel('Meta title').inputValue()).toBe('Tidal lagoon plan is back');
    expect(await seo.getByLabel('Ask search engines not to index this article').isChecked()).toBe(true);
  });
});
