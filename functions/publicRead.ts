import { createHandler } from '../shared/http/handler.ts';
import { etagOf } from '../shared/http/response.ts';
import { AUTHOR_PUBLIC_ROUTES } from '../shared/http/routes/authors.ts';
import { PUBLIC_READ_ROUTES } from '../shared/http/routes/publicRead.ts';
import { authorPagesFor } from '../shared/wiring/authors.ts';
import { publicFromEnv } from '../shared/wiring/lean.ts';
import { siteSettingsFor, syndicationReadsFor } from '../shared/wiring/syndication.ts';

const { db, reads, search, cursors } = await publicFromEnv(siteSettingsFor);
const syndication = syndicationReadsFor(db);
const authorPages = authorPagesFor(db);

/** The feed's own path, its one filter included: what its self link names. */
const feedPath = (format: 'rss' | 'atom', query: Record<string, string | undefined>) => {
  const filter = Object.entries(query).find(([, value]) => value !== undefined);
  return `/v1/feeds/${format}${filter ? `?${filter[0]}=${encodeURIComponent(filter[1] ?? '')}` : ''}`;
};

export const handler = createHandler(
  [...PUBLIC_READ_ROUTES, ...AUTHOR_PUBLIC_ROUTES],
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

    async getPublicAuthor({ params }) {
      const { author, version } = await authorPages.profile(params.slug);
      return { body: author, headers: { ETag: etagOf(version) } };
    },

    listAuthorStories: ({ params, page }) => authorPages.stories(params.slug, page.limit, page.startKey),
  },
  { cursors },
);
