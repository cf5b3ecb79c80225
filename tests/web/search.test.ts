import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/api.ts';
import { type ConsoleHarness, expectAccessible, startConsole } from './browser.ts';

// The article list's search box, in Chromium, against the real local stack and its relay.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

async function createViaApi(sub: string, overrides: Record<string, unknown>) {
  const token = await h.api.token('author', sub);
  const res = await h.api.request('POST', '/v1/admin/articles', { token, json: sampleArticle(overrides) });
  expect(res.status).toBe(201);
  return res.body as { id: string; title: string };
}

describe('searching the article list', () => {
  it('finds a story by a word typed halfway, as it is typed, and marks the words found', async () => {
    await createViaApi('reporter-1', {
      title: 'Cormorant colony returns to the pier',
      body: [{ type: 'paragraph', text: 'Cormorants nest again under the old pier.' }],
    });
    await createViaApi('reporter-2', { title: 'Bus fares rise in spring' });
    // The relay indexes what was committed (as the stream function does in AWS).
    await h.api.events();

    const page = await h.signIn('editor', 'desk-1');
    const rows = page.locator('table.articles tbody tr');
    await expect.poll(() => rows.count()).toBe(2);

    await page.getByLabel('Search').pressSequentially('cormo', { delay: 40 });
    await expect.poll(() => rows.count()).toBe(1);
    await expect
      .poll(() => rows.first().getByRole('link').textContent())
      .toBe('Cormorant colony returns to the pier');
    expect(await rows.first().locator('mark').allTextContents()).toEqual(['Cormorants']);
    await expectAccessible(page, 'the article list with search results');

    await page.getByLabel('Search').fill('lighthouse ');
    await page.getByText('No articles match “lighthouse”.').waitFor();

    await page.getByLabel('Search').fill('');
    await expect.poll(() => rows.count()).toBe(2);
  });
});
