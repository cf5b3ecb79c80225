/**
 * MFA for admins. Cognito's MFA setting is per user pool, not per group, and its tokens carry no
 * claim saying whether a session used MFA (no `amr`), so the API cannot check it per request.
 * The pool offers TOTP to everyone (MFA optional: a user with an authenticator app registered is
 * challenged at every sign-in, and no device is remembered), and a pre-token-generation trigger
 * (functions/adminMfaGate.ts) refuses to issue or refresh tokens for a member of these groups who
 * has no authenticator app registered. An admin's token therefore always follows a TOTP challenge.
 */
export const MFA_REQUIRED_GROUPS: readonly string[] = ['admin'];

export const ADMIN_MFA_REFUSAL =
  'Admins must sign in with an authenticator app: register one (TOTP) before joining the admin group.';

export const requiresMfa = (groups: readonly string[]): boolean =>
  groups.some((group) => MFA_REQUIRED_GROUPS.includes(group));

/** Whether AdminGetUser's UserMFASettingList shows an authenticator app (TOTP) in use. */
export const hasTotp = (mfaSettings: readonly string[] | undefined): boolean =>
  (mfaSettings ?? []).includes('SOFTWARE_TOKEN_MFA');
