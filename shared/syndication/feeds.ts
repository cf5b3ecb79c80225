import { isGated } from '../access.ts';
import type { SiteSettings } from '../schemas/site.ts';
import type { FeedEntry, FeedScope } from './entries.ts';
import { bodyHtml } from './html.ts';
import { articleUrl, authorUrl, mediaUrl, sitePath } from './links.ts';
import { cdata, element, textElement, XML_DECLARATION, xmlText } from './xml.ts';

/**
 * RSS 2.0 and Atom 1.0 documents of a feed's entries, newest first. Both carry the same facts:
 * title, link, summary, dates, authors (dc:creator in RSS, which has no author without an email),
 * the section and tags as categories, the lead image as a Media RSS element (and an Atom enclosure
 * link), and the body as HTML when the site settings allow it (RSS content:encoded in CDATA, Atom
 * content of type html) and the story is free: a registered or subscribers story gets its summary only.
 */
export type FeedFormat = 'rss' | 'atom';

const NS = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/',
  media: 'http://search.yahoo.com/mrss/',
};

/** A stable id for a story, whatever its URL becomes (the site's settings may change). */
export const entryId = (id: string) => `urn:newsroom:article:${id}`;

export interface FeedContext {
  site: SiteSettings;
  scope: FeedScope;
  /** The CMS path the feed is read at, with its query (/v1/feeds/rss?section=city). */
  path: string;
  /** When nothing is listed: the time the feed was made. */
  now: Date;
}

function feedTitle({ site, scope }: FeedContext, entries: readonly FeedEntry[]): string {
  if (scope.kind === 'all') return site.publicationName;
  if (scope.kind === 'author') {
    const name = entries.flatMap((e) => e.authors).find((a) => a.key === scope.value)?.name ?? scope.value;
    return `${site.publicationName}: ${name}`;
  }
  return `${site.publicationName}: ${scope.value}`;
}

const latest = (entries: readonly FeedEntry[], now: Date) =>
  entries.length === 0 ? now.getTime() : Math.max(...entries.map((e) => Date.parse(e.updatedAt)));

function mediaContent(context: FeedContext, entry: FeedEntry): string | null {
  const image = entry.leadImage;
  if (!image) return null;
  return element(
    'media:content',
    {
      url: mediaUrl(context.site, image.src),
      medium: 'image',
      type: imageType(image.src),
      width: image.width,
      height: image.height,
    },
    textElement('media:description', image.alt),
    textElement('media:credit', image.credit),
  );
}

const imageType = (src: string) => {
  const ext = /\.(\w+)(?:$|\?)/.exec(src)?.[1]?.toLowerCase();
  return ext === 'webp'
    ? 'image/webp'
    : ext === 'png'
      ? 'image/png'
      : ext === 'jpg' || ext === 'jpeg'
        ? 'image/jpeg'
        : undefined;
};

/** Whether an entry carries its body: the site allows it, and the story is free to read. */
const fullText = (context: FeedContext, entry: FeedEntry) =>
  context.site.fullBodyInFeeds && !isGated(entry.access);

const html = (context: FeedContext, entry: FeedEntry) =>
  bodyHtml(entry.body, (src) => mediaUrl(context.site, src));

export function rssFeed(context: FeedContext, entries: readonly FeedEntry[]): string {
  const { site } = context;
  const items = entries.map((entry) =>
    element(
      'item',
      {},
      textElement('title', entry.title),
      textElement('link', articleUrl(site, entry)),
      textElement('guid', entryId(entry.id), { isPermaLink: 'false' }),
      textElement('description', entry.summary),
      fullText(context, entry) ? `<content:encoded>${cdata(html(context, entry))}</content:encoded>` : null,
      textElement('pubDate', new Date(entry.publishedAt).toUTCString()),
      ...entry.authors.map((a) => textElement('dc:creator', a.name)),
      textElement('category', entry.section),
      ...entry.tags.map((t) => textElement('category', t)),
      mediaContent(context, entry),
    ),
  );
  const channel = element(
    'channel',
    {},
    textElement('title', feedTitle(context, entries)),
    textElement('link', site.baseUrl),
    textElement('description', feedTitle(context, entries)),
    textElement('language', site.language),
    textElement('lastBuildDate', new Date(latest(entries, context.now)).toUTCString()),
    element('atom:link', {
      href: sitePath(site, context.path),
      rel: 'self',
      type: 'application/rss+xml',
    }),
    ...items,
  );
  return `${XML_DECLARATION}${element(
    'rss',
    {
      version: '2.0',
      'xmlns:atom': NS.atom,
      'xmlns:content': NS.content,
      'xmlns:dc': NS.dc,
      'xmlns:media': NS.media,
    },
    channel,
  )}\n`;
}

export function atomFeed(context: FeedContext, entries: readonly FeedEntry[]): string {
  const { site } = context;
  const self = sitePath(site, context.path);
  const items = entries.map((entry) => {
    const url = articleUrl(site, entry);
    const image = entry.leadImage;
    return element(
      'entry',
      {},
      textElement('id', entryId(entry.id)),
      textElement('title', entry.title, { type: 'text' }),
      element('link', { rel: 'alternate', type: 'text/html', href: url }),
      textElement('published', new Date(entry.publishedAt).toISOString()),
      textElement('updated', new Date(entry.updatedAt).toISOString()),
      ...entry.authors.map((a) =>
        element('author', {}, textElement('name', a.name), textElement('uri', authorUrl(site, a))),
      ),
      element('category', { term: entry.section, label: entry.section }),
      ...entry.tags.map((t) => element('category', { term: t })),
      textElement('summary', entry.summary, { type: 'text' }),
      fullText(context, entry) ? `<content type="html">${xmlText(html(context, entry))}</content>` : null,
      image
        ? element('link', {
            rel: 'enclosure',
            href: mediaUrl(site, image.src),
            type: imageType(image.src),
          })
        : null,
      mediaContent(context, entry),
    );
  });
  return `${XML_DECLARATION}${element(
    'feed',
    { xmlns: NS.atom, 'xmlns:media': NS.media, 'xml:lang': site.language },
    textElement('id', self),
    textElement('title', feedTitle(context, entries), { type: 'text' }),
    textElement('updated', new Date(latest(entries, context.now)).toISOString()),
    element('link', { rel: 'self', type: 'application/atom+xml', href: self }),
    element('link', { rel: 'alternate', type: 'text/html', href: site.baseUrl }),
    // Atom wants an author for every entry: stories with no byline are the publication's.
    element('author', {}, textElement('name', site.publicationName)),
    ...items,
  )}\n`;
}
