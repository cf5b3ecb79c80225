import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// The Authors screen in Chromium at 360 px, by keyboard, against the real local stack.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const press = async (page: Page, locator: ReturnType<Page['getByRole']>, key = 'Enter') => {
  await locator.focus();
  await page.keyboard.press(key);
};

describe('the Authors screen', () => {
  it('an admin adds a guest author by keyboard, edits the bio, and the public profile follows; the slug stays', async () => {
    const page = await h.signIn('admin', 'desk-admin', { width: 360 });
    await press(page, page.getByRole('link', { name: 'Authors', exact: true }));
    await page.getByRole('heading', { level: 1, name: 'Authors' }).waitFor();
    await press(page, page.getByRole('link', { name: 'New author' }));
    await page.getByRole('heading', { level: 1, name: 'New author' }).waitFor();

    await page.getByLabel('Slug').focus();
    await page.keyboard.type('nadia-brant');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Nadia Brant');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Courts reporter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Covers the crown court.');
    await page.getByLabel('Links').focus();
    await page.keyboard.type('Newsletter https://courier.example.org/courts');
    await press(page, page.getByLabel('Guest contributor'), 'Space');
    expect(await page.getByLabel('Guest contributor').isChecked()).toBe(true);
    await expectAccessible(page, 'the new author form');
    await press(page, page.getByRole('button', { name: 'Save author' }));
    await page.waitForURL('**/authors/nadia-brant');
    await page.getByRole('heading', { level: 1, name: 'Nadia Brant' }).waitFor();
    const profile = await h.api.request('GET', '/v1/authors/nadia-brant');
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ name: 'Nadia Brant', guest: true, bio: 'Covers the crown court.' });

    // The bio changes; the profile follows at once.
    const bio = page.getByLabel('Short bio');
    await expect.poll(() => bio.inputValue()).toBe('Covers the crown court.');
    await bio.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Covers the crown court and the coroner.');
    await press(page, page.getByRole('button', { name: 'Save author' }));
    await page.locator('.notice', { hasText: 'Author saved.' }).waitFor();
    expect((await h.api.request('GET', '/v1/authors/nadia-brant')).body.bio).toBe(
      'Covers the crown court and the coroner.',
    );

    // The slug is the author's identity (docs/authors.md): the form shows it, fixed, and the API
    // refuses a new one.
    expect(await page.getByLabel('Slug').count()).toBe(0);
    expect(await page.locator('form').textContent()).toMatch(/nadia-brant.*does not change/);
    const token = await h.api.token('editor', 'desk-admin');
    const rename = await h.api.request('PATCH', '/v1/admin/authors/nadia-brant', {
      token,
      json: { slug: 'nadia-brant-okafor' },
      headers: { 'If-Match': '"2"' },
    });
    expect(rename.status).toBe(422);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await screenshot(page, 'author-form-360');

    // The list shows the guest flag.
    await press(page, page.getByRole('link', { name: 'All authors' }));
    const entry = page.locator('.author-list li', { hasText: 'Nadia Brant' });
    await entry.waitFor();
    expect(await entry.textContent()).toMatch(/Courts reporter.*guest/);
    await expectAccessible(page, 'the author list');
    await screenshot(page, 'authors-360');
  });
});
