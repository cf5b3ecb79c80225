import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import type { Role } from '../../shared/auth/principal.ts';

/**
 * Dev-signed tokens for the local gateway. They carry the claims a Cognito ID token carries
 * (`sub`, `cognito:groups`, `token_use`), HS256-signed with a secret kept in the local folder, so
 * `npm run token` and `npm start` agree without any setup. Never used in AWS.
 */
/** Local data and secrets: `.local/` in the checkout, or NEWSROOM_LOCAL_DIR (a second instance, tests). */
export const LOCAL_DIR = process.env.NEWSROOM_LOCAL_DIR
  ? resolve(process.env.NEWSROOM_LOCAL_DIR)
  : join(import.meta.dirname, '..', '..', '.local');
export const LOCAL_ISSUER = 'newsroom-cms-local';
const TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface LocalSecrets {
  tokenSecret: string;
  cursorSecret: string;
  previewSecret: string;
  fingerprintSecret: string;
  /** Signs local upload policies, which the local upload endpoint checks (infra/local/media.ts). */
  mediaSecret: string;
  /**
   * What CloudFront would send as the origin secret. Nothing sends it under `npm start` (there is
   * no CDN), so every request is keyed by its socket address, as API Gateway keys a direct call.
   */
  originSecret: string;
}

/**
 * The dev keys file: the local stand-in for Secrets Manager (the functions read it through
 * LOCAL_SECRETS_FILE, see shared/secrets.ts) and the key of the dev tokens.
 */
export const localSecretsFile = (dir = LOCAL_DIR) => join(dir, 'secrets.json');

/** Reads the local secrets, creating them on first use (mode 0600). */
export function localSecrets(dir = LOCAL_DIR): LocalSecrets {
  const file = localSecretsFile(dir);
  const stored: Partial<LocalSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const fresh = () => randomBytes(32).toString('hex');
  const secrets: LocalSecrets = {
    tokenSecret: stored.tokenSecret ?? fresh(),
    cursorSecret: stored.cursorSecret ?? fresh(),
    previewSecret: stored.previewSecret ?? fresh(),
    fingerprintSecret: stored.fingerprintSecret ?? fresh(),
    mediaSecret: stored.mediaSecret ?? fresh(),
    originSecret: stored.originSecret ?? fresh(),
  };
  // Written when new, or when a later version added a secret, so existing tokens keep working.
  if (Object.keys(stored).length !== Object.keys(secrets).length) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return secrets;
}

export async function issueToken(options: {
  secret: string;
  roles: readonly Role[];
  sub: string;
  ttlSeconds?: number;
}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    'cognito:groups': [...options.roles],
    token_use: 'id',
    'cognito:username': options.sub,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setSubject(options.sub)
    .setAudience('newsroom-cms-local-client')
    .setIssuedAt(now)
    .setExpirationTime(now + (options.ttlSeconds ?? TOKEN_TTL_SECONDS))
    .sign(new TextEncoder().encode(options.secret));
}

/**
 * Verifies a token the way the Cognito authorizer would (signature, issuer, expiry, ID token) and
 * returns its claims flattened to strings, as API Gateway hands them to Lambda.
 */
export async function verifyToken(token: string, secret: string): Promise<Record<string, string>> {
  const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
    issuer: LOCAL_ISSUER,
    algorithms: ['HS256'],
  });
  if (payload.token_use !== 'id') throw new Error('not an ID token');
  const claims: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    claims[key] = Array.isArray(value) ? value.join(',') : String(value);
  }
  return claims;
}
