import { createHandler } from '../shared/http/handler.ts';
import { PUBLIC_READ_ROUTES } from '../shared/http/routes/publicRead.ts';
import { publicFromEnv } from '../shared/wiring/lean.ts';

const { reads, search, cursors } = await publicFromEnv();

export const handler = createHandler(
  PUBLIC_READ_ROUTES,
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
  },
  { cursors },
);
