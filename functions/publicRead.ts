import { NotFoundError } from '../shared/errors.ts';
import { createHandler } from '../shared/http/handler.ts';
import { PageQuerySchema, PublicListQuerySchema, pageLimit } from '../shared/http/query.ts';
import { matchesNoneMatch, parseQuery } from '../shared/http/request.ts';
import { empty, json } from '../shared/http/response.ts';
import { SLUG_PATTERN } from '../shared/schemas/facts.ts';
import { publicFromEnv } from '../shared/wiring.ts';

const { articles, comments, cursors } = publicFromEnv();

/** Short shared-cache lifetime: a correction must reach readers within about a minute. */
const PUBLIC_CACHE = 'public, max-age=60, s-maxage=60, stale-while-revalidate=300';
/** Threads move faster than articles; a newly approved comment should show within seconds. */
const COMMENTS_CACHE = 'public, max-age=10, s-maxage=10';

export const handler = createHandler('publicRead', {
  async listPublicArticles(req) {
    const query = parseQuery(PublicListQuerySchema, req.query);
    const scope = `public|${query.section ?? ''}|${query.tag ?? ''}`;
    const page = await articles.list(query, pageLimit(query.limit), cursors.decode(query.cursor, scope));
    return json(
      200,
      { items: page.items, nextCursor: cursors.encode(page.lastKey, scope) },
      { 'Cache-Control': PUBLIC_CACHE },
    );
  },

  async getPublicArticle(req) {
    const slug = req.params.slug ?? '';
    if (!SLUG_PATTERN.test(slug)) throw new NotFoundError(`No published article at "${slug}".`);
    const { article, etag } = await articles.getLive(slug);
    const headers = { ETag: etag, 'Cache-Control': PUBLIC_CACHE };
    if (matchesNoneMatch(req.headers, etag)) return empty(304, headers);
    return json(200, article, headers);
  },

  async listArticleComments(req) {
    const slug = req.params.slug ?? '';
    const query = parseQuery(PageQuerySchema, req.query);
    const scope = `comments|${slug}`;
    // An unknown slug has no approved comments: one Query, no lookup of the article first.
    const page = SLUG_PATTERN.test(slug)
      ? await comments.listApproved(slug, pageLimit(query.limit), cursors.decode(query.cursor, scope))
      : { items: [], lastKey: undefined };
    return json(
      200,
      { items: page.items, nextCursor: cursors.encode(page.lastKey, scope) },
      { 'Cache-Control': COMMENTS_CACHE },
    );
  },
});
