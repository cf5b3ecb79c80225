import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runUsers, USAGE } from '../../infra/ops/usersCli.ts';
import {
  cognitoError,
  cognitoOk,
  describeStacks,
  FAKE_KEY_ID,
  stackDoesNotExist,
  startRecordedAws,
  TEST_REGION,
} from './recordedAws.ts';

const aws = await startRecordedAws();
afterAll(() => aws.close());
beforeEach(() => {
  aws.sent.length = 0;
  expect(aws.pending()).toBe(0);
});

const POOL = 'eu-west-1_AbCdEf123';
const PROD = describeStacks('NewsroomCms-prod', { ApiUrl: 'https://x.example/prod/', UserPoolId: POOL });

/** Runs the command in process against the recorded endpoint; what it printed and its status. */
async function users(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runUsers(argv, {
    ...aws.clients(),
    out: (line) => out.push(line),
    err: (line) => err.push(line),
  });
  expect(aws.pending(), 'every recorded response was asked for').toBe(0);
  return {
    status,
    out,
    err,
    calls: aws.sent.map(({ service, action, params }) => ({ service, action, params })),
  };
}

const cognito = (action: string, params: Record<string, unknown>) => ({ service: 'cognito', action, params });
const lookup = (stage: string) => ({
  service: 'cloudformation',
  action: 'DescribeStacks',
  params: { Action: 'DescribeStacks', Version: '2010-05-15', StackName: `NewsroomCms-${stage}` },
});
const ONE_LINE = /^users: [^\n]+$/;

describe('npm run users -- add', () => {
  it('invites by default: the pool from the stack output, Cognito sends the mail, then the group', async () => {
    aws.respond(PROD, cognitoOk({ User: { Username: 'uuid-1' } }), cognitoOk());
    const result = await users(
      'add',
      '--email',
      'Editor@Example.org',
      '--group',
      'editor',
      '--stage',
      'prod',
    );
    expect(result.status).toBe(0);
    expect(result.calls).toEqual([
      lookup('prod'),
      cognito('AdminCreateUser', {
        UserPoolId: POOL,
        Username: 'editor@example.org',
        UserAttributes: [
          { Name: 'email', Value: 'editor@example.org' },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
      cognito('AdminAddUserToGroup', {
        UserPoolId: POOL,
        Username: 'editor@example.org',
        GroupName: 'editor',
      }),
    ]);
    expect(result.out).toEqual([
      'invited editor@example.org to NewsroomCms-prod as editor: Cognito has emailed them a temporary password',
    ]);
    expect(result.err).toEqual([]);
    // Signed with the credentials and region it was given, for the service it called.
    for (const { headers, service } of aws.sent) {
      const scope = service === 'cognito' ? 'cognito-idp' : 'cloudformation';
      expect(headers.authorization).toContain(`Credential=${FAKE_KEY_ID}/`);
      expect(headers.authorization).toContain(`/${TEST_REGION}/${scope}/aws4_request`);
    }
    expect(aws.sent[1]?.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.AdminCreateUser');
  });

  it('with --no-invite sends nothing and prints the temporary password it set, once', async () => {
    aws.respond(PROD, cognitoOk({ User: { Username: 'uuid-2' } }), cognitoOk(), cognitoOk());
    const result = await users(
      'add',
      '--email',
      'desk@example.org',
      '--group',
      'editor,moderator',
      '--no-invite',
      '--stage',
      'prod',
    );
    expect(result.status).toBe(0);
    const create = result.calls[1]?.params ?? {};
    expect(create.MessageAction).toBe('SUPPRESS');
    expect(create.DesiredDeliveryMediums).toBeUndefined();
    const password = String(create.TemporaryPassword);
    // The pool's policy (infra/constructs/auth.ts): 12+ characters, lower, upper and digits.
    expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[A-Za-z\d]{12,}$/);
    expect(result.calls.slice(2)).toEqual([
      cognito('AdminAddUserToGroup', { UserPoolId: POOL, Username: 'desk@example.org', GroupName: 'editor' }),
      cognito('AdminAddUserToGroup', {
        UserPoolId: POOL,
        Username: 'desk@example.org',
        GroupName: 'moderator',
      }),
    ]);
    expect(result.out).toEqual([
      'created desk@example.org in NewsroomCms-prod as editor, moderator; no email was sent',
      `temporary password (shown this once; to be changed at first sign-in): ${password}`,
    ]);
    expect(result.out.join('\n').split(password)).toHaveLength(2);
  });

  it('uses the dev stage unless told otherwise', async () => {
    aws.respond(
      describeStacks('NewsroomCms-dev', { UserPoolId: 'eu-west-1_dev' }),
      cognitoOk({ User: {} }),
      cognitoOk(),
    );
    const result = await users('add', '--email', 'a@example.org', '--group', 'author');
    expect(result.status).toBe(0);
    expect(result.calls[0]).toEqual(lookup('dev'));
    expect(result.calls[1]?.params.UserPoolId).toBe('eu-west-1_dev');
  });

  it('says the user exists, and how to change their groups, without touching their groups', async () => {
    aws.respond(
      PROD,
      cognitoError('UsernameExistsException', 'An account with the given email already exists.'),
    );
    const result = await users('add', '--email', 'editor@example.org', '--group', 'admin', '--stage', 'prod');
    expect(result.status).toBe(1);
    expect(result.err).toEqual([
      'users: a user with email editor@example.org already exists: change their groups with `npm run users -- groups --email editor@example.org --set admin`',
    ]);
    expect(result.calls.map((c) => c.action)).toEqual(['DescribeStacks', 'AdminCreateUser']);
    expect(result.out).toEqual([]);
  });

  it('says the user was created when the group could not be set', async () => {
    aws.respond(PROD, cognitoOk({ User: {} }), cognitoError('ResourceNotFoundException', 'Group not found.'));
    const result = await users('add', '--email', 'x@example.org', '--group', 'moderator', '--stage', 'prod');
    expect(result.status).toBe(1);
    expect(result.err).toEqual([
      'users: created x@example.org but could not add them to moderator (Group not found.): retry with `npm run users -- groups --email x@example.org --set moderator`',
    ]);
  });
});

describe('the stack', () => {
  it('not deployed: CloudFormation 400 ValidationError becomes one line that says how to deploy', async () => {
    aws.respond(stackDoesNotExist('NewsroomCms-staging'));
    const result = await users('list', '--stage', 'staging');
    expect(result.status).toBe(1);
    expect(result.err).toEqual([
      `users: stack NewsroomCms-staging is not deployed in ${TEST_REGION}: deploy it with \`npx cdk deploy -c stage=staging\` (or pass the right --stage, AWS_REGION and account)`,
    ]);
    expect(result.calls).toEqual([lookup('staging')]);
  });

  it('without the UserPoolId output (still being created) stops before any Cognito call', async () => {
    aws.respond(describeStacks('NewsroomCms-prod', {}, 'REVIEW_IN_PROGRESS'));
    const result = await users('add', '--email', 'a@example.org', '--group', 'admin', '--stage', 'prod');
    expect(result.status).toBe(1);
    expect(result.err[0]).toMatch(ONE_LINE);
    expect(result.err[0]).toContain('stack NewsroomCms-prod (REVIEW_IN_PROGRESS) has no output UserPoolId');
    expect(result.calls).toHaveLength(1);
  });

  it('a refusal from AWS is one line with its reason', async () => {
    aws.respond({
      status: 403,
      contentType: 'text/xml',
      body: '<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:iam::123456789012:user/intern is not authorized to perform: cloudformation:DescribeStacks</Message></Error><RequestId>r</RequestId></ErrorResponse>',
    });
    const result = await users('list', '--stage', 'prod');
    expect(result.status).toBe(1);
    expect(result.err).toEqual([
      'users: AWS refused (AccessDenied): User: arn:aws:iam::123456789012:user/intern is not authorized to perform: cloudformation:DescribeStacks',
    ]);
  });
});

describe('npm run users -- list, remove, groups', () => {
  it('lists every user with their groups, read once per group rather than once per user', async () => {
    const inGroup = (...names: string[]) => cognitoOk({ Users: names.map((Username) => ({ Username })) });
    aws.respond(
      PROD,
      inGroup('u-reporter'), // author
      inGroup('u-desk'), // editor
      inGroup('u-desk'), // moderator
      inGroup('u-chief'), // admin
      cognitoOk({
        Users: [
          {
            Username: 'u-reporter',
            UserStatus: 'FORCE_CHANGE_PASSWORD',
            Enabled: true,
            Attributes: [{ Name: 'email', Value: 'reporter@example.org' }],
          },
          {
            Username: 'u-chief',
            UserStatus: 'CONFIRMED',
            Enabled: true,
            Attributes: [{ Name: 'email', Value: 'chief@example.org' }],
          },
        ],
        PaginationToken: 'page-2',
      }),
      cognitoOk({
        Users: [
          {
            Username: 'u-desk',
            UserStatus: 'CONFIRMED',
            Enabled: false,
            Attributes: [{ Name: 'email', Value: 'desk@example.org' }],
          },
          {
            Username: 'u-nobody',
            UserStatus: 'CONFIRMED',
            Enabled: true,
            Attributes: [{ Name: 'email', Value: 'left@example.org' }],
          },
        ],
      }),
    );
    const result = await users('list', '--stage', 'prod');
    expect(result.status).toBe(0);
    expect(result.calls.slice(1, 5).map((c) => c.params.GroupName)).toEqual([
      'author',
      'editor',
      'moderator',
      'admin',
    ]);
    expect(result.calls[6]).toEqual(cognito('ListUsers', { UserPoolId: POOL, PaginationToken: 'page-2' }));
    expect(result.out).toEqual([
      'email                 status                 enabled  groups',
      'chief@example.org     CONFIRMED              yes      admin',
      'desk@example.org      CONFIRMED              no       editor,moderator',
      'left@example.org      CONFIRMED              yes      -',
      'reporter@example.org  FORCE_CHANGE_PASSWORD  yes      author',
    ]);
  });

  it('an empty pool says how to add the first admin', async () => {
    aws.respond(PROD, cognitoOk(), cognitoOk(), cognitoOk(), cognitoOk(), cognitoOk({ Users: [] }));
    const result = await users('list', '--stage', 'prod');
    expect(result.out).toEqual([
      'no users in NewsroomCms-prod yet: npm run users -- add --email you@example.org --group admin --stage prod',
    ]);
  });

  it('removes a user, and says so when there is no such user', async () => {
    aws.respond(PROD, cognitoOk());
    const removed = await users('remove', '--email', 'desk@example.org', '--stage', 'prod');
    expect(removed.status).toBe(0);
    expect(removed.calls[1]).toEqual(
      cognito('AdminDeleteUser', { UserPoolId: POOL, Username: 'desk@example.org' }),
    );
    expect(removed.out).toEqual(['removed desk@example.org from NewsroomCms-prod']);

    aws.sent.length = 0;
    aws.respond(PROD, cognitoError('UserNotFoundException', 'User does not exist.'));
    const missing = await users('remove', '--email', 'desk@example.org', '--stage', 'prod');
    expect(missing.status).toBe(1);
    expect(missing.err).toEqual(['users: no user with email desk@example.org']);
  });

  it('prints the groups, and --set adds the missing ones and removes the others', async () => {
    aws.respond(PROD, cognitoOk({ Groups: [{ GroupName: 'editor' }, { GroupName: 'author' }] }));
    const shown = await users('groups', '--email', 'desk@example.org', '--stage', 'prod');
    expect(shown.out).toEqual(['author,editor']);
    expect(shown.calls[1]).toEqual(
      cognito('AdminListGroupsForUser', { UserPoolId: POOL, Username: 'desk@example.org' }),
    );

    aws.sent.length = 0;
    aws.respond(
      PROD,
      cognitoOk({ Groups: [{ GroupName: 'editor' }, { GroupName: 'author' }] }),
      cognitoOk(),
      cognitoOk(),
    );
    const set = await users(
      'groups',
      '--email',
      'desk@example.org',
      '--set',
      'editor,admin',
      '--stage',
      'prod',
    );
    expect(set.status).toBe(0);
    expect(set.calls.slice(2)).toEqual([
      cognito('AdminAddUserToGroup', { UserPoolId: POOL, Username: 'desk@example.org', GroupName: 'admin' }),
      cognito('AdminRemoveUserFromGroup', {
        UserPoolId: POOL,
        Username: 'desk@example.org',
        GroupName: 'author',
      }),
    ]);
    expect(set.out).toEqual(['desk@example.org in NewsroomCms-prod: editor,admin (+admin -author)']);

    aws.sent.length = 0;
    aws.respond(PROD, cognitoError('UserNotFoundException', 'User does not exist.'));
    const missing = await users('groups', '--email', 'gone@example.org', '--stage', 'prod');
    expect(missing.err).toEqual(['users: no user with email gone@example.org']);
    expect(missing.status).toBe(1);
  });
});

describe('the command line', () => {
  it('--help prints the usage and sends nothing', async () => {
    for (const argv of [['--help'], ['add', '-h'], ['help']]) {
      const result = await users(...argv);
      expect(result.status).toBe(0);
      expect(result.out).toEqual([USAGE.trimEnd()]);
      expect(result.calls).toEqual([]);
    }
  });

  it.each([
    [
      ['add', '--email', 'not-an-email', '--group', 'editor'],
      'users: "not-an-email" is not an email address',
    ],
    [
      ['add', '--email', 'a@example.org', '--group', 'chief'],
      'users: unknown group "chief": one of author, editor, moderator, admin',
    ],
    [['add', '--email', 'a@example.org'], 'users: add needs --group (npm run users -- --help)'],
    [['remove'], 'users: remove needs --email (npm run users -- --help)'],
    [['list', '--email', 'a@example.org'], 'users: list takes no --email (npm run users -- --help)'],
    [
      ['promote', '--email', 'a@example.org'],
      'users: unknown command "promote": one of add, list, remove, groups (npm run users -- --help)',
    ],
    [[], 'users: which command? one of add, list, remove, groups (npm run users -- --help)'],
    [
      ['list', '--stage', 'Prod'],
      'users: invalid --stage "Prod": 1-20 lowercase letters, digits or hyphens, starting with a letter',
    ],
    [
      ['groups', '--email', 'a@example.org', '--set', ''],
      'users: --set needs at least one of author, editor, moderator, admin (to take every role away, remove the user)',
    ],
  ])('%j is refused with exit 2 before anything is sent', async (argv, message) => {
    const result = await users(...argv);
    expect(result.status).toBe(2);
    expect(result.err).toEqual([message]);
    expect(result.calls).toEqual([]);
  });

  it('an unknown option is refused with exit 2', async () => {
    const result = await users('add', '--email', 'a@example.org', '--group', 'admin', '--invite-later');
    expect(result.status).toBe(2);
    expect(result.err[0]).toMatch(ONE_LINE);
    expect(result.err[0]).toContain("'--invite-later'");
  });
});

describe('npm run users, as a process with no AWS configuration', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  // A laptop without AWS: no AWS_* variables, an empty home (no ~/.aws), no instance metadata.
  const bare = (extra: Record<string, string>) => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (!key.startsWith('AWS_') && value !== undefined) env[key] = value;
    }
    return {
      ...env,
      HOME: mkdtempSync(join(tmpdir(), 'ops-users-home-')),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extra,
    };
  };
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'infra/ops/usersMain.ts', 'list', '--stage', 'prod'], {
      cwd: ROOT,
      encoding: 'utf8',
      env,
      timeout: 30_000,
    });

  it('without a region, says to set one', () => {
    const result = run(bare({}));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'users: no AWS region: set AWS_REGION (or a region in your AWS profile) to where the stack is deployed\n',
    );
  });

  it('without credentials, says how to sign in', () => {
    const result = run(bare({ AWS_REGION: TEST_REGION }));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^users: no AWS credentials found: sign in as for the AWS CLI \(AWS_PROFILE[^\n]*\)\n$/,
    );
  });
});
