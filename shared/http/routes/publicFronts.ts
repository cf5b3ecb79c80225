import { PUBLIC_CACHE, type RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const PUBLIC_FRONT_ROUTES = [
  {
    id: 'getPublicFront', method: 'GET', path: '/v1/fronts/{front}', fn: 'publicRead', access: 'public', tag: 'fronts',
    summary: 'A published front, every zone resolved',
    description: 'Each zone\'s stories as list entries (those of GET /v1/articles, with pinned), in slot order, no story twice: one DynamoDB read. Kept up to date when a story on it (or one its rules would now place) is published, changed or taken down, and when a pin expires; the CDN copy is purged each time. Send If-None-Match with the ETag to get a 304.',
    conditional: true,
    ok: { status: 200, description: 'The front', schema: 'PublicFront', cache: PUBLIC_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
] as const satisfies readonly RouteDefinition[];
