import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSIONED_EMBED } from '../../infra/embed.ts';
import { CONSOLE_DIST } from '../../infra/local/console.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * What the comments widget needs over HTTP under `npm start` (SITE_ORIGINS): its files for the
 * newsroom's site origins, the public thread and comment routes open to them, and nothing more.
 */
const SITE = 'https://www.example.org';
const SLUG = 'tram-extension-would-fell-60-trees-in-linden-park-council-papers-reveal';
let api: TestApi;
let version: string;

beforeAll(async () => {
  api = await startTestApi({ seed: true, consoleDir: CONSOLE_DIST, siteOrigins: [SITE] });
  version = readdirSync(join(CONSOLE_DIST, 'embed')).find((name) => VERSIONED_EMBED.test(name)) ?? '';
});
afterAll(() => api.stop());

describe('the widget’s files', () => {
  it('answer the site origins with CORS (a module script needs it), the loader cached briefly, versions for a year', async () => {
    const loader = await api.request('GET', '/embed/comments.js', { headers: { origin: SITE } });
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toContain('text/javascript');
    expect(loader.headers.get('access-control-allow-origin')).toBe(SITE);
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    expect(loader.text).toBe(`import './${version}';\n`);
    // The console's page headers are not the widget's: a newsroom's page keeps its own CSP.
    expect(loader.headers.get('content-security-policy')).toBeNull();
    expect(loader.headers.get('x-frame-options')).toBeNull();

    const module = await api.request('GET', `/embed/${version}`, { headers: { origin: SITE } });
    expect(module.status).toBe(200);
    expect(module.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(module.headers.get('access-control-allow-origin')).toBe(SITE);
  });

  it('give an unlisted origin no CORS, so its pages cannot run the widget', async () => {
    const res = await api.request('GET', '/embed/comments.js', {
      headers: { origin: 'https://elsewhere.example.net' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('vary')).toContain('Origin');
    expect((await api.request('GET', '/embed/other.js')).status).toBe(404);
    // Beside /embed/, the console is served as before.
    const config = await api.request('GET', '/config.json');
    expect(config.status).toBe(200);
    expect(config.body).toEqual({ auth: { kind: 'local' } });
  });
});

describe('the API for a site origin', () => {
  it('answers the widget’s reads, posts and reports cross-origin, as public routes do for any origin', async () => {
    const read = await api.request('GET', `/v1/articles/${SLUG}/comments?sort=newest`, {
      headers: { origin: SITE },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe('*');
    for (const path of [`/v1/articles/${SLUG}/comments`, `/v1/articles/${SLUG}/comments/x/reports`]) {
      const preflight = await api.request('OPTIONS', path, {
        headers: {
          origin: SITE,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.headers.get('access-control-allow-origin'), path).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers'), path).toContain('Content-Type');
      expect(preflight.headers.get('access-control-allow-methods'), path).toContain('POST');
    }
    // A 429's wait must be readable by the widget.
    expect(read.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('keeps the token-bearing routes closed to the site origins', async () => {
    const moderator = await api.token('moderator', 'mo');
    const res = await api.request('GET', '/v1/admin/comments?status=pending', {
      token: moderator,
      headers: { origin: SITE },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await api.request('OPTIONS', '/v1/admin/comments', { headers: { origin: SITE } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the demo reader page', () => {
  it('renders the article with the widget loaded from the other loopback name, under its own strict CSP', async () => {
    const page = await fetch(`${api.url.replace('//localhost', '//127.0.0.1')}/embed/demo/${SLUG}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(
      '<h1>Tram extension would fell 60 trees in Linden Park, council papers reveal</h1>',
    );
    expect(html).toContain(`<script type="module" src="${api.url}/embed/comments.js"></script>`);
    expect(html).toContain(`<newsroom-comments slug="${SLUG}"></newsroom-comments>`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`script-src ${api.url};`);
    expect(csp).toContain(`connect-src ${api.url};`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect((await fetch(`${api.url}/embed/demo/no-such-story`)).status).toBe(404);
  });
});
