import { NotFoundError } from '../shared/errors.ts';
import { type AuthedRequest, createHandler } from '../shared/http/handler.ts';
import { presentAdminComment } from '../shared/http/presenters.ts';
import { CommentQueueQuerySchema, pageLimit } from '../shared/http/query.ts';
import { parseQuery, readJson } from '../shared/http/request.ts';
import { empty, json } from '../shared/http/response.ts';
import { BulkModerationSchema, CommentSettingsSchema, ModerationSchema } from '../shared/schemas/comment.ts';
import { commentsFromEnv } from '../shared/wiring.ts';

const { comments, cursors } = commentsFromEnv();

function commentId(req: AuthedRequest): string {
  const id = req.params.id ?? '';
  if (!/^[0-9A-HJKMNP-TV-Z]{26}$/.test(id)) throw new NotFoundError(`No comment with id ${id}.`);
  return id;
}

export const handler = createHandler('moderation', {
  async listComments(req) {
    const query = parseQuery(CommentQueueQuerySchema, req.query);
    const filter = { status: query.status ?? 'pending', articleId: query.articleId };
    const scope = `comments|${JSON.stringify(filter)}`;
    const page = await comments.queue(filter, pageLimit(query.limit), cursors.decode(query.cursor, scope));
    return json(200, {
      items: page.items.map(presentAdminComment),
      nextCursor: cursors.encode(page.lastKey, scope),
    });
  },

  async moderateComment(req) {
    const id = commentId(req);
    const input = readJson(req, ModerationSchema);
    return json(200, presentAdminComment(await comments.moderate(req.principal, id, input)));
  },

  async moderateComments(req) {
    const { ids, ...input } = readJson(req, BulkModerationSchema);
    const results = await comments.moderateMany(req.principal, ids, input);
    return json(200, {
      results: results.map((r) =>
        r.status === 200 ? { id: r.id, status: 200, comment: presentAdminComment(r.comment) } : r,
      ),
    });
  },

  async eraseComment(req) {
    await comments.erase(commentId(req));
    return empty(204);
  },

  async getCommentSettings() {
    return json(200, await comments.settings());
  },

  async putCommentSettings(req) {
    return json(200, await comments.updateSettings(req.principal, readJson(req, CommentSettingsSchema)));
  },
});
