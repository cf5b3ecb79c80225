import { createHandler } from '../shared/http/handler.ts';
import { presentAdminComment } from '../shared/http/presenters.ts';
import { MODERATION_ROUTES } from '../shared/http/routes/moderation.ts';
import type { AdminComment } from '../shared/schemas/comment.ts';
import type { Highlights } from '../shared/schemas/highlights.ts';
import { moderationFromEnv } from '../shared/wiring/comments.ts';

const { comments, cursors } = await moderationFromEnv();

type Listed = Parameters<typeof presentAdminComment>[0] & {
  highlights?: Highlights;
  inReplyTo?: AdminComment['inReplyTo'];
};

/** A queue's page as the API shows it: a reply with what it answers; in a search, the words found marked. */
const presented = (found: { items: Listed[] }) =>
  found.items.map(({ highlights, inReplyTo, ...comment }) => ({
    ...presentAdminComment(comment),
    ...(highlights ? { highlights } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
  }));

export const handler = createHandler(
  MODERATION_ROUTES,
  {
    async listComments({ query, page }) {
      const filter = { status: query.status ?? 'pending', articleId: query.articleId };
      const found =
        query.q === undefined
          ? await comments.queue(filter, page.limit, page.startKey)
          : await comments.searchQueue(filter, query.q, page.limit, page.startKey);
      return { items: presented(found), lastKey: found.lastKey };
    },

    countQueues: async ({ query }) => ({ body: await comments.queueCounts(query.articleId) }),

    async getCommenterHistory({ params, page }) {
      const found = await comments.commenterHistory(params.id, page.limit, page.startKey);
      return { items: found.items.map(presentAdminComment), lastKey: found.lastKey };
    },

    async undoModeration({ principal, params, body }) {
      return { body: presentAdminComment(await comments.undo(principal, params.id, body)) };
    },

    async listReportedComments({ query, page }) {
      const found =
        query.q === undefined
          ? await comments.reported(page.limit, page.startKey)
          : await comments.searchQueue({ reported: true }, query.q, page.limit, page.startKey);
      return { items: presented(found), lastKey: found.lastKey };
    },

    async createBan({ principal, body }) {
      return { body: await comments.ban(principal, body) };
    },

    listBans: ({ page }) => comments.listBans(page.limit, page.startKey),

    async revokeBan({ principal, params }) {
      return { body: await comments.revokeBan(principal, params.id) };
    },

    async moderateComment({ principal, params, body }) {
      return { body: presentAdminComment(await comments.moderate(principal, params.id, body)) };
    },

    async moderateComments({ principal, body: { ids, ...input } }) {
      const results = await comments.moderateMany(principal, ids, input);
      return {
        body: {
          results: results.map((r) =>
            r.status === 200 ? { id: r.id, status: 200, comment: presentAdminComment(r.comment) } : r,
          ),
        },
      };
    },

    async getCommentLog({ params }) {
      return { body: await comments.log(params.id) };
    },

    async setThreadState({ principal, params, body }) {
      return { body: await comments.setThreadState(principal, params.id, body) };
    },

    async eraseComment({ params }) {
      await comments.erase(params.id);
      return undefined;
    },

    getCommentSettings: async () => ({ body: await comments.settings() }),

    async putCommentSettings({ principal, body }) {
      return { body: await comments.updateSettings(principal, body) };
    },
  },
  { cursors },
);
