import { createHandler } from '../shared/http/handler.ts';
import { presentArticle } from '../shared/http/presenters.ts';
import { PREVIEW_ROUTES } from '../shared/http/routes/preview.ts';
import { previewFromEnv } from '../shared/wiring/lean.ts';

const articles = await previewFromEnv();

export const handler = createHandler(PREVIEW_ROUTES, {
  async getPreview({ params }) {
    // A preview shows unpublished words: no shared cache may keep it (the route's default is
    // no-store), no search engine index it, and no link out of it leak the token.
    return {
      body: presentArticle(await articles.readPreview(params.token), null),
      headers: { 'X-Robots-Tag': 'noindex, nofollow', 'Referrer-Policy': 'no-referrer' },
    };
  },
});
