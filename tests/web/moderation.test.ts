import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

// Moderators and admins in the console, over the seeded comment thread of the lead story.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole({ seed: true });
});
afterAll(async () => h?.stop());

const MODERATOR = 'mod-1';

async function pendingQueue() {
  const token = await h.api.token('moderator', MODERATOR);
  const res = await h.api.request('GET', '/v1/admin/comments?status=pending&limit=100', { token });
  expect(res.status).toBe(200);
  return res.body.items as {
    id: string;
    authorName: string;
    status: string;
    article: { id: string; slug: string };
  }[];
}

async function commentCount(slug: string): Promise<number> {
  const res = await h.api.request('GET', `/v1/articles/${slug}`);
  expect(res.status).toBe(200);
  return res.body.commentCount as number;
}

const rows = (page: Page) => page.locator('ul.comments > li');

describe('moderation queue', () => {
  it('a moderator approves a pending comment with the keyboard and the public commentCount goes up by one', async () => {
    const queue = await pendingQueue();
    expect(queue.length).toBeGreaterThan(2);
    const first = queue[0];
    if (!first) throw new Error('no pending comment');
    const before = await commentCount(first.article.slug);

    const page = await h.signIn('moderator', MODERATOR);
    await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    await page.getByRole('link', { name: 'Pending' }).waitFor();
    expect(await page.getByRole('link', { name: 'Pending' }).getAttribute('aria-current')).toBe('page');
    await expect.poll(() => rows(page).count()).toBe(queue.length);
    // Oldest first, with the article's title beside each comment.
    expect(await rows(page).first().locator('label').first().textContent()).toBe(first.authorName);
    expect(await rows(page).first().textContent()).toContain('On ');
    await expectAccessible(page, 'the moderation queue');
    await screenshot(page, 'comments-desktop');

    await page.keyboard.press('j');
    await expect.poll(() => rows(page).nth(1).getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('k');
    await expect.poll(() => rows(page).first().getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('a');
    await page.getByText(`Approved: comment by ${first.authorName}.`).waitFor();
    await expect.poll(() => rows(page).count()).toBe(queue.length - 1);

    expect(await commentCount(first.article.slug)).toBe(before + 1);
    expect((await pendingQueue()).some((c) => c.id === first.id)).toBe(false);
  });

  it('shows the keys with ?, and selects with x for a bulk action with per-comment results', async () => {
    const queue = await pendingQueue();
    const [a, b] = queue;
    if (!a || !b) throw new Error('need two pending comments');
    const page = await h.signIn('moderator', MODERATOR);
    await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    await expect.poll(() => rows(page).count()).toBe(queue.length);

    await page.keyboard.press('?');
    const help = page.getByRole('region', { name: 'Keyboard shortcuts' });
    await help.waitFor();
    for (const key of ['j', 'k', 'a', 'r', 's', 'x', '?'])
      await help.getByText(key, { exact: true }).waitFor();
    await expectAccessible(page, 'the queue with the keyboard help');
    await screenshot(page, 'comments-keyboard-help-desktop');
    await page.keyboard.press('?');
    await help.waitFor({ state: 'detached' });

    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Reject selected' }).click();
    await page.getByText('Rejected: 2 comments.').waitFor();
    await expect.poll(() => rows(page).count()).toBe(queue.length - 2);
    const token = await h.api.token('moderator', MODERATOR);
    const rejected = await h.api.request('GET', '/v1/admin/comments?status=rejected&limit=100', { token });
    const ids = (rejected.body.items as { id: string }[]).map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([a.id, b.id]));

    // Select all on this page selects every comment shown.
    await page.getByLabel('Select all on this page').check();
    await page.getByText(`${queue.length - 2} selected`).waitFor();

    // The Rejected tab lists them, with the actions that make sense there.
    await page.getByRole('link', { name: 'Rejected' }).click();
    await page.getByText(a.authorName, { exact: true }).first().waitFor();
    await rows(page).first().getByRole('button', { name: 'Back to pending' }).waitFor();
    expect(await rows(page).first().getByRole('button', { name: 'Reject' }).count()).toBe(0);
  });

  it('works at 360 px wide (a moderator on a phone)', async () => {
    const page = await h.signIn('moderator', MODERATOR, { width: 360 });
    await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    await rows(page).first().waitFor();
    const overflow = await page.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBe(0);
    await expectAccessible(page, 'the queue at 360 px');
    await screenshot(page, 'comments-360');
    await rows(page).first().getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/^Approved: comment by /).waitFor();
  });
});

describe('admin settings and roles', () => {
  it('an admin changes the comment settings, and a bad value is shown next to its field', async () => {
    const page = await h.signIn('admin', 'admin-1');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Comment settings' }).waitFor();
    await page.getByLabel('Post-moderation: comments that pass the checks appear at once').check();
    await page.getByLabel('Maximum links').fill('5');
    await page.getByLabel('Blocked terms').fill('Casino\nfree money');
    await page.getByLabel('Flood interval (seconds)').fill('60');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const token = await h.api.token('admin', 'admin-1');
    const saved = await h.api.request('GET', '/v1/admin/settings/comments', { token });
    expect(saved.body).toEqual({
      mode: 'post',
      maxLinks: 5,
      blockedTerms: ['casino', 'free money'],
      floodSeconds: 60,
      // The settings the form does not show come back too (defaults here; the form sends them as read).
      reportThreshold: 3,
      suspectTerms: [],
      trustAfter: 0,
      closeAfterDays: null,
    });
    await expect.poll(() => page.getByLabel('Blocked terms').inputValue()).toBe('casino\nfree money');
    await expectAccessible(page, 'the settings form');
    await screenshot(page, 'settings-desktop');

    await page.getByLabel('Maximum links').fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const field = page.getByLabel('Maximum links');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#s-links-error').textContent()).toMatch(/50/);
    await expectAccessible(page, 'the settings form with an error');
  });

  it('shows each role only what it may use', async () => {
    const author = await h.signIn('author', 'dev-author');
    await author.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    expect(await author.getByRole('link', { name: 'Comments' }).count()).toBe(0);
    expect(await author.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    await expectAccessible(author, 'the article list with seeded content');
    await screenshot(author, 'list-desktop');
    const phone = await h.signIn('editor', 'desk-2', { width: 360 });
    await phone.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    await phone.getByRole('link').filter({ hasText: 'Tram extension' }).first().waitFor();
    const overflow = await phone.evaluate(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBe(0);
    await expectAccessible(phone, 'the article list at 360 px');
    await screenshot(phone, 'list-360');
    await phone.getByRole('link').filter({ hasText: 'Tram extension' }).first().click();
    await phone.getByRole('heading', { level: 1, name: /^Edit/ }).waitFor();
    await expectAccessible(phone, 'the editor at 360 px');
    await screenshot(phone, 'editor-360');
  });
});
