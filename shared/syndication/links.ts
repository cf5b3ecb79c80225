import type { SiteSettings } from '../schemas/site.ts';

/**
 * Where things live on the newsroom's site, from the site settings: an article's URL is the base
 * URL plus the path template filled in, an image path on the CMS origin (/media/...) is resolved
 * against mediaBaseUrl (or the base URL). Feeds and sitemaps are served on the site at /feeds/...
 * and /sitemaps/... (the site forwards those paths to the CMS's /v1/feeds and /v1/sitemaps).
 */
export type SiteLinks = Pick<SiteSettings, 'baseUrl' | 'articlePath' | 'mediaBaseUrl' | 'authorPath'>;

/** Where an author's page is when the settings were saved before authorPath existed. */
export const DEFAULT_AUTHOR_PATH = '/author/{slug}';

export interface Linkable {
  id: string;
  slug: string;
  section: string;
  publishedAt: string;
}

const two = (n: number) => String(n).padStart(2, '0');

export function articleUrl(site: SiteLinks, article: Linkable): string {
  const date = new Date(article.publishedAt);
  const values: Record<string, string> = {
    section: article.section,
    slug: article.slug,
    id: article.id,
    yyyy: String(date.getUTCFullYear()),
    mm: two(date.getUTCMonth() + 1),
    dd: two(date.getUTCDate()),
  };
  const path = site.articlePath.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : encodeURIComponent(values[name]),
  );
  return `${site.baseUrl}${path}`;
}

/** An author record's page on the site (authorPath filled in); a byline's name has none. */
export function authorUrl(site: SiteLinks, author: { key: string; record?: true }): string | null {
  if (!author.record) return null;
  const path = (site.authorPath ?? DEFAULT_AUTHOR_PATH).replace('{slug}', encodeURIComponent(author.key));
  return `${site.baseUrl}${path}`;
}

/** An image's path on the CMS origin as an absolute URL; an absolute URL stays as it is. */
export function mediaUrl(site: SiteLinks, pathOrUrl: string): string {
  if (/^https?:\/\//i.test(pathOrUrl)) return pathOrUrl;
  const base = site.mediaBaseUrl ?? site.baseUrl;
  return `${base}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
}

/** Where the site serves one of the CMS's feeds or sitemaps: /v1 dropped, on the base URL. */
export const sitePath = (site: SiteLinks, cmsPath: string) =>
  `${site.baseUrl}${cmsPath.replace(/^\/v1/, '')}`;
