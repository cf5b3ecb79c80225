import { createHandler } from '../shared/http/handler.ts';
import { presentArticle } from '../shared/http/presenters.ts';
import { PREVIEW_ROUTES } from '../shared/http/routes/preview.ts';
import { renderArticlePage } from '../shared/render/articlePage.ts';
import { ARTICLE_PAGE_CSP } from '../shared/render/csp.ts';
import { previewFromEnv } from '../shared/wiring/lean.ts';

const articles = await previewFromEnv();

// A preview shows unpublished words: no shared cache may keep it (the routes' default is
// no-store), no search engine index it, and no link out of it leak the token.
const PRIVATE = { 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer' };

export const handler = createHandler(PREVIEW_ROUTES, {
  async getPreview({ params }) {
    return { body: presentArticle(await articles.readPreview(params.token), null), headers: PRIVATE };
  },

  async getPreviewPage({ params }) {
    const { page, expiresAt } = await articles.readPreviewPage(params.token);
    const until = new Date(expiresAt).toISOString().replace('T', ' ').slice(0, 16);
    return {
      body: renderArticlePage(page, {
        noindex: true,
        notice: `Preview of unpublished work: readers cannot see this version. This link works until ${until} UTC.`,
      }),
      headers: { ...PRIVATE, 'Content-Security-Policy': ARTICLE_PAGE_CSP },
    };
  },
});
