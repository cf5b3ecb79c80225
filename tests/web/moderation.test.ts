import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, expectAccessible, screenshot, startConsole } from './browser.ts';

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

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
    // One full stop, also after a name that ends with one ("Stella M.").
    await page.getByText(sentence(`Approved: comment by ${first.authorName}`), { exact: true }).waitFor();
    await expect.poll(() => rows(page).count()).toBe(queue.length - 1);

    expect(await commentCount(first.article.slug)).toBe(before + 1);
    expect((await pendingQueue()).some((c) => c.id === first.id)).toBe(false);
  });

  it('features an approved comment with f and unfeatures it by its button; the public featuredCount follows', async () => {
    const token = await h.api.token('moderator', MODERATOR);
    const approved = await h.api.request('GET', '/v1/admin/comments?status=approved&limit=100', { token });
    const first = (
      approved.body as { items: { id: string; authorName: string; article: { slug: string } }[] }
    ).items[0];
    if (!first) throw new Error('no approved comment');
    const featured = async () =>
      ((await h.api.request('GET', `/v1/articles/${first.article.slug}`)).body as { featuredCount: number })
        .featuredCount;
    const before = await featured();

    const page = await h.signIn('moderator', MODERATOR);
    await page.getByRole('link', { name: 'Approved' }).click();
    await expect.poll(() => rows(page).first().locator('label').first().textContent()).toBe(first.authorName);
    await rows(page).first().focus();
    await page.keyboard.press('f');
    await page.getByText(`Featured: comment by ${first.authorName}; readers see it first.`).waitFor();
    const row = rows(page).first();
    expect(await row.locator('.featured-mark').textContent()).toBe('Featured');
    expect(await row.getByRole('button', { name: 'Unfeature' }).getAttribute('aria-pressed')).toBe('true');
    expect(await featured()).toBe(before + 1);
    await expectAccessible(page, 'an approved comment, featured');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'comments-featured-360');

    await row.getByRole('button', { name: 'Unfeature' }).click();
    await page
      .getByText(sentence(`No longer featured: comment by ${first.authorName}`), { exact: true })
      .waitFor();
    expect(await row.locator('.featured-mark').count()).toBe(0);
    expect(await featured()).toBe(before);
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
    for (const key of ['j', 'k', 'a', 'r', 's', 'x', 'b', '?'])
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
    await page.getByLabel('Suspect terms').fill('Shill\n  astroturf ');
    await page.getByLabel('Reports before a comment is held').fill('5');
    await page.getByLabel('Approved comments before a commenter is trusted').fill('2');
    await page.getByLabel('Close comments after (days)').fill('30');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    const token = await h.api.token('admin', 'admin-1');
    const saved = await h.api.request('GET', '/v1/admin/settings/comments', { token });
    expect(saved.body).toEqual({
      mode: 'post',
      maxLinks: 5,
      blockedTerms: ['casino', 'free money'],
      floodSeconds: 60,
      reportThreshold: 5,
      suspectTerms: ['shill', 'astroturf'],
      trustAfter: 2,
      closeAfterDays: 30,
    });
    await expect.poll(() => page.getByLabel('Blocked terms').inputValue()).toBe('casino\nfree money');
    expect(await page.getByLabel('Suspect terms').inputValue()).toBe('shill\nastroturf');
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
    // The live story's corrections and search fields fit the phone too.
    await phone.getByRole('region', { name: 'Corrections' }).waitFor();
    await phone.getByRole('group', { name: 'Search and sharing' }).waitFor();
    expect(
      await phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    ).toBe(0);
    await expectAccessible(phone, 'the editor at 360 px');
    await screenshot(phone, 'editor-360');
  });
});

describe('reports, reasons and bans', () => {
  let client = 0;
  const newClient = () => `ConsoleReader/${++client}`;
  // Each reader its own loopback address too: reports count once per address, and a ban holds it.
  const from = (ua: string) => `127.0.3.${Number(ua.split('/')[1]) % 250}`;

  async function settings(values: Record<string, unknown>) {
    const token = await h.api.token('admin', 'admin-1');
    const res = await h.api.request('PUT', '/v1/admin/settings/comments', {
      token,
      json: {
        mode: 'post',
        maxLinks: 2,
        blockedTerms: [],
        suspectTerms: ['shill'],
        floodSeconds: 0,
        reportThreshold: 0,
        trustAfter: 0,
        ...values,
      },
    });
    expect(res.status).toBe(200);
  }

  /** A seeded live story other than the lead one (whose thread the tests above work through). */
  async function story(n: number) {
    const res = await h.api.request('GET', '/v1/articles?limit=10');
    const item = (res.body.items as { id: string; slug: string }[])[n];
    if (!item) throw new Error('not enough seeded stories');
    return item;
  }

  async function post(slug: string, json: Record<string, unknown>, ua = newClient()) {
    const res = await h.api.request('POST', `/v1/articles/${slug}/comments`, {
      json,
      headers: { 'user-agent': ua },
      from: from(ua),
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; status: string };
  }

  async function report(
    slug: string,
    id: string,
    times: number,
    json: Record<string, unknown> = { reason: 'abuse' },
  ) {
    for (let i = 0; i < times; i++) {
      const ua = newClient();
      const res = await h.api.request('POST', `/v1/articles/${slug}/comments/${id}/reports`, {
        json,
        headers: { 'user-agent': ua },
        from: from(ua),
      });
      expect(res.status).toBe(201);
    }
  }

  it('shows beside a reply the comment it answers, at 360 px', async () => {
    await settings({});
    const { slug } = await story(5);
    const top = await post(slug, {
      authorName: 'Ana Reyes',
      body: 'The ferry timetable changes on Monday: the early crossing moves to 6:40.',
    });
    await settings({ mode: 'pre' });
    const reply = await post(slug, {
      authorName: 'Bo Lind',
      body: 'Yes, exactly. Finally.',
      parentId: top.id,
    });
    expect(reply.status).toBe('pending');
    await settings({});

    const page = await h.signIn('moderator', MODERATOR);
    await page.setViewportSize({ width: 360, height: 780 });
    await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    const row = rows(page).filter({ hasText: 'Yes, exactly. Finally.' });
    await row.waitFor();
    expect(await row.locator('.in-reply-to').textContent()).toBe(
      'Reply to Ana Reyes: “The ferry timetable changes on Monday: the early crossing moves to 6:40.”',
    );
    await row.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'a reply with what it answers');
    await screenshot(page, 'moderation-reply-context-360');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('the Reported tab lists reported comments most reported first with their counts; reasons show why a comment is held', async () => {
    await settings({});
    const { slug } = await story(1);
    const once = await post(slug, { authorName: 'Mild Reader', body: 'This is off topic, sorry.' });
    const thrice = await post(slug, { authorName: 'Loud Reader', body: 'Everyone here is a fool.' });
    const held = await post(slug, { authorName: 'Pat', body: 'The developer paid a SHILL to write this.' });
    expect([once.status, thrice.status, held.status]).toEqual(['approved', 'approved', 'pending']);
    await report(slug, once.id, 1);
    await report(slug, thrice.id, 3);

    const page = await h.signIn('moderator', MODERATOR);
    await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
    await page.getByRole('link', { name: 'Reported' }).click();
    await expect
      .poll(() => page.getByRole('link', { name: 'Reported' }).getAttribute('aria-current'))
      .toBe('page');
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(await rows(page).first().locator('label').first().textContent()).toBe('Loud Reader');
    expect(await rows(page).first().textContent()).toContain('3 reports');
    expect(await rows(page).nth(1).textContent()).toContain('1 report');
    // Reported comments are approved: no Approve, but reject, spam and back to pending.
    expect(await rows(page).first().getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await expectAccessible(page, 'the reported queue');
    await screenshot(page, 'comments-reported-desktop');

    // A decision by keyboard takes it off the queue (and closes its reports).
    await page.keyboard.press('r');
    await page.getByText('Rejected: comment by Loud Reader.').waitFor();
    await expect.poll(() => rows(page).count()).toBe(1);
    const token = await h.api.token('moderator', MODERATOR);
    const reported = await h.api.request('GET', '/v1/admin/comments/reported', { token });
    expect((reported.body.items as { id: string }[]).map((c) => c.id)).toEqual([once.id]);

    // In the pending queue, the held comment says which rule held it and on what.
    await page.getByRole('link', { name: 'Pending' }).click();
    const pat = rows(page).filter({ hasText: 'The developer paid a SHILL' });
    await pat
      .getByRole('list', { name: "Why Pat's comment is here" })
      .getByText('Suspect term “shill”')
      .waitFor();
  });

  it('keeps reported comments (button, d and bulk): their reports close, they stay up and leave the queue', async () => {
    await settings({});
    const { slug } = await story(3);
    const sharp = await post(slug, { authorName: 'Sharp Critic', body: 'The council got this badly wrong.' });
    const blunt = await post(slug, { authorName: 'Blunt Voter', body: 'Vote them out next May.' });
    const dry = await post(slug, { authorName: 'Dry Wit', body: 'Another consultation, how novel.' });
    await report(slug, sharp.id, 2);
    await report(slug, blunt.id, 1);
    await report(slug, dry.id, 1);
    const before = await commentCount(slug);

    const page = await h.signIn('moderator', MODERATOR);
    await page.goto('/comments?status=reported');
    const row = (name: string) => rows(page).filter({ hasText: name });
    await row('Sharp Critic').waitFor();
    await row('Dry Wit').waitFor();
    const keep = row('Sharp Critic').getByRole('button', { name: 'Keep', exact: true });
    expect(await keep.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await page.getByText('Keep the current reported comment and dismiss its reports').waitFor();
    await expectAccessible(page, 'the reported queue with Keep');
    await screenshot(page, 'comments-reported-keep-desktop');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();

    // The button.
    await keep.click();
    await page.getByText('Kept, reports dismissed: comment by Sharp Critic.').waitFor();
    await expect.poll(() => row('Sharp Critic').count()).toBe(0);
    // The key, on the current comment.
    await row('Blunt Voter').focus();
    await page.keyboard.press('d');
    await page.getByText('Kept, reports dismissed: comment by Blunt Voter.').waitFor();
    await expect.poll(() => row('Blunt Voter').count()).toBe(0);
    // In bulk.
    await row('Dry Wit').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Keep selected' }).click();
    await page.getByText('Kept, reports dismissed: 1 comment.').waitFor();
    await expect.poll(() => row('Dry Wit').count()).toBe(0);

    // Still up and counted, no open reports, off the queue; the log says who kept it.
    const token = await h.api.token('moderator', MODERATOR);
    const reported = await h.api.request('GET', '/v1/admin/comments/reported?limit=100', { token });
    const left = (reported.body.items as { id: string }[]).map((c) => c.id);
    for (const c of [sharp, blunt, dry]) expect(left).not.toContain(c.id);
    expect(await commentCount(slug)).toBe(before);
    const log = await h.api.request('GET', `/v1/admin/comments/${sharp.id}/log`, { token });
    expect(log.body).toMatchObject({ status: 'approved' });
    expect(log.body.entries.at(-1)).toMatchObject({ actor: MODERATOR, action: 'keep', to: 'approved' });
    // Not offered where there are no reports to dismiss.
    await page.goto('/comments?status=approved');
    await rows(page).first().waitFor();
    expect(await rows(page).getByRole('button', { name: 'Keep', exact: true }).count()).toBe(0);
  });

  it('shows each reported comment with its reports by reason and what readers wrote, as plain text, at 360 px', async () => {
    await settings({});
    const { slug } = await story(4);
    const target = await post(slug, {
      authorName: 'Harbour Heckler',
      body: 'The harbour master takes bribes, everyone knows it.',
    });
    await report(slug, target.id, 1, { reason: 'spam', text: 'Same text posted on every story' });
    await report(slug, target.id, 1, { reason: 'abuse', text: 'Accuses a named official of a crime' });
    await report(slug, target.id, 1, { reason: 'spam', text: '<img src=x onerror=alert(1)> <b>buy now</b>' });

    const page = await h.signIn('moderator', MODERATOR, { width: 360 });
    await page.goto('/comments?status=reported');
    const row = rows(page).filter({ hasText: 'Harbour Heckler' });
    await row.waitFor();
    await row.getByText('3 reports: spam ×2, abuse ×1', { exact: true }).waitFor();
    const texts = row.getByRole('list', { name: "What readers wrote reporting Harbour Heckler's comment" });
    expect(await texts.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(/^spam “?<img src=x onerror=alert\(1\)> <b>buy now<\/b>”? /),
      expect.stringMatching(/^abuse “?Accuses a named official of a crime”? /),
      expect.stringMatching(/^spam “?Same text posted on every story”? /),
    ]);
    // Shown as the characters readers typed, never as HTML.
    expect(await row.locator('.report-texts img, .report-texts b').count()).toBe(0);
    // Reached by keyboard: the most reported comment is first; j then k land on it, and the row
    // is described by its report line.
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await rows(page).first().textContent()).toContain('Harbour Heckler');
    await expect.poll(() => row.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const described = await row.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).textContent()).toBe('3 reports: spam ×2, abuse ×1');
    // Readable on a phone: nothing wider than the screen.
    expect(
      await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
    ).toBe(0);
    await expectAccessible(page, 'reported comments with what readers wrote, at 360 px');
    await screenshot(page, 'comments-reported-360');
  });

  it('bans a commenter by keyboard, rejecting their pending comments, and revokes the ban from the Bans screen', async () => {
    await settings({ mode: 'pre' });
    const { id, slug } = await story(2);
    const ua = newClient();
    const first = await post(
      slug,
      { authorName: 'Troll', authorEmail: 'troll@example.org', body: 'First insult.' },
      ua,
    );
    const second = await post(slug, { authorName: 'Troll', body: 'Second insult.' }, ua);
    const bystander = await post(slug, { authorName: 'Kind', body: 'Thanks for the update.' });

    const page = await h.signIn('moderator', MODERATOR);
    await page.goto(`/comments?status=pending&articleId=${id}`);
    await expect.poll(() => rows(page).count()).toBe(3);
    const focusedId = () => page.evaluate('document.activeElement?.id');

    // b opens the form on the current comment with focus on the reason; Escape closes it.
    await page.keyboard.press('b');
    const form = page.getByRole('form', { name: 'Ban Troll' });
    await form.waitFor();
    await expect.poll(focusedId).toBe(`ban-${first.id}-reason`);
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await expect
      .poll(() =>
        rows(page)
          .first()
          .evaluate((el) => el === el.ownerDocument.activeElement),
      )
      .toBe(true);

    await page.keyboard.press('b');
    await expect.poll(focusedId).toBe(`ban-${first.id}-reason`);
    await page.keyboard.type('Abuse of other readers');
    // Tab past Ends (left empty: until revoked; Chromium stops on each part of the date) to the
    // checkbox, on by default.
    for (let i = 0; i < 10 && (await focusedId()) !== `ban-${first.id}-reject`; i++)
      await page.keyboard.press('Tab');
    expect(await focusedId()).toBe(`ban-${first.id}-reject`);
    expect(await form.getByLabel('Also reject their comments waiting in the queue').isChecked()).toBe(true);
    await expectAccessible(page, 'the ban form');
    await screenshot(page, 'comments-ban-desktop');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('Banned Troll. 2 pending comments of theirs rejected.').waitFor();
    await expect.poll(() => rows(page).count()).toBe(1);
    expect(await rows(page).first().textContent()).toContain('Kind');
    // Focus lands on the comment now in the banned one's place, ready for the next key.
    await expect
      .poll(() =>
        rows(page)
          .first()
          .evaluate((el) => el === el.ownerDocument.activeElement),
      )
      .toBe(true);

    // The same browser cannot comment under another name; the bystander's comment is untouched.
    const renamed = await h.api.request('POST', `/v1/articles/${slug}/comments`, {
      json: { authorName: 'Not Troll', body: 'Hello again.' },
      headers: { 'user-agent': ua },
      from: from(ua),
    });
    expect(renamed.status).toBe(403);
    const token = await h.api.token('moderator', MODERATOR);
    const rejected = await h.api.request('GET', `/v1/admin/comments?status=rejected&articleId=${id}`, {
      token,
    });
    expect((rejected.body.items as { id: string }[]).map((c) => c.id).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    expect(bystander.status).toBe('pending');

    // The Bans screen lists it; revoking lets them comment again.
    await page.getByRole('link', { name: 'Bans' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bans' }).waitFor();
    const ban = page.locator('ul.bans > li').filter({ hasText: 'Troll' });
    await ban.getByText('Active until revoked').waitFor();
    expect(await ban.textContent()).toContain('Abuse of other readers');
    await expectAccessible(page, 'the bans screen');
    await screenshot(page, 'bans-desktop');
    await ban.getByRole('button', { name: 'Revoke ban on Troll' }).click();
    await page.getByText('Ban on Troll revoked: they can comment again.').waitFor();
    await ban
      .getByText(/^Revoked/)
      .first()
      .waitFor();
    expect(await ban.getByRole('button').count()).toBe(0);
    await expect.poll(() => ban.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    const again = await h.api.request('POST', `/v1/articles/${slug}/comments`, {
      json: { authorName: 'Troll', body: 'I behave now.' },
      headers: { 'user-agent': ua },
      from: from(ua),
    });
    expect(again.status).toBe(201);
  });

  it('a moderator on a phone (360 px) sees the API’s error next to the ban’s end date, and the bans list fits', async () => {
    await settings({ mode: 'pre' });
    const { id, slug } = await story(3);
    await post(slug, {
      authorName: 'Spammer With A Very Long Display Name Indeed',
      body: 'Buy now at www.example.com!!!',
    });
    const page = await h.signIn('moderator', MODERATOR, { width: 360 });
    await page.goto(`/comments?status=pending&articleId=${id}`);
    await rows(page).first().waitFor();
    await rows(page).first().getByRole('button', { name: 'Ban writer' }).click();
    const form = page.getByRole('form', { name: /^Ban Spammer/ });
    await form.getByLabel('Reason for the ban').fill('Advertising');
    await form.getByLabel(/^Ends/).fill('2020-01-01T10:00');
    await form.getByRole('button', { name: /^Ban Spammer/ }).click();
    const ends = form.getByLabel(/^Ends/);
    await expect.poll(() => ends.getAttribute('aria-invalid')).toBe('true');
    expect(await form.locator('.error').textContent()).toMatch(/future/);
    const overflow = () =>
      page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(await overflow()).toBe(0);
    await expectAccessible(page, 'the ban form at 360 px');
    await screenshot(page, 'comments-ban-360');
    // A date in the future goes through, and the notice says until when.
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}T09:30`;
    await ends.fill(local);
    await form.getByRole('button', { name: /^Ban Spammer/ }).click();
    await page
      .getByText(
        /^Banned Spammer With A Very Long Display Name Indeed until .+\. 1 pending comment of theirs rejected\.$/,
      )
      .waitFor();

    await page.getByRole('link', { name: 'Bans' }).click();
    await page.locator('ul.bans > li').first().waitFor();
    expect(await overflow()).toBe(0);
    await expectAccessible(page, 'the bans screen at 360 px');
    await screenshot(page, 'bans-360');
  });
});
