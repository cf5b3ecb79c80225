import document from '../shared/contract/openapi.json' with { type: 'json' };
import { createHandler } from '../shared/http/handler.ts';
import { DOCS_ROUTES } from '../shared/http/routes/docs.ts';

/**
 * Serves the committed document, shared/contract/openapi.json, which `npm run contract` generates
 * from the route table and the schemas (tests/api/contract.test.ts fails when the two differ).
 * Generating it here instead made every cold start load full zod and convert every schema: 1.3x
 * the CPU time of a cold start that reads DynamoDB, to serve a document that changes only with a
 * deploy.
 */
export const handler = createHandler(DOCS_ROUTES, {
  async getOpenApi() {
    return { body: document };
  },
});
