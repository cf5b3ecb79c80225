import type { Clock } from '../clock.ts';
import { NotFoundError } from '../errors.ts';
import type { SiteSettings } from '../schemas/site.ts';
import { DEFAULT_SITE_SETTINGS } from '../schemas/siteDefaults.ts';
import { SITE_SETTINGS_CACHE_MS, type SiteSettingsStore } from '../store/siteSettingsStore.ts';
import type { SyndicationReader } from '../store/syndicationStore.ts';
import { type FeedScope, feedName } from '../syndication/entries.ts';
import { atomFeed, type FeedFormat, rssFeed } from '../syndication/feeds.ts';
import {
  monthOfSitemapName,
  monthSitemap,
  NEWS_WINDOW_MS,
  newsSitemap,
  SITEMAP_NAMES,
  sitemapIndex,
} from '../syndication/sitemaps.ts';

/** The site settings in force: the saved ones (a container's copy, at most 30 s old), or defaults. */
export function siteSettingsReader(store: Pick<SiteSettingsStore, 'get'>, maxAgeMs = SITE_SETTINGS_CACHE_MS) {
  return async (): Promise<SiteSettings> => (await store.get(maxAgeMs)) ?? DEFAULT_SITE_SETTINGS;
}

export interface FeedFilter {
  section?: string | undefined;
  tag?: string | undefined;
  author?: string | undefined;
}

const scopeOf = (filter: FeedFilter): FeedScope =>
  filter.section !== undefined
    ? { kind: 'section', value: filter.section }
    : filter.tag !== undefined
      ? { kind: 'tag', value: filter.tag }
      : filter.author !== undefined
        ? { kind: 'author', value: filter.author }
        : { kind: 'all' };

/**
 * Feeds and sitemaps for readers' apps and crawlers. Each answer is one DynamoDB Query of a read
 * model the relay keeps (shared/store/syndicationStore.ts), plus the site settings from the
 * container's copy. A feed of a section, tag or author with no live story is an empty feed, not a
 * 404: a feed reader subscribed before the first story keeps its subscription.
 */
export function createSyndication(deps: {
  store: Pick<SyndicationReader, 'feed' | 'months' | 'month' | 'publishedSince'>;
  settings: () => Promise<SiteSettings>;
  clock: Clock;
}) {
  return {
    async feed(format: FeedFormat, filter: FeedFilter, path: string): Promise<string> {
      const scope = scopeOf(filter);
      const [site, entries] = await Promise.all([deps.settings(), deps.store.feed(feedName(scope))]);
      const context = { site, scope, path, now: deps.clock.now() };
      return format === 'rss' ? rssFeed(context, entries) : atomFeed(context, entries);
    },

    async sitemap(name: string): Promise<string> {
      if (name === SITEMAP_NAMES.index) {
        const [site, months] = await Promise.all([deps.settings(), deps.store.months()]);
        return sitemapIndex(site, months, null);
      }
      if (name === SITEMAP_NAMES.news) {
        const since = new Date(deps.clock.now().getTime() - NEWS_WINDOW_MS);
        const [site, entries] = await Promise.all([deps.settings(), deps.store.publishedSince(since)]);
        return newsSitemap(site, entries);
      }
      const month = monthOfSitemapName(name);
      const [site, entries] = await Promise.all([
        deps.settings(),
        month ? deps.store.month(month) : Promise.resolve([]),
      ]);
      if (entries.length === 0)
        throw new NotFoundError(`No sitemap ${name}: no live story was first published then.`);
      return monthSitemap(site, entries);
    },
  };
}
export type Syndication = ReturnType<typeof createSyndication>;
