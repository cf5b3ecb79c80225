import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.ts';
import { type ArticleView, createDraft, publish } from '../support/articles.ts';
import { readAtom, readRss, readUrlset } from '../support/xmlChecks.ts';

/**
 * Access levels (issue 25 item 7) over HTTP through the local gateway: stored on the article,
 * carried in the public article, lists, search hits and the admin list, summary-only in feeds for
 * gated stories even with full text on, and marked in the structured data. The relay runs as the
 * stream function would (api.events()).
 */
let api: TestApi;
let admin: string;
let author: string;
let editor: string;
const SECTION = 'money';
const SITE = {
  baseUrl: 'https://courier.example.org',
  articlePath: '/{section}/{slug}',
  publicationName: 'The Harbour Courier',
  language: 'en',
  fullBodyInFeeds: true,
};

beforeAll(async () => {
  api = await startTestApi();
  [admin, author, editor] = await Promise.all([
    api.token('admin', 'access-admin'),
    api.token('author', 'access-writer'),
    api.token('editor', 'access-desk'),
  ]);
  const saved = await api.request('PUT', '/v1/admin/settings/site', { token: admin, json: SITE });
  expect(saved.status, saved.text).toBe(200);
});
afterAll(async () => {
  await api?.stop();
});

let unique = 0;
const PAYWALLED = 'Only subscribers read this paragraph.';
/** A live story in the test's section, relayed into lists, search, feeds and sitemaps. */
async function live(access?: string): Promise<ArticleView> {
  unique += 1;
  const draft = await createDraft(api.client(author), {
    title: `Pension fund ledger ${unique} ${Date.now()}`,
    section: SECTION,
    standfirst: 'What the ledger shows.',
    body: [{ type: 'paragraph', text: PAYWALLED }],
    ...(access ? { access: access as ArticleView['access'] } : {}),
  });
  const published = await publish(draft, { author: api.client(author), editor: api.client(editor) });
  await api.events();
  return published;
}

const guidOf = (a: Pick<ArticleView, 'id'>) => `urn:newsroom:article:${a.id}`;

describe('the access field', () => {
  it('defaults to free, keeps an explicit level, and refuses an unknown one naming the field (422, nothing saved)', async () => {
    const plain = await createDraft(api.client(author), { title: `Default access ${Date.now()}` });
    expect(plain.access).toBe('free');
    for (const access of ['registered', 'subscribers'] as const) {
      const draft = await createDraft(api.client(author), {
        title: `Explicit ${access} ${Date.now()}`,
        access,
      });
      expect(draft.access).toBe(access);
      const read = await api.request('GET', `/v1/admin/articles/${draft.id}`, { token: author });
      expect(read.body.access).toBe(access);
    }

    const title = `Premium is no level ${Date.now()}`;
    const bad = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: { title, section: SECTION, body: [{ type: 'paragraph', text: 'x' }], access: 'premium' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([
      { path: 'access', message: 'must be one of free, registered, subscribers' },
    ]);
    const mine = await api.request('GET', `/v1/admin/articles?q=${encodeURIComponent('premium level')}`, {
      token: author,
    });
    expect(mine.body.items.map((a: ArticleView) => a.title)).not.toContain(title);

    const patchBad = await api.request('PATCH', `/v1/admin/articles/${plain.id}`, {
      token: author,
      headers: { 'if-match': `"${plain.version}"` },
      json: { access: 'Subscribers' },
    });
    expect(patchBad.status).toBe(422);
    expect(patchBad.body.errors.map((e: { path: string }) => e.path)).toEqual(['access']);
    const after = await api.request('GET', `/v1/admin/articles/${plain.id}`, { token: author });
    expect(after.body).toMatchObject({ version: plain.version, access: 'free' });
  });

  it("takes the section's default when the editor names none, and keeps it when the default changes", async () => {
    const made = await api.request('POST', '/v1/admin/sections', {
      token: editor,
      json: { slug: 'members', name: 'Members', defaultAccess: 'subscribers' },
    });
    expect(made.status, made.text).toBe(201);
    const draft = await createDraft(api.client(author), {
      title: `Members' briefing ${Date.now()}`,
      section: 'members',
    });
    expect(draft.access).toBe('subscribers');
    const chosen = await createDraft(api.client(author), {
      title: `Members' open letter ${Date.now()}`,
      section: 'members',
      access: 'free',
    });
    expect(chosen.access).toBe('free');

    // The default is decided once, at create: a later change of the section's default moves nothing.
    const changed = await api.request('PATCH', '/v1/admin/sections/members', {
      token: editor,
      headers: { 'if-match': made.headers.get('etag') ?? '' },
      json: { defaultAccess: 'registered' },
    });
    expect(changed.status, changed.text).toBe(200);
    const again = await api.request('GET', `/v1/admin/articles/${draft.id}`, { token: author });
    expect(again.body.access).toBe('subscribers');
    const next = await createDraft(api.client(author), {
      title: `Members' diary ${Date.now()}`,
      section: 'members',
    });
    expect(next.access).toBe('registered');
  });

  it('changes on a live story through the normal edit and publish; restoring old words keeps it', async () => {
    const story = await live();
    const patched = await api.request('PATCH', `/v1/admin/articles/${story.id}`, {
      token: author,
      headers: { 'if-match': `"${story.version}"` },
      json: { access: 'subscribers' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({
      access: 'subscribers',
      status: 'draft',
      hasUnpublishedChanges: true,
    });
    // Until the change is published, readers still get the story as it went live.
    expect((await api.request('GET', `/v1/articles/${story.slug}`)).body.access).toBe('free');
    const republished = await publish(patched.body, {
      author: api.client(author),
      editor: api.client(editor),
    });
    await api.events();
    expect((await api.request('GET', `/v1/articles/${story.slug}`)).body.access).toBe('subscribers');

    const restored = await api.request('POST', `/v1/admin/articles/${story.id}/revisions/1/restore`, {
      token: author,
      headers: { 'if-match': `"${republished.version}"` },
    });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body.access).toBe('subscribers');
  });
});

describe('the preview page', () => {
  it('labels who may read the story, and still shows its whole text', async () => {
    const draft = await createDraft(api.client(author), {
      title: `Preview of a paywalled story ${Date.now()}`,
      body: [{ type: 'paragraph', text: PAYWALLED }],
      access: 'subscribers',
    });
    const link = await api.request('POST', `/v1/admin/articles/${draft.id}/preview`, { token: author });
    expect(link.status, link.text).toBe(201);
    const page = await api.request('GET', link.body.pageUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<span class="access">For subscribers</span>');
    expect(page.text).toContain(PAYWALLED);
  });
});

describe('carried in reads and lists', () => {
  it('the public article, section and tag lists, search hits and the admin list carry it; the body is still served', async () => {
    const free = await live();
    const paid = await live('subscribers');
    const signIn = await live('registered');

    const article = await api.request('GET', `/v1/articles/${paid.slug}`);
    expect(article.status).toBe(200);
    expect(article.body.access).toBe('subscribers');
    // The CMS labels, it does not meter: the frontend decides what a reader sees.
    expect(article.body.body).toEqual([{ type: 'paragraph', text: [{ text: PAYWALLED, marks: [] }] }]);

    const accessById = (items: { id: string; access: string }[]) =>
      Object.fromEntries(
        items.filter((i) => [free.id, paid.id, signIn.id].includes(i.id)).map((i) => [i.id, i.access]),
      );
    const expected = { [free.id]: 'free', [paid.id]: 'subscribers', [signIn.id]: 'registered' };

    for (const path of ['/v1/articles', `/v1/articles?section=${SECTION}`]) {
      const list = await api.request('GET', path);
      expect(list.status).toBe(200);
      expect(accessById(list.body.items), path).toEqual(expected);
    }
    const tagged = await api.request('GET', `/v1/articles?tag=${paid.tags[0] ?? ''}`);
    expect(tagged.body.items.find((i: { id: string }) => i.id === paid.id)?.access).toBe('subscribers');

    const hits = await api.request(
      'GET',
      `/v1/search?q=${encodeURIComponent('pension ledger')}&section=${SECTION}`,
    );
    expect(hits.status, hits.text).toBe(200);
    expect(accessById(hits.body.items)).toEqual(expected);

    const admin = await api.request('GET', `/v1/admin/articles?section=${SECTION}`, { token: editor });
    expect(accessById(admin.body.items)).toEqual(expected);
  });
});

describe('feeds', () => {
  it('carry only the summary of registered and subscribers stories, even with full text on; feeds stay valid', async () => {
    const free = await live();
    const paid = await live('subscribers');
    const signIn = await live('registered');

    const rss = await api.request('GET', `/v1/feeds/rss?section=${SECTION}`);
    expect(rss.status).toBe(200);
    const items = readRss(rss.text).items ?? [];
    const item = (a: ArticleView) => items.find((i) => i.guid?.value === guidOf(a));
    expect(item(free)?.content?.encoded).toBe(`<p>${PAYWALLED}</p>`);
    for (const gated of [paid, signIn]) {
      expect(item(gated)).toMatchObject({ title: gated.title, description: 'What the ledger shows.' });
      expect(item(gated)?.content?.encoded).toBeUndefined();
    }
    expect(rss.text.split(PAYWALLED).length - 1).toBe(items.filter((i) => i.content?.encoded).length);

    const atom = await api.request('GET', `/v1/feeds/atom?section=${SECTION}`);
    const entries = readAtom(atom.text).entries ?? [];
    const entry = (a: ArticleView) => entries.find((e) => e.id === guidOf(a));
    expect(entry(free)?.content?.type).toBe('html');
    for (const gated of [paid, signIn]) {
      expect(entry(gated)?.summary?.value).toBe('What the ledger shows.');
      expect(entry(gated)?.content).toBeUndefined();
    }
  });

  it('sitemaps list gated stories like any other', async () => {
    const paid = await live('subscribers');
    const month = new Date().toISOString().slice(0, 7);
    const urls = readUrlset((await api.request('GET', `/v1/sitemaps/${month}.xml`)).text).map((u) => u.loc);
    expect(urls).toContain(`${SITE.baseUrl}/${SECTION}/${paid.slug}`);
    const news = readUrlset((await api.request('GET', '/v1/sitemaps/news.xml')).text, { news: true });
    expect(news.map((u) => u.loc)).toContain(`${SITE.baseUrl}/${SECTION}/${paid.slug}`);
  });
});

describe('structured data', () => {
  it('a free story is accessible for free; a gated one is not, its paywalled part named by the site selector', async () => {
    const free = await live();
    const paid = await live('subscribers');
    const freeLd = (await api.request('GET', `/v1/articles/${free.slug}`)).body.jsonLd;
    expect(freeLd.isAccessibleForFree).toBe(true);
    expect(freeLd.hasPart).toBeUndefined();
    const paidLd = (await api.request('GET', `/v1/articles/${paid.slug}`)).body.jsonLd;
    expect(paidLd).toMatchObject({
      isAccessibleForFree: false,
      hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: '.paywall' },
    });

    const bad = await api.request('PUT', '/v1/admin/settings/site', {
      token: admin,
      json: { ...SITE, paywallSelector: '</script>' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['paywallSelector']);

    const saved = await api.request('PUT', '/v1/admin/settings/site', {
      token: admin,
      json: { ...SITE, paywallSelector: '.article-body .locked' },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.paywallSelector).toBe('.article-body .locked');
    const relinked = (await api.request('GET', `/v1/articles/${paid.slug}`)).body.jsonLd;
    expect(relinked.hasPart.cssSelector).toBe('.article-body .locked');

    // Left out, the selector is the default again (a PUT replaces the settings).
    const reset = await api.request('PUT', '/v1/admin/settings/site', { token: admin, json: SITE });
    expect(reset.body.paywallSelector).toBe('.paywall');
  });
});
