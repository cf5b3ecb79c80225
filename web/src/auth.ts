/**
 * Signing in. Locally: a role and user picker that asks the local gateway for a dev token
 * (POST /local/token, which exists only under `npm start`). In AWS: Cognito's managed login with
 * the authorization code flow and PKCE, hand-written with fetch and WebCrypto. Tokens are kept in
 * memory and refreshed with the refresh token; only the PKCE verifier and state survive the
 * redirect, in sessionStorage. A local dev session is kept in sessionStorage so a reload keeps it.
 */

export type AuthConfig = { kind: 'local' } | { kind: 'cognito'; domain: string; clientId: string };
export interface ConsoleConfig {
  auth: AuthConfig;
}

export type Role = 'author' | 'editor' | 'moderator' | 'admin';
export const ROLES: readonly Role[] = ['author', 'editor', 'moderator', 'admin'];

export interface Session {
  token: string;
  sub: string;
  roles: Role[];
  /** Epoch ms when the token expires. */
  expiresAt: number;
  refreshToken?: string;
  /** A display name when the token carries one. */
  name?: string;
}

const LOCAL_KEY = 'newsroom.localSession';
const PKCE_KEY = 'newsroom.pkce';

let session: Session | undefined;
let config: ConsoleConfig = { auth: { kind: 'local' } };
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

export const currentSession = () => session;
export const authConfig = () => config.auth;
export function onSessionChange(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
function setSession(next: Session | undefined) {
  session = next;
  if (config.auth.kind === 'local') {
    if (next) sessionStorage.setItem(LOCAL_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(LOCAL_KEY);
  }
  if (refreshTimer) clearTimeout(refreshTimer);
  if (next?.refreshToken) {
    refreshTimer = setTimeout(() => void refresh(), Math.max(5_000, next.expiresAt - Date.now() - 60_000));
  }
  for (const listener of listeners) listener();
}

export const hasRole = (s: Session | undefined, ...roles: Role[]) =>
  !!s && (s.roles.includes('admin') || roles.some((r) => s.roles.includes(r)));

function claimsOf(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1] ?? '';
  const json = atob(
    part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '='),
  );
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
}

function sessionFromToken(token: string, refreshToken?: string): Session {
  const claims = claimsOf(token);
  const groups = claims['cognito:groups'];
  const roles = (Array.isArray(groups) ? groups : String(groups ?? '').split(','))
    .map(String)
    .filter((g): g is Role => (ROLES as readonly string[]).includes(g));
  return {
    token,
    sub: String(claims.sub ?? ''),
    roles,
    expiresAt: Number(claims.exp ?? 0) * 1000,
    ...(refreshToken ? { refreshToken } : {}),
    ...(typeof claims.email === 'string' ? { name: claims.email } : {}),
  };
}

/** Reads /config.json (written at deploy time in AWS, served by the local gateway) and any session. */
export async function initAuth(): Promise<void> {
  const response = await fetch('/config.json', { cache: 'no-store' });
  if (response.ok) config = (await response.json()) as ConsoleConfig;
  if (config.auth.kind === 'local') {
    const stored = sessionStorage.getItem(LOCAL_KEY);
    if (stored) {
      const parsed = JSON.parse(stored) as Session;
      if (parsed.expiresAt > Date.now()) session = parsed;
    }
    return;
  }
  if (window.location.pathname === '/callback') await completeCognitoSignIn();
}

/** Local only: a dev token for the chosen role and user id. Returns an error message on failure. */
export async function signInLocally(role: Role, sub: string): Promise<string | undefined> {
  const response = await fetch('/local/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ role, sub }),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as { detail?: string };
    return problem.detail ?? 'Signing in failed.';
  }
  const { token } = (await response.json()) as { token: string };
  setSession(sessionFromToken(token));
  return undefined;
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
const randomString = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
const redirectUri = () => `${window.location.origin}/callback`;

/** Cognito: off to the managed login page, with a PKCE challenge and a state to check on return. */
export async function startCognitoSignIn(returnTo = window.location.pathname + window.location.search) {
  if (config.auth.kind !== 'cognito') return;
  const verifier = randomString();
  const state = randomString();
  sessionStorage.setItem(PKCE_KEY, JSON.stringify({ verifier, state, returnTo }));
  const challenge = base64url(
    new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))),
  );
  const url = new URL(`https://${config.auth.domain}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.auth.clientId,
    redirect_uri: redirectUri(),
    scope: 'openid email profile',
    state,
    code_challenge_method: 'S256',
    code_challenge: challenge,
  }).toString();
  window.location.assign(url.toString());
}

async function tokenRequest(params: Record<string, string>) {
  if (config.auth.kind !== 'cognito') return undefined;
  const response = await fetch(`https://${config.auth.domain}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: config.auth.clientId, ...params }).toString(),
  });
  if (!response.ok) return undefined;
  return (await response.json()) as { id_token: string; refresh_token?: string };
}

async function completeCognitoSignIn() {
  const params = new URLSearchParams(window.location.search);
  const stored = JSON.parse(sessionStorage.getItem(PKCE_KEY) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PKCE_KEY);
  const code = params.get('code');
  let returnTo = '/';
  if (stored && code && params.get('state') === stored.state) {
    const tokens = await tokenRequest({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      code_verifier: stored.verifier,
    });
    if (tokens) setSession(sessionFromToken(tokens.id_token, tokens.refresh_token));
    returnTo = stored.returnTo.startsWith('/') && !stored.returnTo.startsWith('//') ? stored.returnTo : '/';
  }
  window.history.replaceState(null, '', returnTo === '/callback' ? '/' : returnTo);
}

/** A fresh ID token from the refresh token; false when there is none or it was refused. */
export async function refresh(): Promise<boolean> {
  if (config.auth.kind !== 'cognito' || !session?.refreshToken) return false;
  const tokens = await tokenRequest({ grant_type: 'refresh_token', refresh_token: session.refreshToken });
  if (!tokens) {
    setSession(undefined);
    return false;
  }
  setSession(sessionFromToken(tokens.id_token, session.refreshToken));
  return true;
}

export function signOut() {
  const auth = config.auth;
  setSession(undefined);
  if (auth.kind === 'cognito') {
    const url = new URL(`https://${auth.domain}/logout`);
    url.search = new URLSearchParams({
      client_id: auth.clientId,
      logout_uri: `${window.location.origin}/`,
    }).toString();
    window.location.assign(url.toString());
  }
}

/** The session ended (a 401 the refresh could not fix): forget it so the sign-in prompt shows. */
export function sessionExpired() {
  setSession(undefined);
}
