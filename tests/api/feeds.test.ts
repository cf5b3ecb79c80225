import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CACHE } from '../../shared/http/routes/define.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { type ArticleView, createDraft, publish, transition } from '../support/articles.ts';
import { readAtom, readRss, readSitemapIndex, readUrlset } from '../support/xmlChecks.ts';

/**
 * Feeds, sitemaps and structured data over HTTP through the local gateway, with the relay run as
 * the stream function would (api.events() relays what the tables' streams hold).
 */
let api: TestApi;
let admin: string;
let author: string;
let editor: string;
const SITE = {
  baseUrl: 'https://courier.example.org',
  articlePath: '/{section}/{yyyy}/{slug}',
  publicationName: 'The Harbour Courier',
  language: 'en-gb',
  fullBodyInFeeds: true,
  mediaBaseUrl: 'https://cms.courier.example.org',
};

beforeAll(async () => {
  api = await startTestApi();
  [admin, author, editor] = await Promise.all([
    api.token('admin', 'site-admin'),
    api.token('author', 'feeds-writer'),
    api.token('editor', 'feeds-desk'),
  ]);
  const saved = await api.request('PUT', '/v1/admin/settings/site', { token: admin, json: SITE });
  expect(saved.status, saved.text).toBe(200);
});
afterAll(async () => {
  await api?.stop();
});

let unique = 0;
/** A live story, relayed into the feeds and sitemaps. */
async function live(overrides: Record<string, unknown> = {}): Promise<ArticleView> {
  unique += 1;
  const draft = await createDraft(api.client(author), {
    title: `Ferry timetable changes ${unique} ${Date.now()}`,
    section: 'harbour',
    tags: [`ferries-${unique}`],
    byline: 'By Ana Reporter and Ben Writer',
    ...overrides,
  });
  const published = await publish(draft, { author: api.client(author), editor: api.client(editor) });
  await api.events();
  return published;
}

const year = () => new Date().getUTCFullYear();
const urlOf = (a: Pick<ArticleView, 'section' | 'slug'>) =>
  `${SITE.baseUrl}/${a.section}/${year()}/${a.slug}`;

describe('site settings', () => {
  it('admins read and replace them; bad values are 422 naming the field and change nothing', async () => {
    const read = await api.request('GET', '/v1/admin/settings/site', { token: admin });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ ...SITE, updatedBy: 'site-admin' });
    const bad = await api.request('PUT', '/v1/admin/settings/site', {
      token: admin,
      json: {
        ...SITE,
        articlePath: '/{section}/{title}',
        baseUrl: 'ftp://x.example.org',
        language: 'English',
      },
    });
    expect(bad.status).toBe(422);
    expect([...new Set(bad.body.errors.map((e: { path: string }) => e.path))].sort()).toEqual([
      'articlePath',
      'baseUrl',
      'language',
    ]);
    expect((await api.request('GET', '/v1/admin/settings/site', { token: admin })).body).toMatchObject(SITE);
    for (const token of [author, editor]) {
      expect((await api.request('GET', '/v1/admin/settings/site', { token })).status).toBe(403);
      const put = await api.request('PUT', '/v1/admin/settings/site', { token, json: SITE });
      expect(put.status).toBe(403);
    }
  });
});

describe('RSS and Atom feeds', () => {
  it('list a new story with its link, summary, dates, authors, categories and body, as RSS and Atom', async () => {
    const story = await live({
      standfirst: 'Two sailings a day from Monday & no more <late> boats.',
      body: [
        {
          type: 'paragraph',
          text: [
            { text: 'Fares rise ', marks: [] },
            { text: 'by 5%', marks: [{ type: 'bold' }] },
          ],
        },
        { type: 'quote', text: 'We listened.', attribution: 'Operator' },
      ],
    });
    const rss = await api.request('GET', '/v1/feeds/rss');
    expect(rss.status, rss.text).toBe(200);
    expect(rss.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
    expect(rss.headers.get('cache-control')).toBe(PUBLIC_CACHE);
    expect(rss.headers.get('etag')).toMatch(/^"[\w-]{22}"$/);
    const feed = readRss(rss.text);
    expect(feed.title).toBe('The Harbour Courier');
    expect(feed.language).toBe('en-gb');
    const item = feed.items?.find((i) => i.guid?.value === `urn:newsroom:article:${story.id}`);
    expect(item).toMatchObject({
      title: story.title,
      link: urlOf(story),
      description: 'Two sailings a day from Monday & no more <late> boats.',
      dc: { creators: ['Ana Reporter', 'Ben Writer'] },
      categories: [{ name: 'harbour' }, { name: story.tags[0] }],
    });
    expect(item?.content?.encoded).toBe(
      '<p>Fares rise <strong>by 5%</strong></p>\n<blockquote><p>“We listened.”</p><footer>Operator</footer></blockquote>',
    );
    expect(new Date(item?.pubDate ?? '').getTime()).toBe(
      Math.floor(Date.parse(story.publishedAt ?? '') / 1000) * 1000,
    );

    const atom = await api.request('GET', `/v1/feeds/atom?section=harbour`);
    expect(atom.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const entry = readAtom(atom.text).entries?.find((e) => e.id === `urn:newsroom:article:${story.id}`);
    expect(entry).toMatchObject({
      title: { value: story.title },
      links: [{ href: urlOf(story), rel: 'alternate' }],
      authors: [{ name: 'Ana Reporter' }, { name: 'Ben Writer' }],
      summary: { value: 'Two sailings a day from Monday & no more <late> boats.' },
      content: { type: 'html' },
    });
    expect(entry?.published).toBe(new Date(story.publishedAt ?? '').toISOString());
  });

  it('has a feed per section, tag and author (the slug of a byline name); one filter at most', async () => {
    const story = await live({ section: 'courts', byline: 'Cleo Marsh' });
    const ids = async (query: string) =>
      readRss((await api.request('GET', `/v1/feeds/rss${query}`)).text).items?.map((i) => i.guid?.value) ??
      [];
    const guid = `urn:newsroom:article:${story.id}`;
    expect(await ids('?section=courts')).toContain(guid);
    expect(await ids(`?tag=${story.tags[0]}`)).toEqual([guid]);
    expect(await ids('?author=cleo-marsh')).toEqual([guid]);
    expect(await ids('?section=harbour')).not.toContain(guid);
    // A feed of nothing yet is an empty feed, so a reader can subscribe before the first story.
    expect(await ids('?tag=no-story-has-this-tag')).toEqual([]);
    const both = await api.request('GET', '/v1/feeds/rss?section=courts&tag=x');
    expect(both.status).toBe(400);
    expect(both.headers.get('content-type')).toContain('application/problem+json');
    expect((await api.request('GET', '/v1/feeds/atom?author=Not%20A%20Slug')).status).toBe(400);
  });

  it('answers HEAD and If-None-Match like the other public reads', async () => {
    const first = await api.request('GET', '/v1/feeds/atom');
    const etag = first.headers.get('etag') ?? '';
    const again = await api.request('GET', '/v1/feeds/atom', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await api.request('HEAD', '/v1/feeds/rss');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(head.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
  });

  it('carries hostile text as text: markup, CDATA ends and control characters cannot break out', async () => {
    const title = 'Council says </title><script>alert(1)</script> & "quotes" ]]> too';
    const story = await live({
      title,
      body: [{ type: 'paragraph', text: 'Close the CDATA ]]> then <img src=x onerror=alert(1)>' }],
    });
    const rss = readRss((await api.request('GET', '/v1/feeds/rss')).text);
    const item = rss.items?.find((i) => i.guid?.value === `urn:newsroom:article:${story.id}`);
    expect(item?.title).toBe(title);
    expect(item?.content?.encoded).toBe(
      '<p>Close the CDATA ]]&gt; then &lt;img src=x onerror=alert(1)&gt;</p>',
    );
    const atom = readAtom((await api.request('GET', '/v1/feeds/atom')).text);
    const entry = atom.entries?.find((e) => e.id === `urn:newsroom:article:${story.id}`);
    expect(entry?.title?.value).toBe(title);
    expect(entry?.content?.value).toBe(
      '<p>Close the CDATA ]]&gt; then &lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });

  it('drops a story that is unpublished, and shows a correction', async () => {
    const story = await live();
    const guid = `urn:newsroom:article:${story.id}`;
    const corrected = await api.request('POST', `/v1/admin/articles/${story.id}/corrections`, {
      token: editor,
      headers: { 'if-match': `"${story.version}"` },
      json: { text: 'The first sailing is at 07:10, not 07:00.' },
    });
    expect(corrected.status, corrected.text).toBe(200);
    await api.events();
    const article = await api.request('GET', `/v1/articles/${story.slug}`);
    expect(article.body.jsonLd.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'The first sailing is at 07:10, not 07:00.',
        datePublished: corrected.body.corrections[0].at,
      },
    ]);

    await transition(api.client(editor), corrected.body, 'unpublish');
    await api.events();
    for (const path of [
      '/v1/feeds/rss',
      `/v1/feeds/rss?tag=${story.tags[0]}`,
      '/v1/feeds/rss?author=ana-reporter',
    ]) {
      const items = readRss((await api.request('GET', path)).text).items ?? [];
      expect(
        items.map((i) => i.guid?.value),
        path,
      ).not.toContain(guid);
    }
    const news = readUrlset((await api.request('GET', '/v1/sitemaps/news.xml')).text, {
      news: true,
      allowEmpty: true,
    });
    expect(news.map((u) => u.loc)).not.toContain(urlOf(story));
  });
});

describe('sitemaps', () => {
  it('the Google News sitemap holds exactly the stories first published in the last 48 hours', async () => {
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
    const imported = await api.request('POST', '/v1/admin/imports', {
      token: admin,
      json: {
        articles: [47, 49].map((h) => ({
          externalId: `feeds-test:${h}h:${Date.now()}`,
          title: `Archived ${h} hours ago ${Date.now()}`,
          section: 'harbour',
          body: [{ type: 'paragraph', text: 'From the archive.' }],
          publishedAt: hoursAgo(h),
          updatedAt: hoursAgo(h),
        })),
      },
    });
    expect(imported.status, imported.text).toBe(200);
    const fresh = await live({ title: `Fresh news ${Date.now()}` });
    await api.events();
    const res = await api.request('GET', '/v1/sitemaps/news.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe(PUBLIC_CACHE);
    const urls = readUrlset(res.text, { news: true });
    // Everything in it was first published within 48 hours, newest first.
    for (const url of urls) {
      expect(Date.now() - Date.parse(url.news?.publicationDate ?? '')).toBeLessThanOrEqual(48 * 3600_000);
    }
    const titles = urls.map((u) => u.news?.title);
    expect(titles).toContain(fresh.title);
    expect(titles.some((t) => t?.startsWith('Archived 47 hours ago'))).toBe(true);
    expect(titles.some((t) => t?.startsWith('Archived 49 hours ago'))).toBe(false);
    expect(urls.find((u) => u.news?.title === fresh.title)).toMatchObject({
      loc: urlOf(fresh),
      news: { name: 'The Harbour Courier', language: 'en' },
    });
  });

  it('the index lists the news sitemap and each month with live stories; a month lists them with lastmod', async () => {
    const story = await live();
    const index = await api.request('GET', '/v1/sitemaps/index.xml');
    expect(index.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    const sitemaps = readSitemapIndex(index.text);
    const month = new Date(story.publishedAt ?? '').toISOString().slice(0, 7);
    expect(sitemaps.map((s) => s.loc)).toEqual(
      expect.arrayContaining([`${SITE.baseUrl}/sitemaps/news.xml`, `${SITE.baseUrl}/sitemaps/${month}.xml`]),
    );
    const urls = readUrlset((await api.request('GET', `/v1/sitemaps/${month}.xml`)).text);
    expect(urls).toContainEqual({ loc: urlOf(story), lastmod: new Date(story.updatedAt).toISOString() });
    // No story was first published in 1999, and a name that is no sitemap names nothing.
    for (const name of ['1999-01.xml', '2026-13.xml', 'sitemap.xml']) {
      const missing = await api.request('GET', `/v1/sitemaps/${name}`);
      expect(missing.status, name).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
    }
  });
});

describe('structured data', () => {
  it('the public article carries a NewsArticle with its people, image, publisher and section', async () => {
    const story = await live({ seo: { metaDescription: 'Two sailings a day.' } });
    const res = await api.request('GET', `/v1/articles/${story.slug}`);
    expect(res.status).toBe(200);
    expect(res.body.jsonLd).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      '@id': urlOf(story),
      url: urlOf(story),
      mainEntityOfPage: { '@type': 'WebPage', '@id': urlOf(story) },
      headline: story.title,
      description: 'Two sailings a day.',
      datePublished: new Date(story.publishedAt ?? '').toISOString(),
      dateModified: new Date(res.body.updatedAt).toISOString(),
      author: [
        { '@type': 'Person', name: 'Ana Reporter' },
        { '@type': 'Person', name: 'Ben Writer' },
      ],
      publisher: { '@type': 'NewsMediaOrganization', name: 'The Harbour Courier', url: SITE.baseUrl },
      articleSection: 'harbour',
      keywords: story.tags,
      inLanguage: 'en-gb',
      isAccessibleForFree: true,
    });
  });
});
