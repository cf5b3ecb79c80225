import type { RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const PREVIEW_ROUTES = [
  {
    id: 'getPreview', method: 'GET', path: '/v1/preview/{token}', fn: 'preview', access: 'public', tag: 'revisions',
    summary: 'The working copy behind a preview link',
    description: 'Anyone holding the token may read the working copy until the link expires or is revoked (an unpublish revokes every link of the article). Never cached. An expired, revoked, tampered or foreign token is a 404, as is any link to an archived or deleted article.',
    ok: { status: 200, description: 'The working copy', schema: 'Article' },
  },
  {
    id: 'getPreviewPage', method: 'GET', path: '/v1/preview/{token}/page', fn: 'preview', access: 'public', tag: 'revisions',
    summary: 'The working copy behind a preview link, as a page',
    description: 'The same working copy as GET /v1/preview/{token}, rendered as readers would see it: headline, standfirst, byline, dates, lead image, body, source, corrections. HTML readable without JavaScript; it runs none (its Content-Security-Policy allows no script). Never cached, never indexed (meta robots and X-Robots-Tag). Its own path rather than content negotiation, so the JSON link keeps one answer for every client and no cache has to vary on Accept. The same 404 as the JSON link when the token opens nothing, as a page.',
    ok: { status: 200, description: 'The working copy as an HTML page', contentType: 'text/html' },
  },
] as const satisfies readonly RouteDefinition[];
