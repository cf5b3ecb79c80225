import type { SiteSettings } from '../schemas/site.ts';
import { articleUrl, type Linkable, sitePath } from './links.ts';
import { element, textElement, XML_DECLARATION } from './xml.ts';

/**
 * Sitemaps by the sitemaps.org protocol 0.9 and Google's News sitemap extension: an index of one
 * sitemap per month of first publication (plus the news sitemap), each month's live stories with
 * their last modification, and the stories first published in the last 48 hours with the
 * publication's name and language.
 */
const NS = {
  sitemap: 'http://www.sitemaps.org/schemas/sitemap/0.9',
  news: 'http://www.google.com/schemas/sitemap-news/0.9',
};

/** Google News lists stories published in the last two days, at most 1,000 per sitemap. */
export const NEWS_WINDOW_MS = 48 * 3600 * 1000;
export const NEWS_LIMIT = 1000;

/** The sitemaps' names, as served under /v1/sitemaps/ (and on the site under /sitemaps/). */
export const SITEMAP_NAMES = { index: 'index.xml', news: 'news.xml' } as const;
export const monthSitemapName = (month: string) => `${month}.xml`;
/** 2026-12.xml → 2026-12; anything else → null. */
export const monthOfSitemapName = (name: string) =>
  /^(\d{4}-(?:0[1-9]|1[0-2]))\.xml$/.exec(name)?.[1] ?? null;
/** The month (UTC) a story was first published in: its sitemap. */
export const monthOf = (publishedAt: string) => new Date(publishedAt).toISOString().slice(0, 7);

const sitemapUrl = (site: SiteSettings, name: string) => sitePath(site, `/v1/sitemaps/${name}`);

export interface MonthSitemap {
  month: string;
  lastmod: string;
}

export function sitemapIndex(
  site: SiteSettings,
  months: readonly MonthSitemap[],
  newsLastmod: string | null,
): string {
  const entries = [
    element(
      'sitemap',
      {},
      textElement('loc', sitemapUrl(site, SITEMAP_NAMES.news)),
      textElement('lastmod', newsLastmod),
    ),
    ...months.map((m) =>
      element(
        'sitemap',
        {},
        textElement('loc', sitemapUrl(site, monthSitemapName(m.month))),
        textElement('lastmod', new Date(m.lastmod).toISOString()),
      ),
    ),
  ];
  return `${XML_DECLARATION}${element('sitemapindex', { xmlns: NS.sitemap }, ...entries)}\n`;
}

export interface SitemapEntry extends Linkable {
  lastmod: string;
}

export function monthSitemap(site: SiteSettings, entries: readonly SitemapEntry[]): string {
  const urls = entries.map((e) =>
    element(
      'url',
      {},
      textElement('loc', articleUrl(site, e)),
      textElement('lastmod', new Date(e.lastmod).toISOString()),
    ),
  );
  return `${XML_DECLARATION}${element('urlset', { xmlns: NS.sitemap }, ...urls)}\n`;
}

/**
 * Google News takes an ISO 639 code alone, except zh-cn and zh-tw: a region the settings name for
 * feeds and structured data (en-gb) is dropped here.
 */
export const newsLanguage = (language: string) =>
  language === 'zh-cn' || language === 'zh-tw' ? language : (language.split('-')[0] ?? language);

export interface NewsEntry extends Linkable {
  title: string;
}

export function newsSitemap(site: SiteSettings, entries: readonly NewsEntry[]): string {
  const urls = entries.map((e) =>
    element(
      'url',
      {},
      textElement('loc', articleUrl(site, e)),
      element(
        'news:news',
        {},
        element(
          'news:publication',
          {},
          textElement('news:name', site.publicationName),
          textElement('news:language', newsLanguage(site.language)),
        ),
        textElement('news:publication_date', new Date(e.publishedAt).toISOString()),
        textElement('news:title', e.title),
      ),
    ),
  );
  return `${XML_DECLARATION}${element('urlset', { xmlns: NS.sitemap, 'xmlns:news': NS.news }, ...urls)}\n`;
}
