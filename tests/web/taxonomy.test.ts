import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';
import { createTaxonomy, TOP_SECTIONS } from './fixtures/taxonomy.ts';

// Sections, tags and the article form's pickers, in Chromium at 360 px by keyboard, against the
// real local stack with a newsroom's taxonomy: 30 sections in two levels, 200 tags.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole({ sections: TOP_SECTIONS });
  await createTaxonomy(h.api);
});
afterAll(async () => h?.stop());

const focused = (page: Page) => page.evaluate<string>('document.activeElement?.id ?? ""');
const noSideScroll = async (page: Page) =>
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(360);
/** The text of the last element a field's aria-describedby names: its error. */
async function errorOf(page: Page, id: string) {
  const field = page.locator(`#${id}`);
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const last = (await field.getAttribute('aria-describedby'))?.split(' ').pop();
  return page.locator(`#${last}`).textContent();
}

describe('the Sections screen', () => {
  it('an editor creates a child section by keyboard, is told of a bad slug on the field, renames it (the old slug answers 301), and is refused deleting a parent', async () => {
    const page = await h.signIn('editor', 'desk-sections', { width: 360 });
    await page.getByRole('link', { name: 'Sections' }).click();
    // The tree: children nested under their parent.
    await page.locator('.section-tree .section-tree').first().waitFor();
    const ferries = page
      .locator('.section-tree-top > li', { hasText: 'Transport' })
      .getByRole('link', { name: 'Ferries' });
    await ferries.waitFor();
    await expectAccessible(page, 'the section tree');
    await noSideScroll(page);
    await screenshot(page, 'sections-tree-360');

    await page.getByRole('link', { name: 'New section' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New section' }).waitFor();
    await page.getByLabel('Name', { exact: true }).focus();
    await page.keyboard.type('Waterfront');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('sf-slug');
    await page.keyboard.type('Waterfront News');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('sf-parent');
    await page.keyboard.type('City');
    expect(await page.locator('#sf-parent').inputValue()).toBe('city');
    await page.keyboard.press('Tab');
    await page.keyboard.type('News from the quays and the pier.');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('sf-access');
    await page.keyboard.type('reg');
    expect(await page.locator('#sf-access').inputValue()).toBe('registered');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Waterfront news from Port Aldry');
    await page.keyboard.press('Enter');
    // The API's 422 is on the slug field, not only in a banner.
    expect(await errorOf(page, 'sf-slug')).toMatch(/lowercase slug/);
    await expectAccessible(page, 'the section form with an error');
    await screenshot(page, 'section-form-error-360');
    await page.getByLabel('Slug').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('waterfront-news');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/sections/waterfront-news');
    await page.getByRole('heading', { level: 1, name: 'Waterfront' }).waitFor();
    const created = await h.api.request('GET', '/v1/sections/waterfront-news');
    expect(created.body).toMatchObject({
      parent: 'city',
      depth: 2,
      defaultAccess: 'registered',
      description: 'News from the quays and the pier.',
      seo: { title: 'Waterfront news from Port Aldry' },
    });

    // Rename: the form says what happens to the old address before it is done.
    const slug = page.getByLabel('Slug');
    const hint = (await slug.getAttribute('aria-describedby'))?.split(' ')[0];
    expect(await page.locator(`#${hint}`).textContent()).toMatch(/\/v1\/sections\/waterfront-news.*301/);
    await slug.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('waterfront');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/sections/waterfront');
    await expect.poll(() => page.getByLabel('Slug').inputValue()).toBe('waterfront');
    const old = await h.api.request('GET', '/v1/sections/waterfront-news');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toMatch(/\/v1\/sections\/waterfront$/);
    await noSideScroll(page);
    await screenshot(page, 'section-form-360');

    // City has sections below it: the API's refusal shows beside the button.
    await page.goto('/sections/city');
    await page.getByRole('button', { name: 'Delete this section' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Yes, delete this section' }).focus();
    await page.keyboard.press('Enter');
    const refusal = page.locator('.delete-action [role="alert"]');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/below|children|sections/i);
    expect((await h.api.request('GET', '/v1/sections/city')).status).toBe(200);
    await screenshot(page, 'section-delete-refused-360');

    // A leaf goes.
    await page.goto('/sections/waterfront');
    await page.getByRole('button', { name: 'Delete this section' }).click();
    await page.getByRole('button', { name: 'Yes, delete this section' }).click();
    await page.waitForURL(/\/sections$/);
    expect((await h.api.request('GET', '/v1/sections/waterfront')).status).toBe(404);
  });
});

describe('the Tags screen', () => {
  it('pages 200 tags, narrows them by what is typed, and renames one (the old slug answers 301)', async () => {
    const page = await h.signIn('editor', 'desk-tags', { width: 360 });
    await page.getByRole('link', { name: 'Tags' }).click();
    const items = page.locator('.tag-list li');
    await expect.poll(() => items.count()).toBe(50);
    await page.getByRole('button', { name: 'More tags' }).click();
    await expect.poll(() => items.count()).toBe(100);
    await page.getByLabel('Find tags').focus();
    await page.keyboard.type('Ferry');
    await expect.poll(() => items.count()).toBe(10);
    expect(await items.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Ferry strike/)]),
    );
    await expectAccessible(page, 'the tag list');
    await noSideScroll(page);
    await screenshot(page, 'tags-360');

    await page.getByRole('link', { name: 'Ferry strike' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/tags/ferry-strike');
    const slug = page.getByLabel('Slug');
    await expect.poll(() => slug.inputValue()).toBe('ferry-strike');
    await slug.focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('ferry-walkout');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('Ferry walkout');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/tags/ferry-walkout');
    const old = await h.api.request('GET', '/v1/tags/ferry-strike');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toMatch(/\/v1\/tags\/ferry-walkout$/);
    expect((await h.api.request('GET', '/v1/tags/ferry-walkout')).body).toMatchObject({
      name: 'Ferry walkout',
    });
    await expectAccessible(page, 'the tag form');
  });
});

describe('the article form’s pickers', () => {
  it('picks a section by its path and three tags by keyboard (two found, one created), and a save round-trips them', async () => {
    const SUB = 'picker-tags';
    const page = await h.signIn('author', SUB, { width: 360 });
    await page.goto('/articles/new');
    await page.getByLabel('Title', { exact: true }).fill('Night ferry returns');

    const section = page.getByLabel('Section', { exact: true });
    await section.focus();
    await page.keyboard.type('ferr');
    const sectionList = page.locator('#a-section-list');
    await expect
      .poll(() => sectionList.getByRole('option').allTextContents())
      .toEqual(['Transport › Ferries']);
    await page.keyboard.press('Enter');
    expect(await section.inputValue()).toBe('Transport › Ferries');

    const tags = page.getByLabel('Tags', { exact: true });
    const suggestions = page.locator('#a-tags-list').getByRole('option');
    await tags.focus();
    await page.keyboard.type('ferry-fa');
    // What is typed is also offered as a new tag, after the ones that exist.
    await expect
      .poll(() => suggestions.allTextContents())
      .toEqual(['Ferry fares ferry-fares', 'Create tag ‘ferry-fa’']);
    await page.keyboard.press('Enter');
    await page.keyboard.type('Harbour s');
    await expect.poll(() => suggestions.count()).toBe(3);
    await page.keyboard.press('ArrowDown');
    expect(await tags.getAttribute('aria-activedescendant')).toBe('a-tags-option-1');
    await expectAccessible(page, 'the tag picker open');
    await screenshot(page, 'tag-picker-open-360', { fullPage: false });
    await page.keyboard.press('Tab');
    await page.keyboard.type('night-boats');
    await expect.poll(() => suggestions.allTextContents()).toEqual(['Create tag ‘night-boats’']);
    await page.keyboard.press('Enter');
    const chips = page.locator('.chip > span');
    await expect
      .poll(() => chips.allTextContents())
      .toEqual(['Ferry fares', 'Harbour strike', 'Night boats']);
    // Backspace in the empty field takes the last one off; typed again, it is now a known tag.
    await page.keyboard.press('Backspace');
    await expect.poll(() => chips.allTextContents()).toEqual(['Ferry fares', 'Harbour strike']);
    await page.keyboard.type('night-b');
    await expect
      .poll(() => suggestions.allTextContents())
      .toEqual(['Night boats night-boats', 'Create tag ‘night-b’']);
    await page.keyboard.press('Enter');
    await expect.poll(() => chips.count()).toBe(3);
    await noSideScroll(page);

    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('The late boat is back from Friday.');
    await expectAccessible(page, 'the article form with its pickers');
    await screenshot(page, 'article-pickers-360');
    await page.getByRole('button', { name: 'Create draft' }).click();
    await page.waitForURL(/\/articles\/[0-9A-Z]{26}$/);

    const token = await h.api.token('author', SUB);
    const saved = async () => {
      const mine = await h.api.request('GET', `/v1/admin/articles?createdBy=${SUB}`, { token });
      const id = mine.body.items[0].id as string;
      return (await h.api.request('GET', `/v1/admin/articles/${id}`, { token })).body;
    };
    expect(await saved()).toMatchObject({
      section: 'ferries',
      tags: ['ferry-fares', 'harbour-strike', 'night-boats'],
    });

    // Read again and saved with only the standfirst changed: section and tags are as they were.
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Section', { exact: true }).inputValue())
      .toBe('Transport › Ferries');
    await expect
      .poll(() => chips.allTextContents())
      .toEqual(['Ferry fares', 'Harbour strike', 'Night boats']);
    await page.getByLabel('Standfirst').focus();
    await page.keyboard.type('Services resume.');
    await page.getByRole('button', { name: 'Save', exact: true }).first().click();
    await expect.poll(async () => (await saved()).version).toBe(2);
    expect(await saved()).toMatchObject({
      standfirst: 'Services resume.',
      section: 'ferries',
      tags: ['ferry-fares', 'harbour-strike', 'night-boats'],
    });
  });

  it('names an unknown section on the field', async () => {
    const page = await h.signIn('author', 'picker-unknown', { width: 360 });
    await page.goto('/articles/new');
    await page.getByLabel('Title', { exact: true }).fill('Lost story');
    await page.getByLabel('Section', { exact: true }).focus();
    await page.keyboard.type('nowhere');
    await page.getByRole('textbox', { name: 'Body' }).click();
    await page.keyboard.type('Nowhere to go.');
    await page.getByRole('button', { name: 'Create draft' }).click();
    expect(await errorOf(page, 'a-section')).toMatch(/no section "nowhere"/);
    await expectAccessible(page, 'the article form with an unknown section');
  });
});
