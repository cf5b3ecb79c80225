import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { APIGatewayProxyResult } from 'aws-lambda';

/**
 * `/docs` on the local server: the served OpenAPI document in Swagger UI, from the pinned
 * swagger-ui-dist package (no CDN), with "Try it out" against this server. Local only: in AWS
 * the document is at /v1/openapi.json for any viewer.
 */
const assets = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const FILES: Record<string, string> = {
  '/docs/swagger-ui.css': 'text/css; charset=utf-8',
  '/docs/swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Newsroom CMS API</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="api"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script>
  window.ui = SwaggerUIBundle({ url: '/v1/openapi.json', dom_id: '#api', deepLinking: true });
</script>
</body>
</html>
`;

const LANDING = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Newsroom CMS (local)</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>Newsroom CMS</h1>
<p>The API is served here under <code>/v1</code>.</p>
<ul>
<li><a href="/docs">API reference</a> (every route, tried out against this server)</li>
<li><a href="/v1/openapi.json">The OpenAPI document</a></li>
<li><a href="/v1/articles">Live articles</a></li>
</ul>
<p>Tokens for the admin routes: <code>npm run -s token -- --role editor</code>.</p>
</body>
</html>
`;

export function docsPage(method: string, path: string): APIGatewayProxyResult | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  const html = (body: string) => ({
    statusCode: 200,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' },
    body,
  });
  if (path === '/') return html(LANDING);
  if (path === '/docs' || path === '/docs/') return html(PAGE);
  const type = FILES[path];
  if (!type) return null;
  return {
    statusCode: 200,
    headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=3600' },
    body: readFileSync(join(assets, path.slice('/docs/'.length)), 'utf8'),
  };
}
