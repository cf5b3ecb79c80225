import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryImage } from '../support/media.ts';
import { realStory, STORY_CORRECTION, STORY_TITLE } from '../support/story.ts';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// The preview page in Chromium: opened from the editor's Preview button, read at 360 px with
// JavaScript off, checked with axe, and photographed with a story shaped like a real one.
let h: ConsoleHarness;
let story: { id: string; pageUrl: string };

const AUTHOR = 'maya';
const EDITOR = 'desk-1';

beforeAll(async () => {
  h = await startConsole();
  const [author, editor] = await Promise.all([h.api.token('author', AUTHOR), h.api.token('editor', EDITOR)]);
  const image = await libraryImage(h.api, author, {
    alt: 'The north landing stage at dusk, the ferry moored alongside',
    credit: 'Courier photo desk',
  });
  const created = await h.api.request('POST', '/v1/admin/articles', {
    token: author,
    json: realStory(image),
  });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as string;
  let etag = created.headers.get('etag') ?? '';
  for (const [token, action] of [
    [author, 'submit'],
    [editor, 'approve'],
    [editor, 'publish'],
  ] as const) {
    const res = await h.api.request('POST', `/v1/admin/articles/${id}/transitions`, {
      token,
      headers: { 'if-match': etag },
      json: { action },
    });
    expect(res.status, res.text).toBe(200);
    etag = res.headers.get('etag') ?? '';
  }
  const corrected = await h.api.request('POST', `/v1/admin/articles/${id}/corrections`, {
    token: editor,
    headers: { 'if-match': etag },
    json: { text: STORY_CORRECTION },
  });
  expect(corrected.status, corrected.text).toBe(200);
  const link = await h.api.request('POST', `/v1/admin/articles/${id}/preview`, { token: author });
  story = { id, pageUrl: link.body.pageUrl };
});
afterAll(async () => h?.stop());

async function openPage(options: { width: number; javaScript: boolean }): Promise<Page> {
  const context = await h.browser.newContext({
    viewport: { width: options.width, height: options.width < 600 ? 780 : 900 },
    baseURL: h.api.url,
    javaScriptEnabled: options.javaScript,
  });
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const res = await page.goto(story.pageUrl);
  expect(res?.status()).toBe(200);
  return page;
}

describe('the preview page in a browser', () => {
  it('opens beside the editor from its Preview button', async () => {
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${story.id}`);
    const opened = page.context().waitForEvent('page');
    await page
      .getByRole('region', { name: 'Workflow' })
      .getByRole('button', { name: 'Preview', exact: true })
      .click();
    const preview = await opened;
    await preview.getByRole('heading', { level: 1, name: STORY_TITLE }).waitFor();
    expect(new URL(preview.url()).pathname).toMatch(/^\/v1\/preview\/[^/]+\/page$/);
    // The console stays where it was, and the preview cannot reach back into it.
    expect(new URL(page.url()).pathname).toBe(`/articles/${story.id}`);
    expect(await preview.evaluate('window.opener')).toBeNull();
  });

  it('reads whole at 360 px with JavaScript off', async () => {
    const page = await openPage({ width: 360, javaScript: false });
    await page.getByRole('heading', { level: 1, name: STORY_TITLE }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Corrections' }).waitFor();
    expect(await page.getByText(STORY_CORRECTION).isVisible()).toBe(true);
    expect(await page.getByRole('heading', { level: 2, name: 'Who will use it' }).isVisible()).toBe(true);
    // Nothing wider than the screen: the column, the lead image and the text all fit in 360 px.
    for (const selector of ['main', 'figure.lead img', 'h1', '.quote', 'ol']) {
      const box = await page.locator(selector).first().boundingBox();
      expect(box, selector).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0), selector).toBeLessThanOrEqual(360);
    }
    const lead = page.locator('figure.lead img');
    expect(await lead.getAttribute('srcset')).toMatch(/ \d+w, /);
    expect((await lead.boundingBox())?.height ?? 0).toBeGreaterThan(100);
    await screenshot(page, 'preview-page-360');
  });

  it('is accessible (axe) at 360 px and on a desktop, and runs no script', async () => {
    for (const width of [360, 1280]) {
      const page = await openPage({ width, javaScript: true });
      const blocked: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/.test(message.text())) blocked.push(message.text());
      });
      await expectAccessible(page, `the preview page at ${width} px`);
      // Its own CSP forbids any script: an injected one does not run.
      await page.evaluate(`(() => {
        const s = document.createElement('script');
        s.textContent = 'document.body.dataset.ran = "yes"';
        document.body.append(s);
      })()`);
      expect(await page.locator('body').getAttribute('data-ran')).toBeNull();
      if (width === 1280) await screenshot(page, 'preview-page-desktop');
      await page.context().close();
    }
  });
});

describe('the slug in the editor', () => {
  it("is editable on a draft, checked by the API, shown as the readers' address, and fixed once published", async () => {
    const author = await h.api.token('author', AUTHOR);
    const draft = await h.api.request('POST', '/v1/admin/articles', {
      token: author,
      json: {
        title: 'Night ferry fares',
        section: 'transport',
        body: [{ type: 'paragraph', text: 'Fares.' }],
      },
    });
    const page = await h.signIn('author', AUTHOR);
    await page.goto(`/articles/${draft.body.id}`);
    const slug = page.getByLabel('Slug', { exact: true });
    expect(await slug.inputValue()).toBe('night-ferry-fares');
    await page.getByText(`Readers get it at ${h.api.url}/v1/articles/night-ferry-fares`).waitFor();

    // A slug the rules refuse: the API's message shows at the field, and nothing is saved.
    await slug.fill('night--ferry');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('#a-slug-error').waitFor();
    expect(await page.locator('#a-slug-error').textContent()).toContain('lowercase slug');
    expect(
      (await h.api.request('GET', `/v1/admin/articles/${draft.body.id}`, { token: author })).body.slug,
    ).toBe('night-ferry-fares');

    await slug.fill('night-ferry-fares-from-march');
    await page.getByText(`Readers get it at ${h.api.url}/v1/articles/night-ferry-fares-from-march`).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(
        async () =>
          (await h.api.request('GET', `/v1/admin/articles/${draft.body.id}`, { token: author })).body.slug,
      )
      .toBe('night-ferry-fares-from-march');
    await expectAccessible(page, 'the editor with its slug field');

    // A published story's slug may still change, and the field says what that does to its
    // address (docs/slugs.md; the whole move is driven in tests/web/slugs.test.ts).
    await page.goto(`/articles/${story.id}`);
    const published = page.getByLabel('Slug', { exact: true });
    await published.waitFor();
    expect(await published.getAttribute('readonly')).toBeNull();
    await page.getByText('the old one then redirects (301) to it').waitFor();
  });
});

describe('the preview settings screen', () => {
  it("an admin points Preview at the newsroom's frontend; a bad address is explained at the field", async () => {
    const page = await h.signIn('admin', 'admin-1');
    await page.getByRole('link', { name: 'Previews', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Preview settings' }).waitFor();
    const field = page.getByLabel('Frontend preview URL');
    await field.fill('https://www.example.com/preview/{id}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.locator('#ps-url-error').waitFor();
    expect(await page.locator('#ps-url-error').textContent()).toContain(
      'may hold only the placeholders {token} and {slug}',
    );
    await field.fill('https://www.example.com/preview/{slug}?token={token}');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText("Saved. The Preview button now opens the newsroom's frontend.").waitFor();
    await expectAccessible(page, 'the preview settings');
    await screenshot(page, 'preview-settings-desktop');
    const token = await h.api.token('admin', 'admin-1');
    expect((await h.api.request('GET', '/v1/admin/settings/preview', { token })).body).toEqual({
      previewUrl: 'https://www.example.com/preview/{slug}?token={token}',
    });
    // Back to the CMS's own page, so the other tests here open it.
    await field.fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText("Saved. The Preview button opens the CMS's own preview page.").waitFor();
  });
});
