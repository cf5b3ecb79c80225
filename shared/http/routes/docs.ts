import type { RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const DOCS_ROUTES = [
  {
    id: 'getOpenApi', method: 'GET', path: '/v1/openapi.json', fn: 'docs', access: 'public', tag: 'meta',
    summary: 'This API as an OpenAPI 3.1 document',
    description: 'The contract, generated from the same declarations that validate requests.',
    ok: { status: 200, description: 'This document', cache: 'public, max-age=300', headers: ['Cache-Control'] },
  },
] as const satisfies readonly RouteDefinition[];
