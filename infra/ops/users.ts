import { randomInt } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { ROLES, type Role } from '../../shared/auth/principal.ts';
import { awsErrorName, OpsError } from './errors.ts';

/** One stage's user pool, and the client that manages it. */
export interface UserPool {
  readonly cognito: CognitoIdentityProviderClient;
  readonly id: string;
}

export interface UserSummary {
  readonly email: string;
  /** Cognito's status: FORCE_CHANGE_PASSWORD until the first sign-in, then CONFIRMED. */
  readonly status: string;
  readonly enabled: boolean;
  readonly groups: readonly Role[];
  readonly created?: Date;
}

/** Rethrows Cognito's answer for a user that does not exist as a sentence about that email. */
async function aboutUser<T>(email: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (awsErrorName(error) === 'UserNotFoundException') throw new OpsError(`no user with email ${email}`);
    throw error;
  }
}

/**
 * Creates the user (the email is the user name; it is marked verified, since an admin vouches for
 * it) and puts them in their groups. With `invite`, Cognito emails a temporary password; without,
 * nothing is sent and the generated temporary password is returned to be handed over in person.
 */
export async function addUser(
  pool: UserPool,
  { email, groups, invite }: { email: string; groups: readonly Role[]; invite: boolean },
): Promise<{ temporaryPassword?: string }> {
  const temporaryPassword = invite ? undefined : generateTemporaryPassword();
  try {
    await pool.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: pool.id,
        Username: email,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
        ...(invite
          ? { DesiredDeliveryMediums: ['EMAIL'] }
          : { MessageAction: 'SUPPRESS', TemporaryPassword: temporaryPassword }),
      }),
    );
  } catch (error) {
    if (awsErrorName(error) === 'UsernameExistsException') {
      throw new OpsError(
        `a user with email ${email} already exists: change their groups with \`npm run users -- groups --email ${email} --set ${groups.join(',')}\``,
      );
    }
    throw error;
  }
  for (const group of groups) {
    try {
      await addToGroup(pool, email, group);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new OpsError(
        `created ${email} but could not add them to ${group} (${reason}): retry with \`npm run users -- groups --email ${email} --set ${groups.join(',')}\``,
      );
    }
  }
  return temporaryPassword === undefined ? {} : { temporaryPassword };
}

/** Deletes the user. Their id stays in the audit trail of what they did. */
export async function removeUser(pool: UserPool, email: string): Promise<void> {
  await aboutUser(email, () =>
    pool.cognito.send(new AdminDeleteUserCommand({ UserPoolId: pool.id, Username: email })),
  );
}

/** The CMS roles a user has (groups that are not roles are left out). */
export async function groupsOf(pool: UserPool, email: string): Promise<Role[]> {
  const groups: Role[] = [];
  let NextToken: string | undefined;
  do {
    const page = await aboutUser(email, () =>
      pool.cognito.send(
        new AdminListGroupsForUserCommand({
          UserPoolId: pool.id,
          Username: email,
          ...(NextToken ? { NextToken } : {}),
        }),
      ),
    );
    for (const group of page.Groups ?? []) if (isKnownRole(group.GroupName)) groups.push(group.GroupName);
    NextToken = page.NextToken;
  } while (NextToken);
  return sortRoles(groups);
}

/** Makes the user's roles exactly `groups`: adds the missing ones, then removes the others. */
export async function setGroups(
  pool: UserPool,
  email: string,
  groups: readonly Role[],
): Promise<{ added: Role[]; removed: Role[]; groups: Role[] }> {
  const current = await groupsOf(pool, email);
  const added = groups.filter((group) => !current.includes(group));
  const removed = current.filter((group) => !groups.includes(group));
  for (const group of added) await addToGroup(pool, email, group);
  for (const group of removed) {
    await aboutUser(email, () =>
      pool.cognito.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: pool.id, Username: email, GroupName: group }),
      ),
    );
  }
  return { added, removed, groups: sortRoles([...groups]) };
}

/** Every user of the pool with their roles, by email. One ListUsersInGroup per role, not per user. */
export async function listUsers(pool: UserPool): Promise<UserSummary[]> {
  const rolesByUsername = new Map<string, Role[]>();
  for (const role of ROLES) {
    let NextToken: string | undefined;
    do {
      const page = await pool.cognito.send(
        new ListUsersInGroupCommand({
          UserPoolId: pool.id,
          GroupName: role,
          ...(NextToken ? { NextToken } : {}),
        }),
      );
      for (const user of page.Users ?? []) {
        if (!user.Username) continue;
        rolesByUsername.set(user.Username, [...(rolesByUsername.get(user.Username) ?? []), role]);
      }
      NextToken = page.NextToken;
    } while (NextToken);
  }

  const users: UserSummary[] = [];
  let PaginationToken: string | undefined;
  do {
    const page = await pool.cognito.send(
      new ListUsersCommand({ UserPoolId: pool.id, ...(PaginationToken ? { PaginationToken } : {}) }),
    );
    for (const user of page.Users ?? []) {
      const email = user.Attributes?.find((attribute) => attribute.Name === 'email')?.Value;
      users.push({
        email: email ?? user.Username ?? '?',
        status: user.UserStatus ?? 'UNKNOWN',
        enabled: user.Enabled ?? true,
        groups: sortRoles(rolesByUsername.get(user.Username ?? '') ?? []),
        ...(user.UserCreateDate ? { created: user.UserCreateDate } : {}),
      });
    }
    PaginationToken = page.PaginationToken;
  } while (PaginationToken);
  return users.sort((a, b) => a.email.localeCompare(b.email));
}

async function addToGroup(pool: UserPool, email: string, group: Role): Promise<void> {
  await aboutUser(email, () =>
    pool.cognito.send(
      new AdminAddUserToGroupCommand({ UserPoolId: pool.id, Username: email, GroupName: group }),
    ),
  );
}

const isKnownRole = (name: string | undefined): name is Role =>
  (ROLES as readonly (string | undefined)[]).includes(name);
const sortRoles = (roles: Role[]): Role[] => roles.sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';

/**
 * A temporary password that satisfies the pool's policy (infra/constructs/auth.ts: at least 12
 * characters with lower case, upper case and digits): 20 characters from an alphabet without
 * look-alikes (no l, I, O, 0, 1), drawn with a cryptographic generator, one of each class forced.
 */
export function generateTemporaryPassword(length = 20): string {
  const all = LOWER + UPPER + DIGITS;
  const pick = (alphabet: string) => alphabet[randomInt(alphabet.length)] ?? '';
  const chars = [pick(LOWER), pick(UPPER), pick(DIGITS)];
  while (chars.length < length) chars.push(pick(all));
  // Shuffle so the forced classes are not always first (Fisher-Yates).
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
