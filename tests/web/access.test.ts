import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// An author sets who may read a story; the article list labels it; the API keeps it.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

describe('access in the console', () => {
  it('an author at 360 px reaches the access select by keyboard, picks Subscribers, saves, and the list labels the story', async () => {
    const AUTHOR = 'access-author';
    const page = await h.signIn('author', AUTHOR, { width: 360 });
    await page.getByRole('button', { name: 'New article' }).click();
    await page.getByRole('heading', { level: 1, name: 'New article' }).waitFor();
    const title = `Pension fund ledger ${Date.now()}`;
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Section').fill('money');
    await page.getByLabel('Tags').focus();
    // From the tags, Tab reaches the access select; its help says what it does.
    await page.keyboard.press('Tab');
    const access = page.getByLabel('Access');
    await expect.poll(() => access.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await access.inputValue()).toBe('');
    expect(await page.locator('#a-access-hint').textContent()).toMatch(/Feeds carry only the summary/);
    await access.selectOption({ label: 'Subscribers' });
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('What the ledger shows.');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
    await expectAccessible(page, 'the new article form with access');
    await screenshot(page, 'access-new-360');

    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByText('Draft created.', { exact: true }).waitFor();
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const token = await h.api.token('author', AUTHOR);
    const saved = await h.api.request('GET', `/v1/admin/articles/${id}`, { token });
    expect(saved.body.access).toBe('subscribers');
    // A saved article has a level of its own: the section default is no longer offered.
    expect(await page.getByLabel('Access').inputValue()).toBe('subscribers');
    expect(await page.getByLabel('Access').locator('option').allTextContents()).toEqual([
      'Free',
      'Registered readers',
      'Subscribers',
    ]);

    await page.goto('/articles');
    const row = page.getByRole('row').filter({ hasText: title });
    await row.getByText('Subscribers', { exact: true }).waitFor();
    await expectAccessible(page, 'the article list with an access label');
    await screenshot(page, 'access-list-360');
  });
});
