import { parseArgs } from 'node:util';
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { isRole, ROLES, type Role } from '../../shared/auth/principal.ts';
import { DEFAULT_STAGE, STAGE_NAME, stackNameOf } from '../deployed.ts';
import { explainFailure, UsageError } from './errors.ts';
import { userPoolIdOf } from './stackOutputs.ts';
import { addUser, groupsOf, listUsers, removeUser, setGroups, type UserPool } from './users.ts';

/** Every option any command takes, as node:util parseArgs declares them. */
const OPTIONS = {
  email: { type: 'string' },
  group: { type: 'string' },
  set: { type: 'string' },
  stage: { type: 'string' },
  'no-invite': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
type OptionName = keyof typeof OPTIONS;

/** The commands, the options each accepts and which are required: the parser and the usage agree. */
export const COMMANDS = {
  add: { options: ['email', 'group', 'no-invite', 'stage'], required: ['email', 'group'] },
  list: { options: ['stage'], required: [] },
  remove: { options: ['email', 'stage'], required: ['email'] },
  groups: { options: ['email', 'set', 'stage'], required: ['email'] },
} as const satisfies Record<string, { options: readonly OptionName[]; required: readonly OptionName[] }>;
export type CommandName = keyof typeof COMMANDS;

export const USAGE = `usage: npm run users -- <command> [options]

Manages the people of a deployed stage: the Cognito user pool that the stack
${stackNameOf('<stage>')} prints as its output UserPoolId. Uses your usual AWS
credentials and region (AWS_PROFILE, AWS_REGION, or the AWS_ACCESS_KEY_ID family).

commands:
  add --email E --group G[,G...] [--no-invite]
      create the user and put them in the groups. Cognito emails them a
      temporary password; with --no-invite nothing is sent and the temporary
      password is printed, once, for you to hand over.
  list
      every user: email, status, enabled, groups
  remove --email E
      delete the user (their id stays in the audit trail of what they did)
  groups --email E [--set G[,G...]]
      print the user's groups; with --set, make them exactly these

options of every command:
  --stage S   the stage whose stack to use (default: ${DEFAULT_STAGE})
  --help      print this text

groups: ${ROLES.join(', ')} (a group is a role; admin may do everything)
Changed groups reach the API with the user's next token, within an hour.
exit status: 0 done; 1 AWS refused or failed; 2 wrong command line (nothing sent)
`;

export type UsersCommand =
  | { readonly command: 'help' }
  | {
      readonly command: 'add';
      readonly stage: string;
      readonly email: string;
      readonly groups: Role[];
      readonly invite: boolean;
    }
  | { readonly command: 'list'; readonly stage: string }
  | { readonly command: 'remove'; readonly stage: string; readonly email: string }
  | { readonly command: 'groups'; readonly stage: string; readonly email: string; readonly set?: Role[] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]+$/;
const HINT = ' (npm run users -- --help)';

/** Reads the command line; every mistake is a UsageError, raised before anything is sent. */
export function parseUsersArgs(argv: readonly string[]): UsersCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n', 1)[0]}${HINT}`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { command: 'help' };
  const [name, ...extra] = positionals;
  if (name === undefined)
    throw new UsageError(`which command? one of ${Object.keys(COMMANDS).join(', ')}${HINT}`);
  if (!isCommand(name))
    throw new UsageError(`unknown command "${name}": one of ${Object.keys(COMMANDS).join(', ')}${HINT}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"${HINT}`);
  const spec = COMMANDS[name];
  for (const option of Object.keys(values) as OptionName[]) {
    if (option !== 'help' && !(spec.options as readonly OptionName[]).includes(option)) {
      throw new UsageError(`${name} takes no --${option}${HINT}`);
    }
  }
  for (const option of spec.required) {
    if (values[option] === undefined) throw new UsageError(`${name} needs --${option}${HINT}`);
  }

  const stage = values.stage ?? DEFAULT_STAGE;
  if (!STAGE_NAME.test(stage)) {
    throw new UsageError(
      `invalid --stage "${stage}": 1-20 lowercase letters, digits or hyphens, starting with a letter`,
    );
  }
  const email = values.email === undefined ? '' : parseEmail(values.email);
  switch (name) {
    case 'add':
      return {
        command: 'add',
        stage,
        email,
        groups: parseGroups('--group', values.group ?? ''),
        invite: !values['no-invite'],
      };
    case 'list':
      return { command: 'list', stage };
    case 'remove':
      return { command: 'remove', stage, email };
    case 'groups':
      return {
        command: 'groups',
        stage,
        email,
        ...(values.set === undefined ? {} : { set: parseGroups('--set', values.set) }),
      };
  }
}

const isCommand = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

function parseEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new UsageError(`"${raw}" is not an email address`);
  return email;
}

function parseGroups(flag: string, raw: string): Role[] {
  const names = raw
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) {
    throw new UsageError(
      `${flag} needs at least one of ${ROLES.join(', ')} (to take every role away, remove the user)`,
    );
  }
  const unknown = names.find((name) => !isRole(name));
  if (unknown !== undefined) throw new UsageError(`unknown group "${unknown}": one of ${ROLES.join(', ')}`);
  return [...new Set(names as Role[])];
}

export interface UsersDeps {
  readonly cloudFormation: CloudFormationClient;
  readonly cognito: CognitoIdentityProviderClient;
  /** One line of the result (stdout). */
  readonly out: (line: string) => void;
  /** One line of failure (stderr). */
  readonly err: (line: string) => void;
}

/** Runs `npm run users -- ...` and returns the exit status; never throws. */
export async function runUsers(argv: readonly string[], deps: UsersDeps): Promise<number> {
  try {
    const command = parseUsersArgs(argv);
    if (command.command === 'help') {
      deps.out(USAGE.trimEnd());
      return 0;
    }
    const stackName = stackNameOf(command.stage);
    const pool: UserPool = {
      cognito: deps.cognito,
      id: await userPoolIdOf(deps.cloudFormation, command.stage),
    };
    switch (command.command) {
      case 'add': {
        const { temporaryPassword } = await addUser(pool, command);
        const as = command.groups.join(', ');
        if (temporaryPassword === undefined) {
          deps.out(
            `invited ${command.email} to ${stackName} as ${as}: Cognito has emailed them a temporary password`,
          );
        } else {
          deps.out(`created ${command.email} in ${stackName} as ${as}; no email was sent`);
          deps.out(
            `temporary password (shown this once; to be changed at first sign-in): ${temporaryPassword}`,
          );
        }
        return 0;
      }
      case 'list': {
        const users = await listUsers(pool);
        if (users.length === 0) {
          deps.out(
            `no users in ${stackName} yet: npm run users -- add --email you@example.org --group admin --stage ${command.stage}`,
          );
          return 0;
        }
        const rows = [
          ['email', 'status', 'enabled', 'groups'],
          ...users.map((u) => [u.email, u.status, u.enabled ? 'yes' : 'no', u.groups.join(',') || '-']),
        ];
        const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
        for (const row of rows)
          deps.out(
            row
              .map((cell, i) => cell.padEnd(widths[i] ?? 0))
              .join('  ')
              .trimEnd(),
          );
        return 0;
      }
      case 'remove':
        await removeUser(pool, command.email);
        deps.out(`removed ${command.email} from ${stackName}`);
        return 0;
      case 'groups': {
        if (command.set === undefined) {
          const groups = await groupsOf(pool, command.email);
          deps.out(groups.length > 0 ? groups.join(',') : '-');
          return 0;
        }
        const { added, removed, groups } = await setGroups(pool, command.email, command.set);
        const change =
          [...added.map((g) => `+${g}`), ...removed.map((g) => `-${g}`)].join(' ') || 'no change';
        deps.out(`${command.email} in ${stackName}: ${groups.join(',')} (${change})`);
        return 0;
      }
    }
  } catch (error) {
    const failure = explainFailure(error);
    deps.err(`users: ${failure.message}`);
    return failure.exitCode;
  }
}
