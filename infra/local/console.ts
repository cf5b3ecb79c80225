import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, relative, sep } from 'node:path';
import { ROLES, type Role } from '../../shared/auth/principal.ts';
import { CONSOLE_SECURITY_HEADERS, consoleCsp } from '../consoleCsp.ts';
import { issueToken } from './devAuth.ts';
import { buildWidget } from './embedBuild.ts';

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * The web console on the local gateway: the Vite build of web/ served as static files on the same
 * origin as /v1, /config.json telling the console to sign in locally, and POST /local/token, the
 * local-only sign-in that mints a dev token for a chosen role and user. None of this exists in AWS
 * (there CloudFront serves the files and Cognito signs people in); /local/* is never in the route table.
 */
export const WEB_DIR = join(import.meta.dirname, '..', '..', 'web');
export const CONSOLE_DIST = join(WEB_DIR, 'dist');
const STAMP = '.source-hash';

/** A hash of everything the build depends on, so a stale build is noticed and rebuilt. */
export function consoleSourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(relative(WEB_DIR, path)).update(readFileSync(path));
    }
  };
  for (const part of ['src', 'public', 'embed'])
    if (existsSync(join(WEB_DIR, part))) walk(join(WEB_DIR, part));
  for (const file of ['index.html', 'vite.config.ts', '../package-lock.json']) {
    hash.update(file).update(readFileSync(join(WEB_DIR, file)));
  }
  return hash.digest('hex');
}

/**
 * Builds the console with Vite, and the comments widget with esbuild (into web/dist/embed), when
 * web/dist is missing or older than their sources.
 */
export async function ensureConsoleBuilt(log: (line: string) => void = () => {}): Promise<boolean> {
  const wanted = consoleSourceHash();
  const stamp = join(CONSOLE_DIST, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return false;
  log('Building the web console (web/dist)...');
  const { build } = await import('vite');
  // Vite takes NODE_ENV from the environment: under vitest (NODE_ENV=test) it would build Preact's
  // development code, 40% heavier. What is served and deployed is always the production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(WEB_DIR, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  await buildWidget(CONSOLE_DIST);
  writeFileSync(stamp, wanted);
  return true;
}

/**
 * What every answer of the local console carries, as CloudFront adds it in AWS: the console's
 * Content-Security-Policy (uploads and the API are this server's, no Cognito) and the hardening
 * headers.
 */
export const LOCAL_CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': consoleCsp(),
  ...CONSOLE_SECURITY_HEADERS,
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export interface LocalConsoleOptions {
  /** The built console (web/dist). */
  dir: string;
  tokenSecret: string;
}

/**
 * Handles what is not the API: returns false for /v1/* (and /docs) so the gateway answers it. The
 * console takes the root, where the gateway alone would show its landing page.
 */
export function localConsole({ dir, tokenSecret }: LocalConsoleOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    // The API, and the local API reference at /docs, are the gateway's.
    if (path === '/v1' || path.startsWith('/v1/') || path === '/docs' || path.startsWith('/docs/'))
      return false;
    const method = req.method ?? 'GET';

    if (path === '/config.json' && (method === 'GET' || method === 'HEAD')) {
      sendJson(res, 200, { auth: { kind: 'local' } });
      return true;
    }
    if (path === '/local/token') {
      if (method !== 'POST') {
        sendJson(res, 405, { title: 'Method not allowed', status: 405 });
        return true;
      }
      const refused = foreignSignIn(req);
      if (refused) {
        sendJson(res, 403, { type: 'about:blank', title: 'Forbidden', status: 403, detail: refused });
        return true;
      }
      const input = await readJson(req);
      const role = typeof input?.role === 'string' ? input.role : '';
      const sub = typeof input?.sub === 'string' ? input.sub.trim() : '';
      if (!isRole(role) || !/^[\w.@-]{1,64}$/.test(sub)) {
        sendJson(res, 422, {
          type: 'about:blank',
          title: 'Unprocessable content',
          status: 422,
          detail: 'Pick a role and a user id (letters, digits, ".", "@", "_" or "-").',
          errors: [
            ...(isRole(role)
              ? []
              : [{ path: 'role', message: 'must be author, editor, moderator or admin' }]),
            ...(/^[\w.@-]{1,64}$/.test(sub) ? [] : [{ path: 'sub', message: 'must be a user id' }]),
          ],
        });
        return true;
      }
      const token = await issueToken({ secret: tokenSecret, roles: [role], sub });
      sendJson(res, 200, { token, sub, roles: [role] });
      return true;
    }
    if (method !== 'GET' && method !== 'HEAD') return false;

    // A file of the build, or index.html for the console's own paths (deep links), as CloudFront does.
    const file = normalize(join(dir, decodeURIComponent(path)));
    const inside = file.startsWith(dir + sep);
    let target = inside && existsSync(file) && statSync(file).isFile() ? file : undefined;
    if (!target && !extname(path)) target = join(dir, 'index.html');
    if (!target || !existsSync(target)) {
      res
        .writeHead(404, { ...LOCAL_CONSOLE_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
        .end('Not found');
      return true;
    }
    const hashed = target.includes(`${sep}assets${sep}`);
    res.writeHead(200, {
      ...LOCAL_CONSOLE_HEADERS,
      'content-type': TYPES[extname(target)] ?? 'application/octet-stream',
      'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(method === 'HEAD' ? undefined : readFileSync(target));
    return true;
  };
}

/** localhost, 127.0.0.0/8 or [::1], as the URL parser writes a host (127.1 is 127.0.0.1). */
const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/**
 * Why a request may not have a dev token, or undefined when it may. The sign-in mints a token for
 * any role, so only a page of this server on this machine may ask: the Host must be a loopback
 * name (a DNS-rebinding page reaches 127.0.0.1 under its own name, and says so in Host), and the
 * request same-origin (no Origin, as from curl, or this server's own; a browser's Sec-Fetch-Site
 * neither cross-site nor same-site).
 */
export function foreignSignIn(req: IncomingMessage): string | undefined {
  const host = req.headers.host ?? '';
  let own: URL;
  try {
    own = new URL(`http://${host}`);
  } catch {
    own = new URL('http://invalid');
  }
  // Only host[:port]: anything else (user info, a path) is not a Host a browser sends.
  const plain = !own.username && !own.password && own.pathname === '/' && !own.search && !own.hash;
  if (!host || !plain || !isLoopback(own.hostname)) {
    return `The local sign-in answers only at localhost, 127.0.0.1 or [::1]; this request was for host "${host}".`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== own.origin) {
    return `The local sign-in answers only pages of ${own.origin}; this request came from "${origin}".`;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `The local sign-in answers only pages of ${own.origin}; this request was ${site}.`;
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, {
    ...LOCAL_CONSOLE_HEADERS,
    'content-type': status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
