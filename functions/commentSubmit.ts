import { createHandler } from '../shared/http/handler.ts';
import { COMMENT_SUBMIT_ROUTES } from '../shared/http/routes/commentSubmit.ts';
import { commentSubmitFromEnv } from '../shared/wiring/comments.ts';

const { comments, originSecrets } = await commentSubmitFromEnv();

export const handler = createHandler(
  COMMENT_SUBMIT_ROUTES,
  {
    async submitComment({ params, body, client }) {
      return { body: await comments.submit(params.slug, body, client) };
    },
    async reportComment({ params, body, client }) {
      return { body: await comments.report(params.slug, params.id, body, client) };
    },
  },
  { originSecrets },
);
