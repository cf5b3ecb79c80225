import { NotFoundError } from '../shared/errors.ts';
import { type AuthedRequest, createHandler } from '../shared/http/handler.ts';
import { presentArticle, presentArticleSummary, presentRevisionSummary } from '../shared/http/presenters.ts';
import { AdminListQuerySchema, PageQuerySchema, pageLimit } from '../shared/http/query.ts';
import { parseIfMatch, parseQuery, readJson } from '../shared/http/request.ts';
import { empty, etagOf, json } from '../shared/http/response.ts';
import {
  ArticleCreateSchema,
  ArticlePatchSchema,
  PreviewRequestSchema,
  TransitionSchema,
  UnpublishScheduleSchema,
} from '../shared/schemas/article.ts';
import type { StoredArticle } from '../shared/store/articleStore.ts';
import { editorialFromEnv } from '../shared/wiring.ts';

const { articles, cursors } = editorialFromEnv();

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** An id that cannot exist is simply not found; it never reaches DynamoDB. */
function articleId(req: AuthedRequest): string {
  const id = req.params.id ?? '';
  if (!ULID.test(id)) throw new NotFoundError(`No article with id ${id}.`);
  return id;
}

function revisionNumber(req: AuthedRequest): number {
  const n = req.params.n ?? '';
  if (!/^[1-9]\d{0,8}$/.test(n)) throw new NotFoundError(`No revision ${n}.`);
  return Number(n);
}

const articleResponse = (article: StoredArticle, status = 200, headers: Record<string, string> = {}) =>
  json(status, presentArticle(article), { ETag: etagOf(article.version), ...headers });

/** Cursors are bound to the list, its filters and, for per-article lists, the article. */
function pageQuery(req: AuthedRequest, scope: string) {
  const query = parseQuery(PageQuerySchema, req.query);
  return { limit: pageLimit(query.limit), startKey: cursors.decode(query.cursor, scope), scope };
}

export const handler = createHandler('editorial', {
  async createArticle(req) {
    const article = await articles.create(req.principal, readJson(req, ArticleCreateSchema));
    return articleResponse(article, 201, { Location: `/v1/admin/articles/${article.id}` });
  },

  async listArticles(req) {
    const query = parseQuery(AdminListQuerySchema, req.query);
    const filters = { status: query.status, section: query.section, createdBy: query.createdBy };
    const scope = `admin|${req.principal.sub}|${JSON.stringify(filters)}`;
    const page = await articles.list(
      req.principal,
      filters,
      pageLimit(query.limit),
      cursors.decode(query.cursor, scope),
    );
    return json(200, {
      items: page.items.map(presentArticleSummary),
      nextCursor: cursors.encode(page.lastKey, scope),
    });
  },

  async getArticle(req) {
    return articleResponse(await articles.get(req.principal, articleId(req)));
  },

  async updateArticle(req) {
    const id = articleId(req);
    const patch = readJson(req, ArticlePatchSchema);
    return articleResponse(await articles.patch(req.principal, id, parseIfMatch(req.headers), patch));
  },

  async deleteArticle(req) {
    await articles.remove(req.principal, articleId(req), parseIfMatch(req.headers));
    return empty(204);
  },

  async transitionArticle(req) {
    const id = articleId(req);
    const input = readJson(req, TransitionSchema);
    return articleResponse(await articles.transition(req.principal, id, parseIfMatch(req.headers), input));
  },

  async listRevisions(req) {
    const id = articleId(req);
    const { limit, startKey, scope } = pageQuery(req, `revisions|${id}`);
    const page = await articles.listRevisions(req.principal, id, limit, startKey);
    return json(200, {
      items: page.items.map(presentRevisionSummary),
      nextCursor: cursors.encode(page.lastKey, scope),
    });
  },

  async getRevision(req) {
    return json(200, await articles.getRevision(req.principal, articleId(req), revisionNumber(req)));
  },

  async restoreRevision(req) {
    const id = articleId(req);
    const n = revisionNumber(req);
    return articleResponse(await articles.restoreRevision(req.principal, id, n, parseIfMatch(req.headers)));
  },

  async scheduleUnpublish(req) {
    const id = articleId(req);
    const { unpublishAt } = readJson(req, UnpublishScheduleSchema);
    return articleResponse(
      await articles.scheduleUnpublish(req.principal, id, parseIfMatch(req.headers), unpublishAt),
    );
  },

  async cancelUnpublish(req) {
    return articleResponse(
      await articles.cancelUnpublish(req.principal, articleId(req), parseIfMatch(req.headers)),
    );
  },

  async createPreview(req) {
    const id = articleId(req);
    // The body is optional: no body means the default lifetime.
    const input = req.body?.trim() ? readJson(req, PreviewRequestSchema) : {};
    return json(201, await articles.createPreview(req.principal, id, input.expiresInSeconds));
  },

  async getHistory(req) {
    const id = articleId(req);
    const { limit, startKey, scope } = pageQuery(req, `history|${id}`);
    const page = await articles.history(req.principal, id, limit, startKey);
    return json(200, { items: page.items, nextCursor: cursors.encode(page.lastKey, scope) });
  },
});
