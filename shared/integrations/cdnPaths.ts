import type { CmsEventType } from './outbox.ts';

/**
 * Which cached public paths an event makes stale, as CloudFront invalidation paths. Pure, and
 * free of zod and the route table so the purge function's bundle stays small; a unit test holds
 * these paths to the public routes of shared/http/routes/publicRead.ts.
 *
 * CloudFront bills per path and counts a path ending in `*` as one, however much it matches; it
 * also allows only 15 wildcard paths in progress at a time. So each event names as few paths as
 * cover everything it changes:
 *
 * - `/v1/articles/<slug>*`: the article, every query-string variant of it (the cache key holds only
 *   the parameters the API reads, `cachedQueryParameters` in shared/http/routes.ts, so `?utm_...`
 *   shares the plain copy; an invalidation is matched against the URL as requested, and the
 *   wildcard covers both), and every page of its thread. It
 *   also matches slugs that extend this one (`<slug>-x7k2q`): a few needless origin reads, never a
 *   stale page, for one path instead of three.
 * - `/v1/search*` (on unpublish only): every cached search page, so a pulled story leaves them.
 * - `/v1/articles` and `/v1/articles?*`: every public list. A publish or unpublish moves the first
 *   page of the all-articles list, of its section's and of each of its tags' lists, in any filter
 *   order, limit and cursor; the event names neither the tags nor a section the article left, and
 *   query parameters come in any order, so no narrower wildcard is both correct and shorter.
 * - `/v1/feeds*` (on publish, correction and unpublish): every RSS and Atom feed, of the site and
 *   of each section, tag and author, in any filter. A story enters, changes in or leaves the site's
 *   feed and those of its section, tags and authors; the event names none of those (and not the
 *   ones it just left), so one wildcard covers them all, as for the lists.
 * - `/v1/sitemaps*` (on publish, correction and unpublish): the index (a month's lastmod moved),
 *   the story's month (its lastmod, or it left) and the news sitemap (it entered or left the last
 *   48 hours). A story only ageing out of the news sitemap is no event: the CDN keeps that one an
 *   hour at most (PUBLIC_CACHE), so a story is listed up to 49 hours.
 *
 * - `/v1/fronts/<name>` (FrontUpdated): the front, on publish and on each resolution that changed
 *   it (a story on it published, changed or pulled, a pin expired). No wildcard.
 *
 * - `/v1/sections*` (SectionChanged), `/v1/tags*` (TagChanged): the tree, the record's page, and an
 *   old slug's 301; one wildcard each. Nothing else shows a section's or tag's record: articles,
 *   lists and feeds carry the slug, which only a rename changes, and that reaches them through the
 *   relabel job (ArticlesRelabelled below), not through this event: purged now, they would be
 *   cached again with the old slug before the job has rewritten them.
 * - `/v1/authors/<slug>*` (AuthorChanged): the profile and every page of the author's stories. The
 *   byline copies on their articles, feeds and lists change when the relabel job has rewritten
 *   them (ArticlesRelabelled).
 * - `/v1/*` (SiteSettingsChanged): the settings are in every article's jsonLd and URL (base URL,
 *   article path, publication name, language), every feed (full body, title) and sitemap, and in
 *   the author pages' links. Thousands of article paths would cost $0.005 each and still miss
 *   lists and feeds in their query-string variants; one wildcard costs one path and refills the
 *   cache from the origin once, for a change an admin makes a few times a year.
 * - ArticlesRelabelled: a rename (or an author's new name or photo) has reached the stored articles,
 *   up to thousands of stories whose slugs the event does not name: `/v1/articles*` (every article,
 *   list and thread in one path), `/v1/search*`, `/v1/feeds*`, `/v1/sitemaps*` (the article path's
 *   `{section}`), `/v1/authors*` (story lists). Fronts follow by their own FrontUpdated.
 *
 * A publish thus names four wildcard paths and an unpublish five (of CloudFront's 15 in progress at
 * once): a burst of publishes waits out its busy answers (shared/integrations/cdnPurge.ts).
 */
export const PUBLIC_PATHS = {
  list: '/v1/articles',
  search: '/v1/search',
  article: (slug: string) => `/v1/articles/${slug}`,
  thread: (slug: string) => `/v1/articles/${slug}/comments`,
  feeds: '/v1/feeds',
  sitemaps: '/v1/sitemaps',
  front: (name: string) => `/v1/fronts/${name}`,
  authors: '/v1/authors',
  author: (slug: string) => `/v1/authors/${slug}`,
  sections: '/v1/sections',
  tags: '/v1/tags',
  everything: '/v1/',
} as const;

/** Article and comment events name a slug; a front's event names the front. */
export interface PurgeableEvent {
  type: CmsEventType;
  /** movedFrom: an article's earlier slugs, on the publication that moved it and on its unpublish. */
  detail: { slug?: string; name?: string; version: number; movedFrom?: readonly string[] | undefined };
}

/** The event types that can make a cached public answer stale (the rule on the bus matches these). */
export const PURGE_EVENT_TYPES = [
  'ArticlePublished',
  'ArticleUnpublished',
  'CommentApproved',
  'CommentRejected',
  'FrontUpdated',
  'LiveEntryPosted',
  'LiveEntryUpdated',
  'LiveEntryRemoved',
  'SectionChanged',
  'TagChanged',
  'AuthorChanged',
  'SiteSettingsChanged',
  'ArticlesRelabelled',
] as const satisfies readonly CmsEventType[];

/** The invalidation paths of one event; none when nothing public changed. */
export function purgePaths({ type, detail }: PurgeableEvent): string[] {
  // A front's one path, exact: its answer has no query-string variants the API reads.
  if (type === 'FrontUpdated') return detail.name ? [PUBLIC_PATHS.front(detail.name)] : [];
  const recordPaths = pathsOfRecordEvent(type, detail.slug);
  if (recordPaths) return recordPaths;
  if (!detail.slug) return [];
  const articleAndThread = `${PUBLIC_PATHS.article(detail.slug)}*`;
  // Authors' pages too: the event names none of the story's authors (nor those it just left).
  const syndication = [`${PUBLIC_PATHS.feeds}*`, `${PUBLIC_PATHS.sitemaps}*`, `${PUBLIC_PATHS.authors}*`];
  // An article's earlier slugs (docs/slugs.md): cached as the story or as a 301 to a slug it left.
  const earlier = (detail.movedFrom ?? []).map((slug) => `${PUBLIC_PATHS.article(slug)}*`);
  switch (type) {
    case 'ArticlePublished':
      return [articleAndThread, ...earlier, PUBLIC_PATHS.list, `${PUBLIC_PATHS.list}?*`, ...syndication];
    case 'ArticleUnpublished':
      // Search pages too: a story taken down leaves them at once, not when they expire (30 s). A
      // publish is found within that half minute without a purge.
      return [
        articleAndThread,
        ...earlier,
        PUBLIC_PATHS.list,
        `${PUBLIC_PATHS.list}?*`,
        `${PUBLIC_PATHS.search}*`,
        ...syndication,
      ];
    case 'CommentApproved':
      // In the thread now, and in the article's commentCount.
      return [articleAndThread];
    case 'CommentRejected':
      // Rejected on posting (no decision yet: version 0) it was never public; after a decision it
      // may have been approved before, and leaves the thread and the count.
      return detail.version > 0 ? [articleAndThread] : [];
    case 'CommentPosted':
      // Pending, or approved at once, which CommentApproved announces too.
      return [];
    case 'LiveEntryPosted':
    case 'LiveEntryUpdated':
    case 'LiveEntryRemoved':
      // The entries, their pinned and key-event lists, the permalink and the article's jsonLd
      // (liveBlogUpdate): all under the article's path, one wildcard.
      return [articleAndThread];
    default:
      return [];
  }
}

/** The paths of a record's event (see above), or null when the type is an article's or comment's. */
function pathsOfRecordEvent(type: CmsEventType, slug: string | undefined): string[] | null {
  switch (type) {
    case 'SectionChanged':
      return [`${PUBLIC_PATHS.sections}*`];
    case 'TagChanged':
      return [`${PUBLIC_PATHS.tags}*`];
    case 'AuthorChanged':
      return slug ? [`${PUBLIC_PATHS.author(slug)}*`] : [];
    case 'SiteSettingsChanged':
      return [`${PUBLIC_PATHS.everything}*`];
    case 'ArticlesRelabelled':
      return [
        `${PUBLIC_PATHS.list}*`,
        `${PUBLIC_PATHS.search}*`,
        `${PUBLIC_PATHS.feeds}*`,
        `${PUBLIC_PATHS.sitemaps}*`,
        `${PUBLIC_PATHS.authors}*`,
      ];
    default:
      return null;
  }
}

/** The paths of several events, each once, in first-seen order. */
export function purgePathsOf(events: readonly PurgeableEvent[]): string[] {
  return [...new Set(events.flatMap(purgePaths))];
}
