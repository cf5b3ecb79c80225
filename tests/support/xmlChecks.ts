import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseRssFeed } from 'feedsmith';

/**
 * What the tests hold feeds and sitemaps to. Well-formedness comes from fast-xml-parser's
 * validator (a document a strict XML parser refuses fails here, whatever a lenient reader makes of
 * it); feeds are then read by feedsmith, the feed parser a reader's app could use, and checked for
 * what RSS 2.0 and Atom 1.0 require; sitemaps are checked against the rules of the sitemaps.org
 * schemas (sitemap.xsd, siteindex.xsd) and Google's News sitemap schema, written out below: no
 * XSD validator that runs here without native code is worth a dependency for three small shapes.
 */
export function assertWellFormed(xml: string): void {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')) {
    throw new Error('The document does not start with the XML declaration for UTF-8');
  }
  const result = XMLValidator.validate(xml);
  if (result !== true) throw new Error(`Not well-formed XML: ${result.err.msg} (line ${result.err.line})`);
}

const fail = (what: string): never => {
  throw new Error(what);
};

/** RFC 822 dates as RSS uses them (day name optional, GMT or an offset). */
const RFC822 =
  /^(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:GMT|UT|[+-]\d{4})$/;
/** RFC 3339, as Atom and the W3C datetime profile of sitemaps use it (with a time). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const absoluteUrl = (value: unknown) => {
  try {
    const url = new URL(String(value));
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
};

export function readRss(xml: string) {
  assertWellFormed(xml);
  const feed = parseRssFeed(xml);
  // RSS 2.0: a channel has title, link and description; an item has a title or a description.
  if (!feed.title || !feed.link || feed.description === undefined)
    fail('RSS channel lacks title, link or description');
  for (const item of feed.items ?? []) {
    if (!item.title && !item.description) fail('An RSS item has neither title nor description');
    if (item.link !== undefined && !absoluteUrl(item.link))
      fail(`RSS item link ${item.link} is not absolute`);
    if (item.pubDate !== undefined && !RFC822.test(item.pubDate))
      fail(`RSS pubDate ${item.pubDate} is not RFC 822`);
  }
  return feed;
}

export function readAtom(xml: string) {
  assertWellFormed(xml);
  const feed = parseAtomFeed(xml);
  // Atom 1.0 (RFC 4287): the feed and each entry have id, title and updated; each entry an
  // author unless the feed has one; an entry without content has an alternate link.
  if (!feed.id || !feed.title || !feed.updated) fail('Atom feed lacks id, title or updated');
  if (!RFC3339.test(String(feed.updated))) fail(`Atom updated ${feed.updated} is not RFC 3339`);
  for (const entry of feed.entries ?? []) {
    if (!entry.id || !entry.title || !entry.updated) fail('Atom entry lacks id, title or updated');
    if (!RFC3339.test(String(entry.updated))) fail(`Atom entry updated ${entry.updated} is not RFC 3339`);
    if (!entry.authors?.length && !feed.authors?.length) fail('Atom entry has no author');
    if (!entry.content && !entry.links?.some((l) => (l.rel ?? 'alternate') === 'alternate'))
      fail('Atom entry has neither content nor an alternate link');
  }
  return feed;
}

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const NEWS_NS = 'http://www.google.com/schemas/sitemap-news/0.9';
/** sitemaps.org: tLoc is an absolute http(s) URL of 12 to 2,048 characters. */
const checkLoc = (loc: unknown) => {
  const value = String(loc ?? '');
  if (value.length < 12 || value.length > 2048 || !absoluteUrl(value))
    fail(`loc ${value} is not a valid tLoc`);
  return value;
};
/** tLastmod: a W3C datetime (a date alone, or a time with its zone). */
const checkLastmod = (value: unknown) => {
  if (value === undefined) return;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(String(value)) && !RFC3339.test(String(value)))
    fail(`lastmod ${value} is not a W3C datetime`);
};

/** siteindex.xsd: sitemapindex of 1 to 50,000 sitemap elements, each a loc and an optional lastmod. */
export function readSitemapIndex(xml: string): { loc: string; lastmod?: string }[] {
  assertWellFormed(xml);
  const root = (parser.parse(xml) as Node).sitemapindex as Node | undefined;
  if (!root) return fail('The root element is not sitemapindex');
  if (root['@xmlns'] !== SITEMAP_NS) fail('sitemapindex is not in the sitemap namespace');
  const sitemaps = (root.sitemap ?? []) as Node[];
  if (sitemaps.length < 1 || sitemaps.length > 50_000) fail(`${sitemaps.length} sitemaps (1 to 50,000)`);
  return sitemaps.map((s) => {
    const extra = Object.keys(s).filter((k) => k !== 'loc' && k !== 'lastmod');
    if (extra.length > 0) fail(`sitemap has ${extra.join(', ')}`);
    checkLastmod(s.lastmod);
    return { loc: checkLoc(s.loc), ...(s.lastmod ? { lastmod: String(s.lastmod) } : {}) };
  });
}

export interface NewsFields {
  name: string;
  language: string;
  publicationDate: string;
  title: string;
}

/**
 * sitemap.xsd: urlset of url elements (at most 50,000), each a loc, optional lastmod, changefreq,
 * priority and elements of other namespaces (news:news). The schema asks for at least one url;
 * `allowEmpty` is for the news sitemap when nothing was published in 48 hours, which Google reads
 * as an empty list. With `news`, each url has one news:news by Google's schema: a publication
 * (name, language: an ISO 639 code), a publication_date (W3C) and a title, and at most 1,000 urls.
 */
export function readUrlset(
  xml: string,
  options: { news?: boolean; allowEmpty?: boolean } = {},
): { loc: string; lastmod?: string; news?: NewsFields }[] {
  assertWellFormed(xml);
  const root = (parser.parse(xml) as Node).urlset as Node | undefined;
  if (!root) return fail('The root element is not urlset');
  if (root['@xmlns'] !== SITEMAP_NS) fail('urlset is not in the sitemap namespace');
  if (options.news && root['@xmlns:news'] !== NEWS_NS) fail('The news namespace is not declared');
  const urls = (root.url ?? []) as Node[];
  if (urls.length === 0 && !options.allowEmpty) fail('A urlset needs at least one url');
  if (urls.length > (options.news ? 1000 : 50_000)) fail(`${urls.length} urls`);
  return urls.map((u) => {
    const allowed = ['loc', 'lastmod', 'changefreq', 'priority', ...(options.news ? ['news:news'] : [])];
    const extra = Object.keys(u).filter((k) => !allowed.includes(k));
    if (extra.length > 0) fail(`url has ${extra.join(', ')}`);
    checkLastmod(u.lastmod);
    const out: { loc: string; lastmod?: string; news?: NewsFields } = {
      loc: checkLoc(u.loc),
      ...(u.lastmod ? { lastmod: String(u.lastmod) } : {}),
    };
    if (options.news) {
      const news = u['news:news'] as Node | undefined;
      const publication = news?.['news:publication'] as Node | undefined;
      if (!news || !publication) return fail('A news url lacks news:news or news:publication');
      const fields = {
        name: String(publication['news:name'] ?? ''),
        language: String(publication['news:language'] ?? ''),
        publicationDate: String(news['news:publication_date'] ?? ''),
        title: String(news['news:title'] ?? ''),
      };
      if (!fields.name) fail('news:name is empty');
      if (!/^(?:[a-z]{2,3}|zh-cn|zh-tw)$/.test(fields.language)) fail(`news:language ${fields.language}`);
      checkLastmod(fields.publicationDate);
      if (!fields.publicationDate) fail('news:publication_date is missing');
      if (!fields.title) fail('news:title is empty');
      out.news = fields;
    }
    return out;
  });
}
