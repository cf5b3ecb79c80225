import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, startConsole } from './browser.ts';

// The article form's section picker, in Chromium at 360 px, against the real local stack.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

describe('the section picker', () => {
  it('offers the sections as the author types, saves the one picked, and names an unknown one', async () => {
    const page = await h.signIn('author', 'picker-1', { width: 360 });
    await page.goto('/articles/new');
    await page.getByLabel('Title', { exact: true }).fill('Night ferry returns');
    const section = page.getByLabel('Section');
    await section.focus();
    await page.keyboard.type('trans');
    // The suggestions come from GET /v1/sections: the typed letters narrow them to Transport.
    const options = page.locator('#a-section-options option');
    await expect
      .poll(() => options.evaluateAll((all) => all.map((o) => (o as unknown as { value: string }).value)))
      .toContain('transport');
    expect(await section.getAttribute('list')).toBe('a-section-options');
    await page.keyboard.type('port');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('The late boat is back from Friday.');
    await expectAccessible(page, 'the article form with the section picker');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.getByRole('button', { name: 'Save' }).first().waitFor();

    const token = await h.api.token('author', 'picker-1');
    const mine = await h.api.request('GET', '/v1/admin/articles?createdBy=picker-1', { token });
    expect(mine.body.items.map((a: { section: string }) => a.section)).toEqual(['transport']);

    await page.goto('/articles/new');
    await page.getByLabel('Title', { exact: true }).fill('Lost story');
    await page.getByLabel('Section').fill('nowhere');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('Nowhere to go.');
    await page.getByRole('button', { name: 'Create draft' }).click();
    const field = page.getByLabel('Section');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const id = (await field.getAttribute('aria-describedby'))?.split(' ').pop();
    expect(await page.locator(`#${id}`).textContent()).toMatch(/no section "nowhere"/);
  }, 120_000);
});
