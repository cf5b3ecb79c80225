import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArticleView, createDraft, publish, walk } from '../support/articles.ts';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// Changing a live story's slug in the console (docs/slugs.md): the editor is told what readers get
// until the edit is published, the old address answers 301 once it is, and the editor screen lists
// the addresses that redirect.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const EDITOR = 'slug-editor';

describe('a published story’s slug', () => {
  it('changes in the editor, redirects from the old address once published, and lists it (360 px, keyboard)', async () => {
    const [author, editor, admin] = await Promise.all([
      h.api.token('author', 'slug-writer'),
      h.api.token('editor', EDITOR),
      h.api.token('admin', 'slug-admin'),
    ]);
    const old = `tide-gauge-${Date.now().toString(36)}`;
    const live = await publish(
      await createDraft(h.api.client(author), { title: 'Tide gauge fails', slug: old }),
      {
        author: h.api.client(author),
        editor: h.api.client(editor),
      },
    );

    const page = await h.signIn('editor', EDITOR, { width: 360 });
    page.on('dialog', (dialog) => void dialog.accept());
    await page.goto(`/articles/${live.id}`);
    const slug = page.getByLabel('Slug', { exact: true });
    expect(await slug.inputValue()).toBe(old);
    expect(await slug.isEditable()).toBe(true);
    await slug.focus();
    await page.keyboard.press('End');
    await page.keyboard.type('-again');
    const note = page.getByRole('note').filter({ hasText: 'Until this edit is published' });
    await note.waitFor();
    expect(await note.textContent()).toContain(`/v1/articles/${old}`);
    await expectAccessible(page, 'the slug of a published story being changed, at 360 px');
    await screenshot(page, 'slug-change-360', { fullPage: false });

    await page.getByRole('button', { name: 'Save', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Saved.').waitFor();
    // Saved, not yet published: readers keep the old address.
    expect((await h.api.request('GET', `/v1/articles/${old}`)).status).toBe(200);

    const saved = (await h.api.request('GET', `/v1/admin/articles/${live.id}`, { token: editor }))
      .body as ArticleView;
    await walk(
      [
        [h.api.client(editor), 'submit'],
        [h.api.client(admin), 'approve'],
        [h.api.client(editor), 'publish'],
      ],
      saved,
    );
    const moved = await h.api.request('GET', `/v1/articles/${old}`);
    expect(moved.status).toBe(301);
    expect(moved.headers.get('location')).toBe(`/v1/articles/${old}-again`);
    expect((await h.api.request('GET', `/v1/articles/${old}-again`)).status).toBe(200);

    await page.reload();
    const redirects = page.getByRole('list', { name: 'Redirects' });
    await redirects.waitFor();
    expect(await redirects.textContent()).toContain(`/v1/articles/${old}`);
    await expectAccessible(page, 'the redirects of a moved story');
  });
});
