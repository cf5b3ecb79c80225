import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleHarness, startConsole } from './browser.ts';

// Hostile content stored through the API, opened in the console by everyone who may see it: no
// script of the content ever runs, every rendered address is http(s) or mailto, and the article
// saves back unchanged.
let h: ConsoleHarness;
beforeAll(async () => {
  h = await startConsole();
});
afterAll(async () => h?.stop());

const AUTHOR = 'reporter-hostile';
const PWN = 'window.__pwned=1';
/** Valid https URLs that used to turn into a javascript: link once the console re-read its own markup. */
const HOSTILE_HREFS = [
  'https://news.example.org/a)[source](javascript:alert(document.domain))',
  `https://news.example.org/b)[x](javascript:void(${PWN}))`,
  `https://news.example.org/c"onmouseover="${PWN}`,
  `https://news.example.org/d\\](javascript:void(${PWN}))`,
  `mailto:desk@example.org?subject=)[mail](javascript:void(${PWN}))`,
];
const HOSTILE_TEXT = [
  `<script>${PWN}</script>`,
  `<img src=x onerror="${PWN}">`,
  `[click me](javascript:void(${PWN}))`,
  '**not bold** *nor italic* \\ [a][1]',
];
const link = (text: string, href: string, rel?: string) => ({
  text,
  marks: [{ type: 'link', href, ...(rel ? { rel } : {}) }],
});
const plain = (text: string) => ({ text, marks: [] });

const hostileArticle = {
  title: `Council papers ${HOSTILE_TEXT[0]}`,
  section: 'city',
  standfirst: `${HOSTILE_TEXT[1]} ${HOSTILE_TEXT[2]}`,
  byline: HOSTILE_TEXT[0],
  tags: ['council'],
  source: { name: HOSTILE_TEXT[2], url: `https://source.example.org/"><img src=x onerror=${PWN}>` },
  body: [
    {
      type: 'paragraph',
      text: [
        plain('The '),
        link('council papers', HOSTILE_HREFS[0] as string),
        plain(` were published. ${HOSTILE_TEXT[3]}`),
        { text: 'Bold link', marks: [{ type: 'bold' }, { type: 'link', href: HOSTILE_HREFS[1] }] },
      ],
    },
    { type: 'heading', level: 2, text: [link('Heading link', HOSTILE_HREFS[2] as string, 'nofollow')] },
    {
      type: 'quote',
      before: [link('before', HOSTILE_HREFS[3] as string)],
      text: [plain(HOSTILE_TEXT[1] as string)],
      after: [link('after', HOSTILE_HREFS[4] as string, 'nofollow noopener')],
      attribution: HOSTILE_TEXT[0],
    },
    {
      type: 'list',
      ordered: false,
      items: [[link('item link', HOSTILE_HREFS[1] as string)], [plain(HOSTILE_TEXT[2] as string)]],
    },
    {
      type: 'image',
      src: `https://img.example.org/x.png?"><script>${PWN}</script>`,
      alt: HOSTILE_TEXT[1],
      caption: HOSTILE_TEXT[0],
    },
    { type: 'embed', url: `https://embed.example.org/?u=javascript:${PWN}` },
  ],
  seo: {
    metaTitle: HOSTILE_TEXT[0],
    metaDescription: HOSTILE_TEXT[2],
    canonicalUrl: `https://canonical.example.org/)[c](javascript:void(${PWN}))`,
    socialImageUrl: `https://social.example.org/i.png?"><img src=x onerror=${PWN}>`,
  },
};

/** What the page must never see: a dialog, the flag set, or a CSP violation (an attempt blocked). */
async function watch(context: BrowserContext, page: Page) {
  const seen: string[] = [];
  await context.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations = [...(window.__violations ?? []), e.violatedDirective + ' ' + e.blockedURI];
  });`);
  page.on('dialog', (dialog) => {
    seen.push(`dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Nothing leaves this machine: an external page a link opens is a stub.
  await context.route(
    (url) => url.origin !== h.api.url,
    (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'external' }),
  );
  context.on('page', (opened) => {
    if (opened !== page) void opened.close();
  });
  return seen;
}

const ALLOWED = new Set(['https:', 'http:', 'mailto:']);

/** Every address the page renders (href, src, action), with what it resolves to. */
async function renderedAddresses(page: Page): Promise<{ attr: string; value: string; scheme: string }[]> {
  return page.evaluate(`[...document.querySelectorAll('[href], [src], [action], [formaction]')].flatMap((el) =>
    ['href', 'src', 'action', 'formaction']
      .filter((a) => el.hasAttribute(a))
      .map((a) => {
        const value = el.getAttribute(a) ?? '';
        return { attr: el.tagName.toLowerCase() + '[' + a + ']', value, scheme: new URL(value, document.baseURI).protocol };
      }),
  )`);
}

/** Whether anything of the content ran: the flag it sets, and what the policy blocked. */
async function pwned(page: Page) {
  return page.evaluate(`({ pwned: window.__pwned ?? null, violations: window.__violations ?? [] })`);
}

async function createHostile(): Promise<{ id: string; stored: Record<string, unknown> }> {
  const token = await h.api.token('author', AUTHOR);
  const res = await h.api.request('POST', '/v1/admin/articles', { token, json: hostileArticle });
  expect(res.status, res.text).toBe(201);
  return { id: res.body.id, stored: res.body };
}

const content = (a: Record<string, unknown>) => ({
  body: a.body,
  seo: a.seo,
  source: a.source,
  standfirst: a.standfirst,
  byline: a.byline,
  tags: a.tags,
  leadImage: a.leadImage,
});

describe('hostile content in the editor', () => {
  it.each([
    ['author', AUTHOR],
    ['editor', 'desk-hostile'],
    ['admin', 'admin-hostile'],
  ])('runs no script of it for the %s, whatever link is clicked', async (role, sub) => {
    const { id, stored } = await createHostile();
    const page = await h.signIn(role, sub);
    const seen = await watch(page.context(), page);
    await page.goto(`/articles/${id}`);
    const here = page.url();
    await page.getByRole('heading', { level: 1, name: /^Edit “Council papers/ }).waitFor();

    // The text is text: no element came out of it.
    expect(await page.locator('form script, form img[onerror], [onmouseover]').count()).toBe(0);
    for (const { attr, value, scheme } of await renderedAddresses(page)) {
      expect(ALLOWED.has(scheme) || value.startsWith('/'), `${attr}="${value}"`).toBe(true);
    }
    // The stored link is shown as stored, from its span, not re-read from text.
    const preview = page.getByRole('link', { name: 'council papers' });
    expect(await preview.getAttribute('href')).toBe(HOSTILE_HREFS[0]);

    const links = page.locator('form.article-form a[href]');
    const count = await links.count();
    expect(count).toBeGreaterThanOrEqual(6);
    for (let i = 0; i < count; i += 1) {
      await links.nth(i).click();
      if (page.url() !== here) await page.goto(here);
      await page.getByRole('heading', { level: 1, name: /^Edit “Council papers/ }).waitFor();
    }
    await page.waitForTimeout(200);
    expect(seen).toEqual([]);
    expect(await pwned(page)).toEqual({ pwned: null, violations: [] });

    // The history page shows the same words, as text.
    await page.goto(`/articles/${id}/history`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('script:not([src]), img[onerror]').count()).toBe(0);
    expect(await pwned(page)).toEqual({ pwned: null, violations: [] });

    // An untouched stored article is what the API has: an edit elsewhere saves, and the console
    // sends the body it read byte for byte.
    if (role !== 'editor') return;
    // What the API holds (and so what the console read): taken over HTTP, since the page's own
    // response can be gone once a late answer of the previous screen matched the wait instead.
    const asRead = (
      await h.api.request('GET', `/v1/admin/articles/${id}`, { token: await h.api.token('editor', sub) })
    ).body as Record<string, unknown>;
    await page.goto(`/articles/${id}`);
    await page.getByLabel('Title', { exact: true }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Council papers, updated');
    const patch = page.waitForRequest((r) => r.method() === 'PATCH');
    await page.getByRole('button', { name: 'Save' }).click();
    const sent = (await patch).postDataJSON() as Record<string, unknown>;
    expect(JSON.stringify(sent.body)).toBe(JSON.stringify(asRead.body));
    const answered = (await (await (await patch).response())?.json()) as { body: unknown[] };
    await page.getByText('Saved.', { exact: true }).waitFor();
    const token = await h.api.token('editor', sub);
    const saved = await h.api.request('GET', `/v1/admin/articles/${id}`, { token });
    expect(saved.body.title).toBe('Council papers, updated');
    expect(content(saved.body)).toEqual(content(stored));

    // Editing the text around a stored link keeps the link as it was, and every other block as read.
    // The cursor at the end of the first paragraph (after its bold link), as a click there puts it.
    await page.getByRole('textbox', { name: 'Body' }).focus();
    await page.evaluate(`(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector('#a-body p'));
      range.collapse(false);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    })()`);
    await page.keyboard.type(' More.');
    const patchAgain = page.waitForRequest((r) => r.method() === 'PATCH');
    await page.getByRole('button', { name: 'Save' }).click();
    const sentAgain = (await patchAgain).postDataJSON() as { body: unknown[] };
    expect(JSON.stringify(sentAgain.body.slice(1))).toBe(JSON.stringify(answered.body.slice(1)));
    await page.getByText('Saved.', { exact: true }).waitFor();
    const again = await h.api.request('GET', `/v1/admin/articles/${id}`, { token });
    const spans = again.body.body[0].text as { text: string; marks: unknown[] }[];
    expect(spans.find((s) => s.text === 'council papers')?.marks).toEqual([
      { type: 'link', href: HOSTILE_HREFS[0] },
    ]);
    expect(spans.find((s) => s.text === 'Bold link')?.marks).toEqual([
      { type: 'bold' },
      { type: 'link', href: HOSTILE_HREFS[1] },
    ]);
    expect(spans.at(-1)?.text.endsWith(' More.')).toBe(true);
    expect(again.body.body.slice(1)).toEqual((stored.body as unknown[]).slice(1));
    expect(await pwned(page)).toEqual({ pwned: null, violations: [] });
  });

  it('and a script that got into the page anyway does not run: the console is served with its CSP', async () => {
    const page = await h.signIn('editor', 'desk-csp');
    await watch(page.context(), page);
    const answer = await page.goto('/');
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    // What an injection would add: an inline script, a handler attribute, a javascript: link.
    await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__pwned = "inline"';
      document.body.append(script);
      const img = document.createElement('img');
      img.setAttribute('onerror', 'window.__pwned = "handler"');
      img.src = '/nothing.png';
      document.body.append(img);
      const a = document.createElement('a');
      a.href = 'javascript:window.__pwned = "link"';
      a.textContent = 'injected';
      a.id = 'injected';
      document.body.append(a);
    })()`);
    await page.locator('#injected').click();
    await expect
      .poll(async () => ((await pwned(page)) as { violations: string[] }).violations.length)
      .toBe(3);
    expect(await pwned(page)).toMatchObject({ pwned: null });
  });

  it('leaves the local API reference working: /docs (Swagger UI) is not the console and has no console policy', async () => {
    const page = await h.browser.newPage();
    try {
      const answer = await page.goto(`${h.api.url}/docs`);
      expect(answer?.headers()['content-security-policy']).toBeUndefined();
      await page
        .locator('.opblock-summary-path', { hasText: '/v1/articles' })
        .first()
        .waitFor({ timeout: 15_000 });
    } finally {
      await page.close();
    }
  });
});
