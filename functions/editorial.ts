import type { Principal } from '../shared/auth/principal.ts';
import { deskChecksOf, leadImageLibraryAlt } from '../shared/desk/deskChecks.ts';
import { createHandler } from '../shared/http/handler.ts';
import { presentArticle, presentArticleSummary, presentRevisionSummary } from '../shared/http/presenters.ts';
import { etagOf } from '../shared/http/response.ts';
import { AUTHOR_ADMIN_ROUTES } from '../shared/http/routes/authors.ts';
import { DESK_ROUTES } from '../shared/http/routes/desk.ts';
import { EDITORIAL_ROUTES } from '../shared/http/routes/editorial.ts';
import { FRONT_ROUTES } from '../shared/http/routes/fronts.ts';
import { LIVE_ROUTES } from '../shared/http/routes/live.ts';
import { MEDIA_ROUTES } from '../shared/http/routes/media.ts';
import { SITE_SETTINGS_ROUTES } from '../shared/http/routes/site.ts';
import { TAXONOMY_ADMIN_ROUTES } from '../shared/http/routes/taxonomy.ts';
import type { StoredArticle } from '../shared/store/articleStore.ts';
import { mediaLibraryFromEnv } from '../shared/wiring/mediaLibrary.ts';
import { editorialFromEnv } from '../shared/wiring.ts';

const { articles, desk, cursors, site, fronts, live, taxonomy, articleTaxonomy, authors } =
  await editorialFromEnv();
const media = mediaLibraryFromEnv();

/** A front's draft, its version as the ETag. */
const frontAnswer = <T extends { version: number }>(front: T) => ({
  body: front,
  headers: { ETag: etagOf(front.version) },
});

/** Every answer that is one working copy carries its version as the ETag. */
const withEtag = (article: StoredArticle, principal: Principal) => ({
  body: presentArticle(article, principal),
  headers: { ETag: etagOf(article.version) },
});

export const handler = createHandler(
  [
    ...EDITORIAL_ROUTES,
    ...DESK_ROUTES,
    ...MEDIA_ROUTES,
    ...SITE_SETTINGS_ROUTES,
    ...FRONT_ROUTES,
    ...LIVE_ROUTES,
    ...TAXONOMY_ADMIN_ROUTES,
    ...AUTHOR_ADMIN_ROUTES,
  ],
  {
    async createArticle({ principal, body }) {
      const article = await articles.create(principal, await articleTaxonomy.resolve(principal, body));
      const { headers, ...rest } = withEtag(article, principal);
      return { ...rest, headers: { ...headers, Location: `/v1/admin/articles/${article.id}` } };
    },

    async listArticles({ principal, query, page }) {
      const { q } = query;
      if (q !== undefined) {
        const found = await articles.search(principal, { ...query, q }, page.limit, page.startKey);
        return {
          items: found.items.map(({ article, excerpt }) => ({
            ...presentArticleSummary(article, principal),
            excerpt,
          })),
          lastKey: found.lastKey,
        };
      }
      const found = await articles.list(principal, query, page.limit, page.startKey);
      return { items: found.items.map((a) => presentArticleSummary(a, principal)), lastKey: found.lastKey };
    },

    getArticle: async ({ principal, params }) =>
      withEtag(await articles.get(principal, params.id), principal),

    async getArticleChecks({ principal, params }) {
      const article = await articles.get(principal, params.id);
      return { body: deskChecksOf(article, await leadImageLibraryAlt(article, media.get)) };
    },

    updateArticle: async ({ principal, params, ifMatch, body }) =>
      withEtag(
        await articles.patch(principal, params.id, ifMatch, await articleTaxonomy.resolve(principal, body)),
        principal,
      ),

    async deleteArticle({ principal, params, ifMatch }) {
      await articles.remove(principal, params.id, ifMatch);
      return undefined;
    },

    transitionArticle: async ({ principal, params, ifMatch, body }) =>
      withEtag(await articles.transition(principal, params.id, ifMatch, body), principal),

    async listRevisions({ principal, params, page }) {
      const found = await articles.listRevisions(principal, params.id, page.limit, page.startKey);
      return { items: found.items.map(presentRevisionSummary), lastKey: found.lastKey };
    },

    getRevision: async ({ principal, params }) => ({
      body: await articles.getRevision(principal, params.id, params.n),
    }),

    restoreRevision: async ({ principal, params, ifMatch }) =>
      withEtag(await articles.restoreRevision(principal, params.id, params.n, ifMatch), principal),

    scheduleUnpublish: async ({ principal, params, ifMatch, body }) =>
      withEtag(await articles.scheduleUnpublish(principal, params.id, ifMatch, body.unpublishAt), principal),

    cancelUnpublish: async ({ principal, params, ifMatch }) =>
      withEtag(await articles.cancelUnpublish(principal, params.id, ifMatch), principal),

    createPreview: async ({ principal, params, body }) => ({
      body: await articles.createPreview(principal, params.id, body.expiresInSeconds),
    }),

    listPreviews: async ({ principal, params }) => ({
      body: { items: await articles.listPreviews(principal, params.id) },
    }),

    getPreviewSettings: async () => ({ body: await articles.previewSettings() }),

    putPreviewSettings: async ({ principal, body }) => ({
      body: await articles.updatePreviewSettings(principal, body),
    }),

    async revokePreview({ principal, params }) {
      await articles.revokePreview(principal, params.id, params.link);
      return undefined;
    },

    addCorrection: async ({ principal, params, ifMatch, body }) =>
      withEtag(await articles.addCorrection(principal, params.id, ifMatch, body.text), principal),

    importArticles: async ({ principal, body }) => ({
      body: { results: await articles.importArticles(principal, body.articles) },
    }),

    getHistory: ({ principal, params, page }) =>
      articles.history(principal, params.id, page.limit, page.startKey),

    async putAutosave({ principal, params, body }) {
      await desk.autosave(principal, params.id, body);
      return undefined;
    },

    async putNewArticleAutosave({ principal, body }) {
      await desk.autosaveNew(principal, body);
      return undefined;
    },
    getNewArticleAutosave: async ({ principal }) => ({ body: await desk.readNewAutosave(principal) }),
    async deleteNewArticleAutosave({ principal }) {
      await desk.discardNewAutosave(principal);
      return undefined;
    },
    getAutosave: async ({ principal, params }) => ({ body: await desk.readAutosave(principal, params.id) }),

    async deleteAutosave({ principal, params }) {
      await desk.discardAutosave(principal, params.id);
      return undefined;
    },

    putPresence: async ({ principal, params, body }) => ({
      body: await desk.heartbeat(principal, params.id, body.unsaved, body.desk),
    }),

    async deletePresence({ principal, params, query }) {
      await desk.leave(principal, params.id, query.desk);
      return undefined;
    },

    async createMedia({ principal, body }) {
      const created = await media.create(principal, body);
      return {
        body: created,
        headers: { ETag: etagOf(created.media.version), Location: `/v1/admin/media/${created.media.id}` },
      };
    },

    listMedia: ({ query, page }) =>
      query.q === undefined
        ? media.list(page.limit, page.startKey)
        : media.search(query.q, page.limit, page.startKey),

    async getMedia({ params }) {
      const found = await media.get(params.id);
      return { body: found, headers: { ETag: etagOf(found.version) } };
    },

    async updateMedia({ principal, params, ifMatch, body }) {
      const updated = await media.patch(principal, params.id, ifMatch, body);
      return { body: updated, headers: { ETag: etagOf(updated.version) } };
    },

    async deleteMedia({ principal, params, ifMatch }) {
      await media.remove(principal, params.id, ifMatch);
      return undefined;
    },

    getSiteSettings: async ({ principal }) => ({ body: await site.get(principal) }),

    putSiteSettings: async ({ principal, body }) => ({ body: await site.put(principal, body) }),

    listFronts: async () => ({ body: { items: await fronts.list() } }),

    async createFront({ principal, body }) {
      const { body: front, headers } = frontAnswer(await fronts.create(principal, body));
      return { body: front, headers: { ...headers, Location: `/v1/admin/fronts/${front.name}` } };
    },

    getFront: async ({ params }) => frontAnswer(await fronts.get(params.front)),

    updateFront: async ({ principal, params, ifMatch, body }) =>
      frontAnswer(await fronts.save(principal, params.front, ifMatch, body)),

    publishFront: async ({ principal, params, ifMatch, body }) =>
      frontAnswer(await fronts.publish(principal, params.front, ifMatch, body.publishAt)),

    previewFront: async ({ params }) => ({ body: await fronts.preview(params.front) }),

    listFrontRevisions: ({ params, page }) => fronts.history(params.front, page.limit, page.startKey),

    getFrontRevision: async ({ params }) => ({ body: await fronts.revision(params.front, params.n) }),

    restoreFrontRevision: async ({ principal, params, ifMatch }) =>
      frontAnswer(await fronts.restore(principal, params.front, params.n, ifMatch)),
    getCoverage: async ({ principal, params }) => ({ body: await live.coverage(principal, params.id) }),

    putCoverage: async ({ principal, params, body }) => ({
      body: await live.setCoverage(principal, params.id, body),
    }),

    listCoverageEntries: async ({ principal, params, query }) => ({
      body: await live.list(principal, params.id, query.limit ? Number(query.limit) : 20, query.cursor),
    }),

    async postLiveEntry({ principal, params, body }) {
      const entry = await live.post(principal, params.id, body);
      return { body: entry, headers: { ETag: etagOf(entry.version) } };
    },

    async updateLiveEntry({ principal, params, ifMatch, body }) {
      const entry = await live.update(principal, params.id, params.entry, ifMatch, body);
      return { body: entry, headers: { ETag: etagOf(entry.version) } };
    },

    async deleteLiveEntry({ principal, params, ifMatch }) {
      await live.remove(principal, params.id, params.entry, ifMatch);
      return undefined;
    },

    async draftFromLiveEntry({ principal, params }) {
      const { entry, draft } = await live.forDraft(principal, params.id, params.entry);
      const article = await articles.create(principal, draft);
      return {
        body: { articleId: article.id, entry: await live.linkDraft(principal, entry, article.id) },
        headers: { Location: `/v1/admin/articles/${article.id}` },
      };
    },

    async createSection({ principal, body }) {
      const section = await taxonomy.createSection(principal, body);
      return {
        body: section,
        headers: { ETag: etagOf(section.version), Location: `/v1/admin/sections/${section.slug}` },
      };
    },

    async getAdminSection({ params }) {
      const section = await taxonomy.getSection(params.section);
      return { body: section, headers: { ETag: etagOf(section.version) } };
    },

    async updateSection({ principal, params, ifMatch, body }) {
      const section = await taxonomy.updateSection(principal, params.section, ifMatch, body);
      return { body: section, headers: { ETag: etagOf(section.version) } };
    },

    async deleteSection({ principal, params, ifMatch }) {
      await taxonomy.deleteSection(principal, params.section, ifMatch);
      return undefined;
    },

    async createTag({ principal, body }) {
      const tag = await taxonomy.createTag(principal, body);
      return { body: tag, headers: { ETag: etagOf(tag.version), Location: `/v1/admin/tags/${tag.slug}` } };
    },

    async getAdminTag({ params }) {
      const tag = await taxonomy.getTag(params.tag);
      return { body: tag, headers: { ETag: etagOf(tag.version) } };
    },

    async updateTag({ principal, params, ifMatch, body }) {
      const tag = await taxonomy.updateTag(principal, params.tag, ifMatch, body);
      return { body: tag, headers: { ETag: etagOf(tag.version) } };
    },

    async deleteTag({ principal, params, ifMatch }) {
      await taxonomy.deleteTag(principal, params.tag, ifMatch);
      return undefined;
    },

    listAuthors: ({ page }) => authors.list(page.limit, page.startKey),

    async createAuthor({ principal, body }) {
      const author = await authors.create(principal, body);
      const headers = { ETag: etagOf(author.version), Location: `/v1/admin/authors/${author.slug}` };
      return { body: author, headers };
    },

    async getAuthor({ params }) {
      const author = await authors.get(params.slug);
      return { body: author, headers: { ETag: etagOf(author.version) } };
    },

    async updateAuthor({ principal, params, ifMatch, body }) {
      const author = await authors.patch(principal, params.slug, ifMatch, body);
      return { body: author, headers: { ETag: etagOf(author.version) } };
    },

    async deleteAuthor({ principal, params, ifMatch }) {
      await authors.remove(principal, params.slug, ifMatch);
      return undefined;
    },
  },
  { cursors },
);
