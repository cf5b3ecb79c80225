import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONSOLE_DIST } from '../../infra/local/console.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { createDraft, publish } from '../support/articles.ts';
import { CHROMIUM, expectAccessible, screenshot } from './browser.ts';

/**
 * The comments widget as a reader meets it: the demo reader page served at 127.0.0.1, the widget
 * and the API at localhost (another origin, as a newsroom's site and its CMS), in Chromium, over
 * the seeded content on fresh tables.
 */
const LEAD = 'tram-extension-would-fell-60-trees-in-linden-park-council-papers-reveal';
const QUIET = 'parking-charges-set-to-rise-as-council-tries-to-close-4-2m-budget-gap';
const BUSY = 'old-rope-works-to-reopen-as-home-for-40-small-firms';

let api: TestApi;
let browser: Browser;
let moderator: string;
let editor: string;
let admin: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}`);
  api = await startTestApi({ seed: true, consoleDir: CONSOLE_DIST });
  browser = await chromium.launch({ executablePath: CHROMIUM });
  [moderator, editor, admin] = await Promise.all([
    api.token('moderator', 'mo'),
    api.token('editor', 'erin'),
    api.token('admin', 'ada'),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await api?.stop();
});

const demoUrl = (slug: string) => `${api.url.replace('//localhost', '//127.0.0.1')}/embed/demo/${slug}`;

/** The newsroom's console, signed in as a moderator, on the CMS's own origin. */
async function moderatorConsole(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: api.url });
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Role').selectOption('moderator');
  await page.getByLabel('User id').fill('mo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Comments' }).waitFor();
  return page;
}

interface Reader {
  page: Page;
  /** Content-Security-Policy refusals and script errors seen on the page. */
  problems: string[];
  open(slug: string): Promise<void>;
}

/** A reader's browser (its own storage), at a width; zoom 2 renders it as at 200%. */
let readers = 0;

async function reader({ width = 1280, zoom = 1 } = {}): Promise<Reader> {
  const context = await browser.newContext({
    viewport: { width: Math.round(width / zoom), height: Math.round(900 / zoom) },
    deviceScaleFactor: zoom,
    // Each reader is a browser of their own: the API tells readers apart by address and browser,
    // so one test's comment does not make the next reader "too fast" (the flood window).
    userAgent: `Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0 Safari/537.36 reader-${++readers}`,
  });
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return {
    page,
    problems,
    async open(slug) {
      await page.goto(demoUrl(slug));
      await page
        .locator('[part~=heading]')
        .filter({ hasText: /comment/i })
        .waitFor();
      await page.locator('[part~=root] p').filter({ hasText: 'Loading' }).waitFor({ state: 'detached' });
    },
  };
}

/** What went wrong on the page, less the browser's note of each refusal the widget answered in words. */
const errors = (r: Reader) =>
  r.problems.filter((p) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(p));
const items = (page: Page) => page.locator('ol[part~=list] > li > article');
const publicArticle = async (slug: string) => (await api.request('GET', `/v1/articles/${slug}`)).body;
const thread = async (slug: string, query = '') =>
  (await api.request('GET', `/v1/articles/${slug}/comments?limit=100${query}`)).body.items as {
    id: string;
    authorName: string;
    body: string;
    replyCount: number;
  }[];
/** The text of what has focus inside the widget. */
const focused = (page: Page) =>
  page.evaluate<string>(`(() => {
    const active = document.querySelector('newsroom-comments')?.shadowRoot?.activeElement;
    return active ? active.tagName + ' ' + (active.getAttribute('part') ?? '') + ' ' + active.textContent : '';
  })()`);
const live = (page: Page) => page.locator('[role=status]');

async function setSettings(values: Record<string, unknown>) {
  const current = await api.request('GET', '/v1/admin/settings/comments', { token: admin });
  const res = await api.request('PUT', '/v1/admin/settings/comments', {
    token: admin,
    json: { ...current.body, ...values },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

describe('the comments widget on a newsroom page', () => {
  it('is loaded from another origin than the page, under the page’s own strict CSP', async () => {
    const r = await reader();
    const scripts: string[] = [];
    r.page.on('request', (request) => scripts.push(request.url()));
    await r.open(LEAD);
    const pageOrigin = new URL(r.page.url()).origin;
    expect(pageOrigin).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const apiCalls = scripts.filter((url) => url.includes('/v1/'));
    expect(apiCalls.length).toBeGreaterThan(0);
    for (const url of [...apiCalls, ...scripts.filter((u) => u.includes('/embed/comments'))]) {
      expect(new URL(url).origin, url).toBe(api.url);
    }
    // Nothing but the page, the widget and its API: no third party, no cookies.
    expect(scripts.every((url) => url.startsWith(pageOrigin) || url.startsWith(api.url))).toBe(true);
    expect(await r.page.context().cookies()).toEqual([]);
    // The page's CSS (buttons hot pink, letter-spacing) does not reach inside.
    const look = await r.page.evaluate<string[]>(`(() => {
      const style = getComputedStyle(document.querySelector('newsroom-comments').shadowRoot.querySelector('[part~=submit]'));
      return [style.backgroundColor, style.letterSpacing];
    })()`);
    expect(look).toEqual(['rgb(11, 87, 208)', 'normal']);
    expect(errors(r)).toEqual([]);
    await r.page.context().close();
  });

  it('reads the seeded thread, featured first, sorts it and opens replies', async () => {
    const oldest = await thread(LEAD);
    const star = oldest[3];
    if (!star) throw new Error('the seeded thread is shorter than expected');
    const featured = await api.request('POST', `/v1/admin/comments/${star.id}/moderation`, {
      token: moderator,
      json: { action: 'feature' },
    });
    expect(featured.status).toBe(200);
    const { commentCount } = await publicArticle(LEAD);

    const r = await reader();
    await r.open(LEAD);
    const { page } = r;
    await expect.poll(() => page.locator('[part~=heading]').textContent()).toBe(`${commentCount} comments`);
    // Featured comments first, marked.
    const featuredSection = page.locator('section[part~=featured]');
    await expect.poll(() => featuredSection.locator('article').count()).toBe(1);
    expect(await featuredSection.textContent()).toContain(star.body);
    expect(await featuredSection.locator('[part~=badge]').textContent()).toBe('Featured');
    // The thread, oldest first, as the API lists it.
    expect(await items(page).first().locator('[part~=author]').textContent()).toBe(oldest[0]?.authorName);
    expect(await items(page).count()).toBe(oldest.length);

    // Sorting: newest first, by keyboard.
    const newest = await thread(LEAD, '&sort=newest');
    await page.getByLabel('Sort by').focus();
    await page.getByLabel('Sort by').selectOption('newest');
    await expect
      .poll(() => items(page).first().locator('[part~=author]').textContent())
      .toBe(newest[0]?.authorName);
    await expect.poll(() => live(page).textContent()).toContain('Newest first');

    // Replies: "show N replies" under their parent, opened with the keyboard.
    const parent = oldest.find((c) => c.replyCount >= 2);
    if (!parent) throw new Error('no seeded comment with two replies');
    const replies = (await api.request('GET', `/v1/articles/${LEAD}/comments/${parent.id}/replies`)).body
      .items;
    const show = page.locator(`#c-${parent.id}`).locator('[part~=show-replies]');
    expect(await show.textContent()).toBe(`Show ${parent.replyCount} replies`);
    await show.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => show.getAttribute('aria-expanded')).toBe('true');
    const shown = page.locator(`#r-${parent.id} > li > article`);
    await expect.poll(() => shown.count()).toBe(replies.length);
    expect(await shown.first().locator('[part~=body]').textContent()).toBe(replies[0].body);

    await expectAccessible(page, 'the thread with replies open');
    await screenshot(page, 'widget-thread-desktop');
    expect(errors(r)).toEqual([]);
    await page.context().close();
  });

  it('posts by keyboard: held for review, announced, pending for its writer only; approved, it is in the thread', async () => {
    const before = (await publicArticle(LEAD)).commentCount as number;
    const r = await reader({ width: 360 });
    await r.open(LEAD);
    const { page } = r;
    const text = `Will the trees be replanted in the park itself? ${Date.now()}`;
    // Keyboard only: the page has nothing focusable before the widget's form.
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatch(/^INPUT input/);
    await page.keyboard.type('Keyboard reader');
    await page.keyboard.press('Tab');
    await page.keyboard.type('keys@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type(text);
    expect(await page.locator('[part~=counter]').first().textContent()).toBe(
      `${text.length} of 2,000 characters`,
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');

    await expect.poll(() => live(page).textContent()).toContain('Your comment is held for review.');
    // Focus on the answer, which says why in plain words.
    expect(await focused(page)).toContain('A moderator reads it before it appears');
    const mine = items(page).first();
    expect(await mine.locator('[part~=body]').textContent()).toBe(text);
    expect(await mine.locator('[part~=badge]').textContent()).toBe('Pending review: only you can see this');
    expect(await page.locator('[part~=heading]').textContent()).toBe(`${before} comments`);
    await expectAccessible(page, 'a comment held for review');
    await screenshot(page, 'widget-held-360');

    // Still pending for its writer after a reload; another browser does not see it.
    await r.open(LEAD);
    expect(await items(page).first().locator('[part~=body]').textContent()).toBe(text);
    const other = await reader();
    await other.open(LEAD);
    expect(await other.page.locator('[part~=root]').textContent()).not.toContain(text);

    // A moderator approves it in the console: the pending queue, searched by its words.
    const queue = await api.request('GET', '/v1/admin/comments?status=pending&limit=100', {
      token: moderator,
    });
    const held = (queue.body.items as { id: string; body: string }[]).find((c) => c.body === text);
    if (!held) throw new Error('the comment is not in the pending queue');
    // The queue's search reads the index, which the relay feeds within seconds.
    await expect
      .poll(
        async () =>
          (await api.request('GET', '/v1/admin/comments?status=pending&q=replanted', { token: moderator }))
            .body.items.length,
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    const desk = await moderatorConsole();
    await desk.getByLabel('Search this queue').fill('replanted');
    const row = desk.locator('ul.comments > li').filter({ hasText: text });
    // The queue is drawn again when the search answers (under load, seconds later): a click on the
    // row as first listed finds it detached, so click once the searched list holds it.
    await vi.waitFor(() => row.getByRole('button', { name: 'Approve' }).click({ timeout: 5_000 }), {
      timeout: 30_000,
      interval: 250,
    });
    await expect.poll(() => row.count()).toBe(0);
    const decided = await api.request('GET', '/v1/admin/comments?status=approved&limit=100', {
      token: moderator,
    });
    expect((decided.body.items as { id: string }[]).map((c) => c.id)).toContain(held.id);
    await desk.context().close();

    await r.open(LEAD);
    await expect.poll(() => page.locator('[part~=heading]').textContent()).toBe(`${before + 1} comments`);
    const inThread = page.locator(`ol[part~=list] #c-${held.id}`);
    expect(await inThread.locator('[part~=body]').textContent()).toBe(text);
    expect(await inThread.locator('[part~=badge]').count()).toBe(0);
    expect(await page.evaluate<string[]>('Object.keys(localStorage)')).toEqual([]);
    expect(errors(r)).toEqual([]);
    await page.context().close();
    await other.page.context().close();
  });

  it('answers every refusal in words, next to the field when a field is wrong', async () => {
    const r = await reader();
    await r.open(LEAD);
    const { page } = r;
    // Nothing filled in: each field says what it needs, and focus goes to the first.
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('#new-name-err').textContent()).toContain('Enter your name');
    expect(await page.locator('#new-body-err').textContent()).toContain('Write your comment');
    expect(await page.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    expect(await focused(page)).toMatch(/^INPUT/);
    await expectAccessible(page, 'a form with field errors');

    // Too fast: a second comment right after the first, from the same reader: the API says wait.
    await page.getByLabel('Name').fill('Quick reader');
    await page.getByLabel('Your comment').fill(`What about the bus lane? ${Date.now()}`);
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => page.locator('#new-note').textContent()).toContain('held for review');
    await page.getByLabel('Your comment').fill('And the north path?');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect
      .poll(() => page.locator('#new-note').textContent())
      .toMatch(/too fast\. Please wait \d+ seconds/);
    expect(await page.getByLabel('Your comment').inputValue()).toBe('And the north path?');
    expect(errors(r)).toEqual([]);
    await page.context().close();
  });

  it('reports a comment with a reason; a second report is explained, not an error', async () => {
    const [target] = await thread(LEAD, '&sort=newest');
    if (!target) throw new Error('no comment');
    const r = await reader();
    await r.open(LEAD);
    const { page } = r;
    const send = async () => {
      const report = page.locator(`ol[part~=list] #c-${target.id}`).locator('[part~=report]');
      await report.focus();
      await page.keyboard.press('Enter');
      await page.getByRole('radio', { name: 'Spam or advertising' }).check();
      await page.getByRole('button', { name: 'Send report' }).click();
    };
    await send();
    await expect.poll(() => focused(page)).toContain('Thank you. The moderators will look at this comment.');
    const reported = await api.request('GET', '/v1/admin/comments/reported?limit=100', { token: moderator });
    expect((reported.body.items as { id: string }[]).map((c) => c.id)).toContain(target.id);

    await r.open(LEAD);
    await send();
    await expect.poll(() => focused(page)).toContain('You have already reported this comment.');
    await expectAccessible(page, 'a report answered');
    expect(errors(r)).toEqual([]);
    await page.context().close();
  });

  it('shows no comments yet, a thread closed while the reader writes, and a story without comments', async () => {
    const r = await reader();
    await r.open(QUIET);
    const { page } = r;
    expect(await page.locator('[part~=empty]').textContent()).toBe(
      'No comments yet. Be the first to comment.',
    );
    expect(await page.locator('[part~=heading]').textContent()).toBe('Comments');

    // Closed by an editor after the page loaded: the post is refused, the widget says so.
    const { id } = await publicArticle(QUIET);
    const closed = await api.request('POST', `/v1/admin/articles/${id}/thread`, {
      token: editor,
      json: { action: 'close', reason: 'Legal advice' },
    });
    expect(closed.status).toBe(200);
    await page.getByLabel('Name').fill('Late reader');
    await page.getByLabel('Your comment').fill('Is it too late to object?');
    await page.getByRole('button', { name: 'Post comment' }).click();
    await expect.poll(() => focused(page)).toContain('Comments have just been closed');
    expect(await page.locator('form').count()).toBe(0);

    await r.open(QUIET);
    expect(await page.locator('[part~=notice]').textContent()).toBe(
      'Comments are closed on this story. You can still read them.',
    );
    expect(await page.locator('form').count()).toBe(0);
    await expectAccessible(page, 'a closed thread');

    // A story published with comments off.
    const author = api.client(await api.token('author', 'alice'));
    const draft = await createDraft(author, {
      commentsEnabled: false,
      title: 'Harbour notices for the week',
    });
    const live = await publish(draft, { author, editor: api.client(editor) });
    await r.open(live.slug);
    expect(await page.locator('[part~=notice]').textContent()).toBe(
      'Comments are not available on this story.',
    );
    expect(errors(r)).toEqual([]);
    await page.context().close();
  });

  it('pages a 200-comment thread with load more, focus on the first new comment; fits 360 px and 200% zoom', async () => {
    await setSettings({ mode: 'post', floodSeconds: 0 });
    try {
      const names = ['Harbour regular', 'Rope Walk neighbour', 'Millbrook reader', 'Small firm owner'];
      for (let start = 0; start < 200; start += 40) {
        await Promise.all(
          Array.from({ length: 40 }, (_, k) => start + k).map(async (n) => {
            const res = await api.request('POST', `/v1/articles/${BUSY}/comments`, {
              headers: { 'user-agent': `widget-seed/${n}` },
              json: {
                authorName: `${names[n % names.length]} ${n + 1}`,
                body: `Comment ${n + 1}: the old rope works has stood empty for years; ${n % 3 ? 'good news for the quay.' : 'will there be parking, and who pays for the roof?'}`,
              },
            });
            expect(res.status, JSON.stringify(res.body)).toBe(201);
          }),
        );
      }
    } finally {
      await setSettings({ mode: 'pre', floodSeconds: 30 });
    }
    const total = (await publicArticle(BUSY)).commentCount as number;
    expect(total).toBeGreaterThanOrEqual(200);
    // Posted forty at a time, they are in the thread in the order the API took them: the first
    // comment of the second page is the thread's 21st, whichever number its text carries.
    const twentyFirst = (await thread(BUSY))[20];
    if (!twentyFirst) throw new Error('the thread has fewer than 21 comments');

    for (const [width, zoom, name] of [
      [1280, 1, 'widget-200-desktop'],
      [360, 1, 'widget-200-360'],
      [1280, 2, 'widget-200-zoom200'],
    ] as const) {
      const r = await reader({ width, zoom });
      await r.open(BUSY);
      const { page } = r;
      expect(await page.locator('[part~=heading]').textContent()).toBe(`${total} comments`);
      await expect.poll(() => items(page).count()).toBe(20);
      const more = page.getByRole('button', { name: 'Load more comments' });
      await more.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => items(page).count()).toBe(40);
      // Focus on the first comment just loaded; announced.
      expect(await focused(page)).toContain(twentyFirst.body);
      await expect.poll(() => live(page).textContent()).toBe('20 more comments loaded.');
      // Nothing wider than the screen.
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - window.innerWidth',
      );
      expect(overflow, `${name}: page wider than its viewport`).toBeLessThanOrEqual(0);
      if (width === 360) await expectAccessible(page, 'a long thread at 360 px');
      await screenshot(page, name);
      expect(errors(r)).toEqual([]);
      await page.context().close();
    }
  }, 240_000);
});
