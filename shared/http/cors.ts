/**
 * Which browser origins may read the API's answers. Public routes (reads, comment submission,
 * preview links, the OpenAPI document) answer any origin: they carry no credentials and are meant
 * for frontends on their own domains. Token-bearing routes answer only the origins a stage lists
 * (`-c corsOrigins=...`; none by default, since the console is served on the API's own origin),
 * by echoing the request's Origin when it is one of them, never `*`.
 */
export type CorsAccess = 'public' | 'signed-in';

export const ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match'] as const;
export const EXPOSED_HEADERS = 'ETag, Location, Retry-After';

/** A comma-separated list of origins, each `https://host[:port]` (or `http://localhost[:port]`). */
export function parseOrigins(text: string | undefined): string[] {
  if (!text?.trim()) return [];
  return text.split(',').map((raw) => {
    const value = raw.trim();
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(`CORS origin "${value}" is not a URL such as https://news.example.org`);
    }
    const local = url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname);
    if ((url.protocol !== 'https:' && !local) || url.origin !== value) {
      throw new Error(
        `CORS origin "${value}" must be an origin: https://host[:port], no path, no wildcard (http only for localhost)`,
      );
    }
    return value;
  });
}

/** The CORS headers of an answer to `origin` on a route of this access. */
export function corsHeaders(
  access: CorsAccess,
  origin: string | undefined,
  allowed: readonly string[],
): Record<string, string> {
  if (access === 'public')
    return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
  // The answer differs by Origin, so a cache must key on it.
  const vary = { Vary: 'Origin' };
  if (!origin || !allowed.includes(origin)) return vary;
  return { ...vary, 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS };
}

/**
 * API Gateway's own answers (an authorizer's 401, a throttle's 429, an unknown route): any origin
 * may read them. They are problem documents about the refusal and carry no data, and a frontend
 * must be able to read a 429's Retry-After.
 */
export const GATEWAY_RESPONSE_CORS = corsHeaders('public', undefined, []);

/** The preflight answer for a path whose routes have this access. */
export function preflightHeaders(
  access: CorsAccess,
  origin: string | undefined,
  allowed: readonly string[],
): Record<string, string> {
  const base = corsHeaders(access, origin, allowed);
  if (!base['Access-Control-Allow-Origin']) return base;
  return {
    ...base,
    'Access-Control-Allow-Methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
    'Access-Control-Allow-Headers': ALLOWED_HEADERS.join(','),
  };
}
