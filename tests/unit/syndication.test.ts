import { describe, expect, it } from 'vitest';
import { textDefaults } from '../../shared/schemas/articleFields.ts';
import { type SiteSettings, SiteSettingsSchema } from '../../shared/schemas/site.ts';
import { DEFAULT_SITE_SETTINGS } from '../../shared/schemas/siteDefaults.ts';
import { authorsOf } from '../../shared/syndication/authors.ts';
import type { FeedEntry } from '../../shared/syndication/entries.ts';
import { atomFeed, type FeedContext, rssFeed } from '../../shared/syndication/feeds.ts';
import { bodyHtml } from '../../shared/syndication/html.ts';
import { newsArticleJsonLd } from '../../shared/syndication/jsonLd.ts';
import { articleUrl, mediaUrl } from '../../shared/syndication/links.ts';
import { monthSitemap, newsLanguage, newsSitemap, sitemapIndex } from '../../shared/syndication/sitemaps.ts';
import { cdata, xmlAttr, xmlText } from '../../shared/syndication/xml.ts';
import { readAtom, readRss, readSitemapIndex, readUrlset } from '../support/xmlChecks.ts';

const site: SiteSettings = {
  ...DEFAULT_SITE_SETTINGS,
  baseUrl: 'https://courier.example.org',
  articlePath: '/{section}/{yyyy}/{mm}/{dd}/{slug}',
  publicationName: 'The Harbour Courier & Gazette',
  fullBodyInFeeds: true,
  mediaBaseUrl: 'https://cms.courier.example.org',
};
const HOSTILE = 'A </title><script>alert("x")</script> & ]]> \u0001\u0008\uFFFE \uD800 end';
const entry = (overrides: Partial<FeedEntry> = {}): FeedEntry => ({
  id: '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
  slug: 'tram-extension',
  section: 'city',
  title: 'Tram extension would fell 60 trees',
  summary: 'Council papers reveal the route.',
  authors: authorsOf('By Mara Quist and Jo Reed'),
  tags: ['trams', 'parks'],
  publishedAt: '2026-11-24T07:15:00+01:00',
  updatedAt: '2026-11-24T09:00:00.000Z',
  leadImage: {
    mediaId: '01KAX4C7M2D5F8H1J4K6N9P3QR',
    src: '/media/renditions/01KAX4C7/2048.webp',
    srcset: '',
    width: 3000,
    height: 2000,
    alt: 'Plane trees "along" the <avenue>',
    caption: null,
    credit: 'Mara Quist / Courier',
  },
  access: 'free',
  body: [{ type: 'paragraph', text: [{ text: 'The papers say 14.', marks: [] }] }],
  corrections: [],
  ...overrides,
});
const context = (overrides: Partial<FeedContext> = {}): FeedContext => ({
  site,
  scope: { kind: 'all' },
  path: '/v1/feeds/rss',
  now: new Date('2026-12-01T00:00:00Z'),
  ...overrides,
});

describe('XML text', () => {
  it('escapes markup and drops what XML 1.0 cannot carry (controls, U+FFFE, lone surrogates)', () => {
    expect(xmlText(HOSTILE)).toBe(
      'A &lt;/title&gt;&lt;script&gt;alert("x")&lt;/script&gt; &amp; ]]&gt;   end',
    );
    expect(xmlAttr('"quoted" & \'single\'\nline')).toBe(
      '&quot;quoted&quot; &amp; &apos;single&apos;&#10;line',
    );
    // A character outside the BMP is kept whole.
    expect(xmlText('Zürich 🚋')).toBe('Zürich 🚋');
  });

  it('splits a CDATA end so HTML with ]]> stays inside the section', () => {
    expect(cdata('a ]]> b')).toBe('<![CDATA[a ]]]]><![CDATA[> b]]>');
  });
});

describe('the body as HTML', () => {
  it('escapes every text, keeps marks and safe links, and resolves image paths', () => {
    const html = bodyHtml(
      [
        {
          type: 'paragraph',
          text: [
            { text: '<b>not bold</b> ', marks: [] },
            { text: 'bold', marks: [{ type: 'bold' }] },
            {
              text: ' link',
              marks: [{ type: 'link', href: 'https://x.example.org/?a=1&b="2"', rel: 'nofollow' }],
            },
            { text: ' js', marks: [{ type: 'link', href: 'javascript:alert(1)' }] },
          ],
        },
        { type: 'heading', level: 2, text: [{ text: 'H & h', marks: [] }] },
        { type: 'list', ordered: true, items: [[{ text: 'one', marks: [{ type: 'italic' }] }]] },
        {
          type: 'image',
          src: '/media/r/1.webp',
          alt: 'A "tree"',
          width: 4,
          height: 3,
          caption: 'Cap <tion>',
          credit: 'Cred',
          mediaId: 'm',
        },
        { type: 'embed', url: 'https://video.example.org/v?x=1&y=2' },
      ],
      (src) => mediaUrl(site, src),
    );
    expect(html).toBe(
      [
        '<p>&lt;b&gt;not bold&lt;/b&gt; <strong>bold</strong><a href="https://x.example.org/?a=1&amp;b=&quot;2&quot;" rel="nofollow"> link</a> js</p>',
        '<h2>H &amp; h</h2>',
        '<ol><li><em>one</em></li></ol>',
        '<figure><img src="https://cms.courier.example.org/media/r/1.webp" alt="A &quot;tree&quot;" width="4" height="3"><figcaption>Cap &lt;tion&gt; — Cred</figcaption></figure>',
        '<p><a href="https://video.example.org/v?x=1&amp;y=2">https://video.example.org/v?x=1&amp;y=2</a></p>',
      ].join('\n'),
    );
  });
});

describe('links and authors', () => {
  it('fills the path template from the story (dates in UTC) and resolves media paths', () => {
    expect(articleUrl(site, entry())).toBe('https://courier.example.org/city/2026/11/24/tram-extension');
    expect(mediaUrl({ ...site, mediaBaseUrl: undefined }, '/media/x.webp')).toBe(
      'https://courier.example.org/media/x.webp',
    );
    expect(mediaUrl(site, 'https://elsewhere.example.org/x.jpg')).toBe('https://elsewhere.example.org/x.jpg');
  });

  it('reads the people of a free-text byline, each keyed by a slug of the name', () => {
    expect(authorsOf('By Mara Quist, Jo Reed & Ana Lund and Zoë Ørsted')).toEqual([
      { name: 'Mara Quist', key: 'mara-quist' },
      { name: 'Jo Reed', key: 'jo-reed' },
      { name: 'Ana Lund', key: 'ana-lund' },
      { name: 'Zoë Ørsted', key: 'zoe-rsted' },
    ]);
    expect(authorsOf('')).toEqual([]);
    expect(authorsOf('Staff and staff')).toEqual([{ name: 'Staff', key: 'staff' }]);
  });

  it('site settings refuse a path without {slug}, unknown placeholders and URLs with a query', () => {
    const input = { ...site, updatedAt: undefined, updatedBy: undefined };
    const { updatedAt: _a, updatedBy: _b, ...valid } = input;
    expect(SiteSettingsSchema.safeParse(valid).success).toBe(true);
    expect(SiteSettingsSchema.parse({ ...valid, baseUrl: 'https://x.example.org/' }).baseUrl).toBe(
      'https://x.example.org',
    );
    for (const bad of [
      { articlePath: '/{section}' },
      { articlePath: '/{slug}/{title}' },
      { articlePath: '/{slug} x' },
      { articlePath: 'news/{slug}' },
      { baseUrl: 'https://x.example.org/?q=1' },
      { baseUrl: 'javascript:alert(1)' },
      { language: 'EN' },
      { publicationName: 'Line\nbreak' },
    ]) {
      expect(SiteSettingsSchema.safeParse({ ...valid, ...bad }).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('feeds', () => {
  it('RSS: a valid feed a reader parses back to the same text, whatever the text holds', () => {
    const feed = readRss(rssFeed(context(), [entry({ title: HOSTILE, summary: HOSTILE })]));
    expect(feed.title).toBe('The Harbour Courier & Gazette');
    const [item] = feed.items ?? [];
    expect(item?.title).toBe(
      xmlText(HOSTILE).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'),
    );
    expect(item?.title).toContain('</title><script>');
    expect(item).toMatchObject({
      link: 'https://courier.example.org/city/2026/11/24/tram-extension',
      guid: { value: 'urn:newsroom:article:01KAX3TT6V3Q7D0Y6M1V0C5N8E', isPermaLink: false },
      pubDate: 'Tue, 24 Nov 2026 06:15:00 GMT',
      dc: { creators: ['Mara Quist', 'Jo Reed'] },
      categories: [{ name: 'city' }, { name: 'trams' }, { name: 'parks' }],
      content: { encoded: '<p>The papers say 14.</p>' },
      media: {
        contents: [
          {
            url: 'https://cms.courier.example.org/media/renditions/01KAX4C7/2048.webp',
            medium: 'image',
            type: 'image/webp',
            width: 3000,
            height: 2000,
            description: { value: 'Plane trees "along" the <avenue>' },
            credits: [{ value: 'Mara Quist / Courier' }],
          },
        ],
      },
    });
  });

  it('carries the body only where the settings allow it, and a body with ]]> whole', () => {
    const body: FeedEntry['body'] = [{ type: 'paragraph', text: [{ text: 'x ]]> <y>', marks: [] }] }];
    const rss = readRss(rssFeed(context(), [entry({ body })]));
    expect(rss.items?.[0]?.content?.encoded).toBe('<p>x ]]&gt; &lt;y&gt;</p>');
    const off = context({ site: { ...site, fullBodyInFeeds: false } });
    expect(readRss(rssFeed(off, [entry()])).items?.[0]?.content).toBeUndefined();
    expect(readAtom(atomFeed(off, [entry()])).entries?.[0]?.content).toBeUndefined();
  });

  it('Atom: ids, dates, authors, categories, the enclosure and html content', () => {
    const feed = readAtom(
      atomFeed(context({ path: '/v1/feeds/atom?tag=trams', scope: { kind: 'tag', value: 'trams' } }), [
        entry(),
      ]),
    );
    expect(feed.id).toBe('https://courier.example.org/feeds/atom?tag=trams');
    expect(feed.title?.value).toBe('The Harbour Courier & Gazette: trams');
    expect(feed.updated).toBe('2026-11-24T09:00:00.000Z');
    expect(feed.entries?.[0]).toMatchObject({
      id: 'urn:newsroom:article:01KAX3TT6V3Q7D0Y6M1V0C5N8E',
      published: '2026-11-24T06:15:00.000Z',
      authors: [{ name: 'Mara Quist' }, { name: 'Jo Reed' }],
      categories: [{ term: 'city' }, { term: 'trams' }, { term: 'parks' }],
      content: { type: 'html', value: '<p>The papers say 14.</p>' },
      links: [
        { rel: 'alternate', href: 'https://courier.example.org/city/2026/11/24/tram-extension' },
        {
          rel: 'enclosure',
          type: 'image/webp',
          href: 'https://cms.courier.example.org/media/renditions/01KAX4C7/2048.webp',
        },
      ],
    });
  });

  it('an author feed is named after the person; an empty feed is still valid', () => {
    const scope = { kind: 'author', value: 'jo-reed' } as const;
    expect(readRss(rssFeed(context({ scope }), [entry()])).title).toBe(
      'The Harbour Courier & Gazette: Jo Reed',
    );
    expect(readRss(rssFeed(context(), [])).items ?? []).toEqual([]);
    expect(readAtom(atomFeed(context(), [])).updated).toBe('2026-12-01T00:00:00.000Z');
  });
});

describe('sitemaps', () => {
  it('the index, a month and the news sitemap keep the schemas’ rules', () => {
    const index = readSitemapIndex(
      sitemapIndex(site, [{ month: '2026-11', lastmod: '2026-11-30T10:00:00.000Z' }], null),
    );
    expect(index).toEqual([
      { loc: 'https://courier.example.org/sitemaps/news.xml' },
      { loc: 'https://courier.example.org/sitemaps/2026-11.xml', lastmod: '2026-11-30T10:00:00.000Z' },
    ]);
    const month = readUrlset(monthSitemap(site, [{ ...entry(), lastmod: entry().updatedAt }]));
    expect(month).toEqual([
      {
        loc: 'https://courier.example.org/city/2026/11/24/tram-extension',
        lastmod: '2026-11-24T09:00:00.000Z',
      },
    ]);
    const news = readUrlset(newsSitemap({ ...site, language: 'zh-tw' }, [{ ...entry(), title: HOSTILE }]), {
      news: true,
    });
    expect(news[0]?.news).toEqual({
      name: 'The Harbour Courier & Gazette',
      language: 'zh-tw',
      publicationDate: '2026-11-24T06:15:00.000Z',
      title: 'A </title><script>alert("x")</script> & ]]>   end',
    });
    expect(newsLanguage('en-gb')).toBe('en');
  });
});

describe('structured data', () => {
  it('a NewsArticle with people, image, publisher, keywords and corrections', () => {
    const article = {
      ...entry(),
      ...textDefaults(),
      standfirst: 'Council papers reveal the route.',
      byline: 'By Mara Quist',
      source: null,
      commentsEnabled: true,
      commentCount: 0,
      featuredCount: 0,
      commentsCloseAt: null,
      seo: { noindex: false },
      corrections: [{ text: 'It is 14 trees, not 16.', at: '2026-11-24T11:40:00.000Z' }],
      // No author records: the byline's people.
      authors: [],
    };
    const ld = newsArticleJsonLd(site, article);
    expect(ld).toMatchObject({
      '@type': 'NewsArticle',
      headline: 'Tram extension would fell 60 trees',
      description: 'Council papers reveal the route.',
      datePublished: '2026-11-24T06:15:00.000Z',
      dateModified: '2026-11-24T09:00:00.000Z',
      author: [{ '@type': 'Person', name: 'Mara Quist' }],
      image: [
        {
          '@type': 'ImageObject',
          url: 'https://cms.courier.example.org/media/renditions/01KAX4C7/2048.webp',
          width: 3000,
          height: 2000,
          creditText: 'Mara Quist / Courier',
        },
      ],
      publisher: { '@type': 'NewsMediaOrganization', name: 'The Harbour Courier & Gazette' },
      articleSection: 'city',
      keywords: ['trams', 'parks'],
      isAccessibleForFree: true,
      correction: [
        {
          '@type': 'CorrectionComment',
          text: 'It is 14 trees, not 16.',
          datePublished: '2026-11-24T11:40:00.000Z',
        },
      ],
    });
    // Author records come before the byline, in their order, each Person with their page (authorPath).
    const withPages = newsArticleJsonLd(
      { ...site, authorPath: '/people/{slug}' },
      {
        ...article,
        authors: [
          { slug: 'jo-reed', name: 'Jo Reed', title: 'Transport' },
          { slug: 'mara-quist', name: 'Mara Quist', title: '' },
        ],
      },
    );
    expect(withPages.author).toEqual([
      { '@type': 'Person', name: 'Jo Reed', url: 'https://courier.example.org/people/jo-reed' },
      { '@type': 'Person', name: 'Mara Quist', url: 'https://courier.example.org/people/mara-quist' },
    ]);
    // Saved before authorPath existed: the default /author/{slug}.
    const { authorPath: _, ...older } = site;
    expect(
      newsArticleJsonLd(older, { ...article, authors: [{ slug: 'jo-reed', name: 'Jo Reed', title: '' }] })
        .author,
    ).toEqual([{ '@type': 'Person', name: 'Jo Reed', url: 'https://courier.example.org/author/jo-reed' }]);
    // A canonical URL elsewhere (a syndicated story) is the article's URL in its structured data.
    const syndicated = newsArticleJsonLd(site, {
      ...article,
      seo: { noindex: false, canonicalUrl: 'https://origin.example.org/story' },
    });
    expect(syndicated.url).toBe('https://origin.example.org/story');
  });
});
