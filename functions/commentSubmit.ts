import { NotFoundError } from '../shared/errors.ts';
import { createHandler } from '../shared/http/handler.ts';
import { readJson } from '../shared/http/request.ts';
import { json } from '../shared/http/response.ts';
import { CommentSubmitSchema } from '../shared/schemas/comment.ts';
import { SLUG_PATTERN } from '../shared/schemas/facts.ts';
import { commentsFromEnv } from '../shared/wiring.ts';

const { comments } = commentsFromEnv();

export const handler = createHandler('commentSubmit', {
  async submitComment(req) {
    const slug = req.params.slug ?? '';
    if (!SLUG_PATTERN.test(slug)) throw new NotFoundError(`No published article at "${slug}".`);
    const input = readJson(req, CommentSubmitSchema);
    const created = await comments.submit(slug, input, {
      ip: req.sourceIp,
      userAgent: req.headers['user-agent'] ?? '',
    });
    return json(201, created);
  },
});
