import type { RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const PREVIEW_ROUTES = [
  {
    id: 'getPreview', method: 'GET', path: '/v1/preview/{token}', fn: 'preview', access: 'public', tag: 'revisions',
    summary: 'The working copy behind a preview link',
    description: 'Anyone holding the token may read the working copy until the link expires or is revoked (an unpublish revokes every link of the article). Never cached. An expired, revoked, tampered or foreign token is a 404, as is any link to an archived or deleted article.',
    ok: { status: 200, description: 'The working copy', schema: 'Article' },
  },
] as const satisfies readonly RouteDefinition[];
