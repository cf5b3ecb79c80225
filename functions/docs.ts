import { createHandler } from '../shared/http/handler.ts';
import { buildOpenApiDocument } from '../shared/http/openapi.ts';
import { json } from '../shared/http/response.ts';

// Built once per container: the document only changes with a deploy.
const document = buildOpenApiDocument();

export const handler = createHandler('docs', {
  async getOpenApi() {
    return json(200, document, { 'Cache-Control': 'public, max-age=300' });
  },
});
