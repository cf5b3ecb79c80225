/**
 * The web console's Content-Security-Policy, written once: CloudFront sends it for the console's
 * behaviour (constructs/console.ts) and `npm start` for the console it serves (local/console.ts).
 *
 * What the console loads is all its own: the Vite build (one module script and one stylesheet, no
 * inline script or style in index.html, no style attributes), /config.json, the API under /v1 and
 * media thumbnails under /media on the same origin. It reaches out to two places only, given here
 * as origins: the media bucket it posts uploads to (the presigned POST's target), and in AWS
 * Cognito's login domain, whose token endpoint the PKCE sign-in and the refresh call. Anything
 * injected (an inline script, an event handler attribute, a javascript: URL) does not run.
 * Media on another host needs that host added to img-src here (see docs/security.md).
 */
export interface ConsoleCspSources {
  /** Where uploads go, e.g. https://<bucket>.s3.<region>.amazonaws.com (none: same origin). */
  readonly uploadOrigin?: string;
  /** Cognito's login domain, e.g. https://<prefix>.auth.<region>.amazoncognito.com. */
  readonly loginOrigin?: string;
}

export function consoleCsp({ uploadOrigin, loginOrigin }: ConsoleCspSources = {}): string {
  const connect = ["'self'", uploadOrigin, loginOrigin].filter((source) => source !== undefined);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    `connect-src ${connect.join(' ')}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The other headers the console is served with, in AWS and locally alike. */
export const CONSOLE_SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
} as const;
