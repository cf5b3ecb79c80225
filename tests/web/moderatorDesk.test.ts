import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

/**
 * The moderators' desk in Chromium, by keyboard and at 360 px, over a 200-comment thread shaped
 * like a real one: counts on the queue tabs, bulk decisions by keyboard, undo, a writer's history,
 * the article filter by headline, and what the Reported queue and the settings say.
 */
let h: ConsoleHarness;
const MODERATOR = 'desk-mod';
let token: string;
let story: { id: string; slug: string; title: string };
let other: { id: string; slug: string; title: string };
/** Regulars: an email and many comments each, some decided, so their history has something to show. */
const REGULARS = [
  { name: 'Maren Holloway', email: 'maren.h@example.org' },
  { name: 'Ivo Brandt', email: 'ivo@lindengate.example.net' },
  { name: 'Priya S.', email: 'priya.s@example.com' },
];
const DROP_INS = [
  'Quayside commuter',
  'Norbeck resident',
  'Gull Cove walker',
  'J. Okafor',
  'Anna',
  'Tomasz W.',
];
const SENTENCES = [
  'The consultation papers say the avenue loses sixty plane trees, which is more than the first plan admitted.',
  'I cycle this route every day and the junction at Norbeck Road is already dangerous.',
  'Replacing mature trees with saplings is not a like-for-like swap, whatever the council says.',
  'Has anyone seen the cost figures? The article mentions £48m but not who pays if it overruns.',
  'Trams carry more people per hour than any bus lane could; this is overdue.',
  'My grandmother lives on the park side and she cannot wait for step-free access.',
  'The night works will be a nightmare for the flats on Linden Gate.',
  'Good reporting, thank you for publishing the papers in full.',
];

let client = 0;
async function post(slug: string, authorName: string, body: string, authorEmail?: string) {
  client += 1;
  const res = await h.api.request('POST', `/v1/articles/${slug}/comments`, {
    json: { authorName, body, ...(authorEmail ? { authorEmail } : {}) },
    headers: { 'user-agent': `DeskReader/${client}` },
    from: `127.0.${4 + Math.floor(client / 250)}.${(client % 250) + 1}`,
  });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

const rows = (page: Page) => page.locator('ul.comments > li');
const rowOf = (page: Page, id: string) => rows(page).filter({ has: page.locator(`[id="cm-${id}"]`) });
const counts = async () => {
  const res = await h.api.request('GET', '/v1/admin/comments/counts', { token });
  return res.body as Record<'pending' | 'reported' | 'spam', { count: number }>;
};
const statusOf = async (id: string) =>
  (await h.api.request('GET', `/v1/admin/comments/${id}/log`, { token })).body.status as string;
/** A tab's accessible name with its count ("Pending, 104 comments"; Chromium may space the comma). */
const tabName = (label: string, n: number) => new RegExp(`^${label}\\s*,\\s*${n} comments$`);
const noOverflow = (page: Page) =>
  page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');

beforeAll(async () => {
  h = await startConsole({ seed: true });
  token = await h.api.token('moderator', MODERATOR);
  const admin = await h.api.token('admin', 'desk-admin');
  const set = await h.api.request('PUT', '/v1/admin/settings/comments', {
    token: admin,
    json: { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0, reportThreshold: 0 },
  });
  expect(set.status).toBe(200);
  const live = await h.api.request('GET', '/v1/articles?limit=10');
  const [first, second] = live.body.items as (typeof story)[];
  if (!first || !second) throw new Error('the seeds have fewer than two live stories');
  [story, other] = [first, second];
  // 200 comments of real shape on one story: regulars and drop-ins, one line to a long paragraph.
  const ids: { id: string; regular: boolean }[] = [];
  for (let i = 0; i < 200; i += 20) {
    const batch = Array.from({ length: 20 }, (_, k) => {
      const n = i + k;
      const regular = REGULARS[n % 7];
      const words = Array.from({ length: 1 + (n % 5) }, (_, s) => SENTENCES[(n + s * 3) % SENTENCES.length]);
      const body = `${words.join(' ')}${n % 11 === 0 ? ` ${words.join(' ')}` : ''} (#${n + 1})`;
      return post(
        story.slug,
        regular?.name ?? DROP_INS[n % DROP_INS.length] ?? 'Reader',
        body,
        regular?.email,
      ).then((id) => ({ id, regular: !!regular }));
    });
    ids.push(...(await Promise.all(batch)));
  }
  // Decisions on the older half: approvals, rejections and spam, as a busy desk leaves them.
  const older = ids.slice(0, 100).map((c) => c.id);
  for (const [action, slice] of [
    ['approve', older.slice(0, 60)],
    ['reject', older.slice(60, 85)],
    ['spam', older.slice(85, 100)],
  ] as const) {
    const res = await h.api.request('POST', '/v1/admin/comments/moderation', {
      token,
      json: { ids: slice, action },
    });
    expect(res.status).toBe(200);
  }
});
afterAll(async () => h?.stop());

describe("the moderators' desk", () => {
  it('shows how many comments wait on the Pending, Reported and Spam tabs, at 1280 and 360 px', async () => {
    const expected = await counts();
    expect(expected.pending.count).toBeGreaterThanOrEqual(100);
    const page = await h.signIn('moderator', MODERATOR);
    await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    const pending = page.getByRole('link', { name: 'Pending' });
    await page.getByRole('link', { name: tabName('Pending', expected.pending.count) }).waitFor();
    expect(await pending.locator('.count').textContent()).toBe(`${expected.pending.count}`);
    expect(await pending.getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('link', { name: 'Spam' }).textContent()).toContain(`${expected.spam.count}`);
    await rows(page).first().waitFor();
    await expectAccessible(page, 'the queue with counts');
    await screenshot(page, 'desk-queue-counts-desktop', { fullPage: false });

    const phone = await h.signIn('moderator', MODERATOR, { width: 360 });
    await phone.getByRole('link', { name: tabName('Pending', expected.pending.count) }).waitFor();
    await rows(phone).first().waitFor();
    expect(await noOverflow(phone)).toBe(0);
    await expectAccessible(phone, 'the queue with counts at 360 px');
    await screenshot(phone, 'desk-queue-counts-360', { fullPage: false });
  });

  it('approves the selection with x and Shift+A, says so in the live region, and the count follows', async () => {
    const before = await counts();
    const page = await h.signIn('moderator', MODERATOR);
    await rows(page).first().waitFor();
    await page.keyboard.press('?');
    const help = page.getByRole('region', { name: 'Keyboard shortcuts' });
    for (const key of ['Shift+A', 'Shift+R', 'Shift+S', 'u', 'h'])
      await help.getByText(key, { exact: true }).waitFor();
    await page.keyboard.press('?');

    await page.keyboard.press('Shift+A');
    await page.getByRole('status').getByText('Nothing selected: select comments with x first.').waitFor();
    const firstTwo = await rows(page).evaluateAll((els) =>
      els.slice(0, 2).map((el) => el.querySelector('label')?.id.replace(/^cm-/, '') ?? ''),
    );
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByText('2 selected').waitFor();
    await page.keyboard.press('Shift+A');
    await page.getByRole('status').getByText('Approved: 2 comments.', { exact: true }).waitFor();
    for (const id of firstTwo) expect(await statusOf(id)).toBe('approved');
    await expect
      .poll(() => page.getByRole('link', { name: 'Pending' }).textContent())
      .toContain(`${before.pending.count - 2}`);

    // Shift+R and Shift+S act on the selection the same way.
    await page.keyboard.press('x');
    await page.keyboard.press('Shift+R');
    await page.getByRole('status').getByText('Rejected: 1 comment.', { exact: true }).waitFor();
    await page.keyboard.press('x');
    await page.keyboard.press('Shift+S');
    await page.getByRole('status').getByText('Marked as spam: 1 comment.', { exact: true }).waitFor();
  });

  it('undoes the last decision from its toast (u or the button), and says plainly when it is too late', async () => {
    const page = await h.signIn('moderator', MODERATOR);
    await rows(page).first().waitFor();
    const id =
      (await rows(page).first().locator('label').first().getAttribute('id'))?.replace(/^cm-/, '') ?? '';
    const count = (await h.api.request('GET', `/v1/articles/${story.slug}`)).body.commentCount as number;
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    await page.keyboard.press('a');
    const toast = page.getByRole('status').filter({ has: page.getByRole('button', { name: 'Undo' }) });
    await toast.getByText(/^Approved: comment by /).waitFor();
    await expect.poll(() => rowOf(page, id).count()).toBe(0);
    // The pointer on the toast holds it (time to read and act); then u from anywhere undoes.
    await toast.hover();
    await expectAccessible(page, 'the queue with the undo toast');
    await screenshot(page, 'desk-undo-toast-desktop', { fullPage: false });
    expect((await h.api.request('GET', `/v1/articles/${story.slug}`)).body.commentCount).toBe(count + 1);

    await page.mouse.move(5, 5);
    await page.keyboard.press('u');
    await page
      .getByRole('status')
      .getByText(/^Undone: comment by .* is back as it was\.$/)
      .waitFor();
    await rowOf(page, id).waitFor();
    expect(await rows(page).first().locator('label').first().getAttribute('id')).toBe(`cm-${id}`);
    expect(await statusOf(id)).toBe('pending');
    expect((await h.api.request('GET', `/v1/articles/${story.slug}`)).body.commentCount).toBe(count);

    // A colleague decides after us: our Undo is refused, and the comment stays as they left it.
    await rowOf(page, id).getByRole('button', { name: 'Reject' }).click();
    await page.getByRole('button', { name: 'Undo' }).waitFor();
    const colleague = await h.api.token('moderator', 'desk-colleague');
    await h.api.request('POST', `/v1/admin/comments/${id}/moderation`, {
      token: colleague,
      json: { action: 'approve' },
    });
    await page.getByRole('button', { name: 'Undo' }).click();
    await page
      .getByRole('status')
      .getByText(/^Not undone: The comment has been moderated again since/)
      .waitFor();
    expect(await statusOf(id)).toBe('approved');

    // At 360 px the toast fits the screen.
    const phone = await h.signIn('moderator', MODERATOR, { width: 360 });
    await rows(phone).first().getByRole('button', { name: 'Approve' }).click();
    await phone.getByRole('button', { name: 'Undo' }).waitFor();
    expect(await noOverflow(phone)).toBe(0);
    await screenshot(phone, 'desk-undo-toast-360', { fullPage: false });
    await phone.getByRole('button', { name: 'Undo' }).click();
    await phone
      .getByRole('status')
      .getByText(/^Undone: /)
      .waitFor();
  });

  it("shows a writer's earlier comments and the decisions on them beside their comment (h, or History), paged", async () => {
    const page = await h.signIn('moderator', MODERATOR);
    const regular = REGULARS[0]?.name ?? '';
    const row = rows(page)
      .filter({ has: page.getByText(regular, { exact: true }) })
      .first();
    await row.waitFor();
    await row.focus();
    await page.keyboard.press('h');
    const panel = row.getByRole('region', { name: new RegExp(`^${regular}’s earlier comments`) });
    await panel.waitFor();
    const items = panel.locator('.history-list > li');
    await expect.poll(() => items.count()).toBe(5);
    // Their older comments were decided: the decisions show, with who made them.
    await panel
      .getByText(/^(Approved|Rejected|Marked as spam) by desk-mod, /)
      .first()
      .waitFor();
    await panel.getByRole('button', { name: 'More of their comments' }).click();
    await expect.poll(() => items.count()).toBe(10);
    await expectAccessible(page, "a writer's history");
    await screenshot(page, 'desk-history-desktop', { fullPage: false });
    await page.keyboard.press('h');
    await panel.waitFor({ state: 'detached' });

    const phone = await h.signIn('moderator', MODERATOR, { width: 360 });
    const phoneRow = rows(phone)
      .filter({ has: phone.getByText(regular, { exact: true }) })
      .first();
    await phoneRow.getByRole('button', { name: 'History' }).click();
    await phoneRow.locator('.history-list > li').first().waitFor();
    expect(await noOverflow(phone)).toBe(0);
    await expectAccessible(phone, "a writer's history at 360 px");
    await phoneRow.scrollIntoViewIfNeeded();
    await screenshot(phone, 'desk-history-360', { fullPage: false });
  });

  it('filters the queue by an article found by words of its headline, by keyboard', async () => {
    await post(other.slug, 'Elsewhere', 'A comment on another story.');
    const page = await h.signIn('moderator', MODERATOR);
    await rows(page).first().waitFor();
    const box = page.getByRole('combobox', { name: 'Article' });
    const words = story.title.split(' ').slice(0, 2).join(' ');
    await box.fill(words);
    const option = page.getByRole('option', { name: new RegExp(story.title.slice(0, 20)) });
    await option.waitFor();
    await expectAccessible(page, 'the article typeahead');
    await screenshot(page, 'desk-article-filter-desktop', { fullPage: false });
    // The first found is active; arrows move through them, Enter takes the active one.
    const options = await page.getByRole('option').count();
    for (let i = 0; i < options; i += 1) {
      if ((await page.getByRole('option', { selected: true }).textContent())?.startsWith(story.title)) break;
      await box.press('ArrowDown');
    }
    await box.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('articleId')).toBe(story.id);
    await rows(page).first().waitFor();
    const onArticles = await page.locator('ul.comments .on-article a').allTextContents();
    expect(new Set(onArticles)).toEqual(new Set([story.title]));
    expect(await box.inputValue()).toBe(story.title);
    await page.getByRole('link', { name: 'Show all articles' }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('articleId')).toBeNull();
  });

  it('on a phone, Load more by keyboard takes the moderator to the first comment it brought, and j reads on', async () => {
    const page = await h.signIn('moderator', MODERATOR, { width: 360 });
    await rows(page).first().waitFor();
    const before = await rows(page).count();
    await page.keyboard.press('j');
    const more = page.getByRole('button', { name: 'Load more' });
    await more.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => rows(page).count()).toBeGreaterThan(before);
    // Not back up at the comment already read: the next one to read has focus, in view.
    const isFocused = (at: number) =>
      rows(page)
        .nth(at)
        .evaluate((el) => el === el.ownerDocument.activeElement);
    await expect.poll(() => isFocused(before)).toBe(true);
    expect(await rows(page).nth(before).getAttribute('class')).toContain('current');
    await page.keyboard.press('j');
    await expect.poll(() => isFocused(before + 1)).toBe(true);
    expect(await noOverflow(page)).toBe(0);
    await screenshot(page, 'desk-load-more-360', { fullPage: false });
  });

  it('the Reported queue shows no "every comment waits" on a live comment', async () => {
    const id = await post(other.slug, 'Plain speaker', 'The council minutes contradict this.');
    await h.api.request('POST', `/v1/admin/comments/${id}/moderation`, {
      token,
      json: { action: 'approve' },
    });
    client += 1;
    const reported = await h.api.request('POST', `/v1/articles/${other.slug}/comments/${id}/reports`, {
      json: { reason: 'off_topic' },
      headers: { 'user-agent': `DeskReporter/${client}` },
      from: '127.0.9.9',
    });
    expect(reported.status).toBe(201);
    const page = await h.signIn('moderator', MODERATOR);
    await page.getByRole('link', { name: 'Reported' }).click();
    const row = rowOf(page, id);
    await row.getByText('1 report: off topic ×1').waitFor();
    expect(await row.getByText('Pre-moderation: every comment waits').count()).toBe(0);
    // In Pending it still says why a comment waits.
    await page.getByRole('link', { name: 'Pending' }).click();
    await rows(page).first().getByText('Pre-moderation: every comment waits').waitFor();
  });

  it('words each settings error as a sentence naming the setting, beside its field and at the top', async () => {
    const page = await h.signIn('admin', 'desk-admin');
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Flood interval (seconds)').fill('100000');
    await page.getByLabel('Maximum links').fill('51');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.locator('#s-flood-error').textContent())
      .toBe('Flood interval: at most 86,400 seconds.');
    expect(await page.locator('#s-links-error').textContent()).toBe('Maximum links: at most 50 links.');
    const summary = page.getByRole('list', { name: 'What to fix' });
    expect(await summary.locator('li').allTextContents()).toEqual([
      'Maximum links: at most 50 links.',
      'Flood interval: at most 86,400 seconds.',
    ]);
    await expectAccessible(page, 'the settings with sentences');
  });
});
