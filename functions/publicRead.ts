import { publicFrontOf } from '../shared/fronts/publicFront.ts';
import { createHandler } from '../shared/http/handler.ts';
import { etagOf } from '../shared/http/response.ts';
import { AUTHOR_PUBLIC_ROUTES } from '../shared/http/routes/authors.ts';
import { LIVE_PUBLIC_ROUTES } from '../shared/http/routes/live.ts';
import { PUBLIC_FRONT_ROUTES } from '../shared/http/routes/publicFronts.ts';
import { PUBLIC_READ_ROUTES } from '../shared/http/routes/publicRead.ts';
import { TAXONOMY_PUBLIC_ROUTES } from '../shared/http/routes/taxonomyPublic.ts';
import { authorPagesFor } from '../shared/wiring/authors.ts';
import { publicFrontsFor } from '../shared/wiring/fronts.ts';
import { publicFromEnv } from '../shared/wiring/lean.ts';
import { liveReadsFor } from '../shared/wiring/live.ts';
import { siteSettingsFor, syndicationReadsFor } from '../shared/wiring/syndication.ts';

const { db, reads, search, taxonomy, cursors } = await publicFromEnv(siteSettingsFor);
const syndication = syndicationReadsFor(db);
const fronts = publicFrontsFor(db);
const live = liveReadsFor(db);
const authorPages = authorPagesFor(db);

/** The feed's own path, its one filter included: what its self link names. */
const feedPath = (format: 'rss' | 'atom', query: Record<string, string | undefined>) => {
  const filter = Object.entries(query).find(([, value]) => value !== undefined);
  return `/v1/feeds/${format}${filter ? `?${filter[0]}=${encodeURIComponent(filter[1] ?? '')}` : ''}`;
};

export const handler = createHandler(
  [
    ...PUBLIC_READ_ROUTES,
    ...PUBLIC_FRONT_ROUTES,
    ...LIVE_PUBLIC_ROUTES,
    ...TAXONOMY_PUBLIC_ROUTES,
    ...AUTHOR_PUBLIC_ROUTES,
  ],
  {
    listPublicArticles: ({ query, page }) => reads.list(query, page.limit, page.startKey),

    searchArticles: ({ query, page }) => search(query, page.limit, page.startKey),

    async getPublicArticle({ params }) {
      const { article, etag } = await reads.getLive(params.slug);
      return { body: article, headers: { ETag: etag } };
    },

    // Not live (unknown, unpublished, archived): 404, so a pulled story's thread goes with it.
    listArticleComments: ({ params, query, page }) =>
      reads.thread(params.slug, query.sort ?? 'oldest', page.limit, page.startKey),

    listFeaturedComments: ({ params, page }) => reads.featured(params.slug, page.limit, page.startKey),

    listCommentReplies: ({ params, page }) =>
      reads.replies(params.slug, params.id, page.limit, page.startKey),

    getRssFeed: async ({ query }) => ({ body: await syndication.feed('rss', query, feedPath('rss', query)) }),

    getAtomFeed: async ({ query }) => ({
      body: await syndication.feed('atom', query, feedPath('atom', query)),
    }),

    getSitemap: async ({ params }) => ({ body: await syndication.sitemap(params.sitemap) }),

    async getPublicFront({ params }) {
      const { front, etag } = await publicFrontOf(fronts, params.front);
      return { body: front, headers: { ETag: etag } };
    },
    listLiveEntries: async ({ params, query }) => ({ body: await live.entries(params.slug, query) }),

    listPinnedLiveEntries: async ({ params, query }) => ({
      body: await live.list(params.slug, 'pinned', query),
    }),

    listKeyLiveEntries: async ({ params, query }) => ({ body: await live.list(params.slug, 'key', query) }),

    getLiveEntry: async ({ params }) => ({ body: await live.entry(params.slug, params.entry) }),
    listSections: async () => ({ body: await taxonomy.sections() }),

    getSection: async ({ params }) => ({ body: await taxonomy.section(params.section) }),

    listTags: ({ query, page }) => taxonomy.tags(query.q, page.limit, page.startKey),

    getTag: async ({ params }) => ({ body: await taxonomy.tag(params.tag) }),
    async getPublicAuthor({ params }) {
      const { author, version } = await authorPages.profile(params.slug);
      return { body: author, headers: { ETag: etagOf(version) } };
    },

    listAuthorStories: ({ params, page }) => authorPages.stories(params.slug, page.limit, page.startKey),
  },
  { cursors },
);
