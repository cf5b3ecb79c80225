import { createHandler } from '../shared/http/handler.ts';
import { buildOpenApiDocument } from '../shared/http/openapi/document.ts';
import { DOCS_ROUTES } from '../shared/http/routes/docs.ts';

// Built once per container: the document only changes with a deploy.
const document = buildOpenApiDocument();

export const handler = createHandler(DOCS_ROUTES, {
  async getOpenApi() {
    return { body: document };
  },
});
