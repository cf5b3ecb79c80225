import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// An admin sets where the site's articles live; the public feeds and articles follow.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole({ seed: true });
});
afterAll(async () => h?.stop());

describe('site settings', () => {
  it('an admin sets the site address and article path; feeds link there; a bad path is shown at its field', async () => {
    const page = await h.signIn('admin', 'admin-site');
    await page.getByRole('link', { name: 'Site', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Site settings' }).waitFor();
    await page.getByText('These are the defaults').waitFor();
    await page.getByLabel('Site address').fill('https://courier.example.org');
    await page.getByLabel('Article path').fill('/news/{section}/{slug}');
    await page.getByLabel('Publication name').fill('The Harbour Courier');
    await page.getByLabel('Language').fill('en');
    await page.getByLabel("Put each story's whole text in the RSS and Atom feeds").check();
    await page.getByRole('button', { name: 'Save site settings' }).click();
    await page.getByText('Site settings saved.').waitFor();
    const token = await h.api.token('admin', 'admin-site');
    const saved = await h.api.request('GET', '/v1/admin/settings/site', { token });
    expect(saved.body).toMatchObject({
      baseUrl: 'https://courier.example.org',
      articlePath: '/news/{section}/{slug}',
      publicationName: 'The Harbour Courier',
      language: 'en',
      fullBodyInFeeds: true,
      updatedBy: 'admin-site',
    });
    expect(saved.body.mediaBaseUrl).toBeUndefined();
    await expectAccessible(page, 'the site settings form');
    await screenshot(page, 'site-settings-desktop');

    // The sample content is in the feed, linked on the site, with its body.
    const rss = await h.api.request('GET', '/v1/feeds/rss');
    expect(rss.text).toContain('<title>The Harbour Courier</title>');
    expect(rss.text).toMatch(/<link>https:\/\/courier\.example\.org\/news\/[a-z-]+\/[a-z0-9-]+<\/link>/);
    expect(rss.text).toContain('<content:encoded>');

    await page.getByLabel('Article path').fill('/news/{title}');
    await page.getByRole('button', { name: 'Save site settings' }).click();
    const field = page.getByLabel('Article path');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#site-path-error').textContent()).toMatch(/\{slug\}/);
    const unchanged = await h.api.request('GET', '/v1/admin/settings/site', { token });
    expect(unchanged.body.articlePath).toBe('/news/{section}/{slug}');
    await expectAccessible(page, 'the site settings form with an error');
  });
});
