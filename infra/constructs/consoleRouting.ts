import { VIEWER_ADDRESS_HEADER } from '../../shared/http/clientAddress.ts';

/*
 * How the console's distribution routes and rewrites requests: what the public API routes
 * forward, which paths are never cached, the sign-in callback path and the console's deep-link
 * rewrite. The distribution itself is built in ./console.ts.
 */

/**
 * What the public routes under /v1/* read from a request (CORS preflights included), and the
 * viewer's address, which CloudFront adds only when a policy names it: readers are told apart by it
 * (shared/http/clientAddress.ts) instead of by the edge server's address. A list rather than
 * CloudFront's all-viewer-headers policy, which cannot add a CloudFront header without also
 * forwarding Host (API Gateway refuses a request for another host). Authorization is not needed:
 * every route that takes a token is under /v1/admin/* or /v1/preview/*.
 */
export const PUBLIC_API_HEADERS = [
  'Origin',
  'Access-Control-Request-Method',
  'Access-Control-Request-Headers',
  'Content-Type',
  'If-None-Match',
  'User-Agent',
  VIEWER_ADDRESS_HEADER,
] as const;

/** Paths under /v1 that carry a token or a private working copy: never cached, Authorization forwarded. */
export const UNCACHED_API_PATHS = ['/v1/admin/*', '/v1/preview/*'] as const;
export const CALLBACK_PATH = '/callback';

/**
 * Rewrites the console's own paths (deep links such as /articles/<id>) to /index.html. It runs only
 * on the default (S3) behaviour, so the API's own 404s under /v1/* are never rewritten, as
 * distribution-wide error responses would.
 */
export const SPA_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;
