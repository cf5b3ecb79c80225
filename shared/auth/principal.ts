/**
 * Who is calling. Built from the claims the Cognito authorizer hands to Lambda, so the services
 * never see a token. Roles are the token's `cognito:groups`.
 */
export const ROLES = ['author', 'editor', 'moderator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The token's `sub`: the user's id, recorded as `createdBy`, `updatedBy` and audit `actor`. */
  readonly sub: string;
  readonly roles: ReadonlySet<Role>;
}

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * API Gateway's REST Cognito authorizer flattens every claim to a string; arrays arrive as
 * "a,b" and, in some integrations, as "[a b]". A raw JWT payload has a real array. Accept all.
 */
export function parseGroups(claim: unknown): Role[] {
  let values: string[];
  if (Array.isArray(claim)) values = claim.map(String);
  else if (typeof claim === 'string') {
    const trimmed = claim.trim();
    const inner = trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
    values = inner.split(/[\s,]+/);
  } else values = [];
  return [...new Set(values.map((v) => v.trim()).filter(isRole))];
}

export function principalFromClaims(claims: Record<string, unknown> | null | undefined): Principal | null {
  const sub = claims?.sub;
  if (typeof sub !== 'string' || sub === '') return null;
  return { sub, roles: new Set(parseGroups(claims?.['cognito:groups'])) };
}

/** Admin may do everything: the one place that says so. */
export const isAdmin = (principal: Principal): boolean => principal.roles.has('admin');

/** Admin satisfies every role check. */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return isAdmin(principal) || roles.some((role) => principal.roles.has(role));
}
