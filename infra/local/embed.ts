import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { EMBED_LOADER, LOADER_CACHE_SECONDS, VERSION_CACHE_SECONDS, VERSIONED_EMBED } from '../embed.ts';
import { type DemoArticle, demoCsp, demoPage, notFoundPage } from './demoArticle.ts';

/** The stable loader is revalidated often (a new build reaches pages in minutes); versions never change. */
export const LOADER_CACHE = `public, max-age=${LOADER_CACHE_SECONDS}`;
export const VERSIONED_CACHE = `public, max-age=${VERSION_CACHE_SECONDS}, immutable`;
const DEMO_PATH = /^\/embed\/demo\/([a-z0-9-]{1,200})$/;

export interface LocalEmbedOptions {
  /** The built console (web/dist), whose embed/ folder holds the widget. */
  dir: string;
  /** The newsroom's site origins: their pages may load the widget (`SITE_ORIGINS`). */
  siteOrigins: readonly string[];
}

const loopbackNames = ['localhost', '127.0.0.1'];

/**
 * The demo page is served at one loopback name and loads the widget (and so the API) from the
 * other: http://127.0.0.1:3000/embed/demo/... uses http://localhost:3000, and the reverse. The
 * widget thus always runs cross-origin, as on a newsroom's site.
 */
export function otherLoopback(host: string): string {
  const url = new URL(`http://${host}`);
  url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url.origin;
}

/**
 * Which origins may load the widget module: the listed site origins, and this server's own
 * loopback names on its port (the demo page).
 */
function mayEmbed(origin: string, host: string, siteOrigins: readonly string[]): boolean {
  if (siteOrigins.includes(origin)) return true;
  try {
    const own = new URL(`http://${host}`);
    const from = new URL(origin);
    return from.protocol === 'http:' && loopbackNames.includes(from.hostname) && from.port === own.port;
  } catch {
    return false;
  }
}

/**
 * `/embed/*` under `npm start`: the widget's files as the console's distribution serves them in
 * AWS (CORS for the site origins, the loader briefly cached, versions for a year), and the demo
 * reader page. Answers false for anything else.
 */
export function localEmbed({ dir, siteOrigins }: LocalEmbedOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!path.startsWith('/embed/')) return false;
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    const host = req.headers.host ?? 'localhost';

    const demo = DEMO_PATH.exec(path);
    if (demo?.[1]) {
      const slug = demo[1];
      const cms = otherLoopback(host);
      // The page reads the article over the API, as a newsroom's site would.
      const own = `http://127.0.0.1:${req.socket.localPort}`;
      const answer = await fetch(`${own}/v1/articles/${slug}`).catch(() => undefined);
      const found = answer?.ok ? ((await answer.json()) as DemoArticle) : undefined;
      res.writeHead(found ? 200 : 404, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': demoCsp(cms),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      });
      res.end(method === 'HEAD' ? undefined : found ? demoPage(found, cms) : notFoundPage(slug));
      return true;
    }

    const name = path.slice('/embed/'.length);
    const file = join(dir, 'embed', name);
    if ((name !== EMBED_LOADER && !VERSIONED_EMBED.test(name)) || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return true;
    }
    const origin = req.headers.origin;
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': name === EMBED_LOADER ? LOADER_CACHE : VERSIONED_CACHE,
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'cross-origin',
      vary: 'Origin',
      ...(origin && mayEmbed(origin, host, siteOrigins) ? { 'access-control-allow-origin': origin } : {}),
    });
    res.end(method === 'HEAD' ? undefined : readFileSync(file));
    return true;
  };
}
