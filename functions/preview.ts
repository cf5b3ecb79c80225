import { NotFoundError } from '../shared/errors.ts';
import { createHandler } from '../shared/http/handler.ts';
import { presentArticle } from '../shared/http/presenters.ts';
import { json } from '../shared/http/response.ts';
import { previewFromEnv } from '../shared/wiring.ts';

const articles = previewFromEnv();

export const handler = createHandler('preview', {
  async getPreview(req) {
    const token = req.params.token ?? '';
    if (token.length > 200) throw new NotFoundError('This preview link is not valid, or it has expired.');
    // A preview shows unpublished words: no shared cache may keep it, and no search engine index it.
    return json(200, presentArticle(await articles.readPreview(token)), {
      'Cache-Control': 'no-store',
      'X-Robots-Tag': 'noindex, nofollow',
      'Referrer-Policy': 'no-referrer',
    });
  },
});
