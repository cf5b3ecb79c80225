import { parseArgs } from 'node:util';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { DEFAULT_STAGE, OUTPUTS } from '../deployed.ts';
import { runSmoke, SmokeFailure } from './smoke.ts';
import { stackOutput } from './stackOutputs.ts';

// `npm run smoke -- --api <url> [--cdn <url>]`: the walk of smoke.ts against a deployed stage or a
// local one. Two identities (four eyes): SMOKE_WRITER_TOKEN and SMOKE_REVIEWER_TOKEN, or Cognito
// users (SMOKE_WRITER=email:password, SMOKE_REVIEWER=email:password) signed in through the stage's
// app client (output UserPoolClientId of --stage, default dev).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const USAGE = `usage: npm run smoke -- --api <API URL> [--cdn <console URL>] [--stage <stage>]
identities (the writer creates and submits; the reviewer, in groups editor and moderator,
approves, publishes, approves the comment and unpublishes):
  SMOKE_WRITER_TOKEN, SMOKE_REVIEWER_TOKEN     bearer tokens, or
  SMOKE_WRITER, SMOKE_REVIEWER                 Cognito users as email:password (not admins:
                                               admins sign in with an authenticator code)`;

const { values } = parseArgs({
  options: {
    api: { type: 'string' },
    cdn: { type: 'string' },
    stage: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.api) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}

async function tokenFor(who: 'WRITER' | 'REVIEWER', clientId: () => Promise<string>): Promise<string> {
  const token = process.env[`SMOKE_${who}_TOKEN`];
  if (token) return token;
  const credentials = process.env[`SMOKE_${who}`];
  const at = credentials?.indexOf(':') ?? -1;
  if (!credentials || at < 1) {
    console.error(`Set SMOKE_${who}_TOKEN, or SMOKE_${who} as email:password.\n\n${USAGE}`);
    process.exit(2);
  }
  const answer = await new CognitoIdentityProviderClient({}).send(
    new InitiateAuthCommand({
      ClientId: await clientId(),
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: credentials.slice(0, at), PASSWORD: credentials.slice(at + 1) },
    }),
  );
  const idToken = answer.AuthenticationResult?.IdToken;
  if (!idToken) {
    throw new Error(
      `Cognito asked SMOKE_${who} for ${answer.ChallengeName ?? 'more'}: use a user without MFA.`,
    );
  }
  return idToken;
}

let clientIdOnce: Promise<string> | undefined;
const clientId = () => {
  clientIdOnce ??= stackOutput(
    new CloudFormationClient({}),
    values.stage ?? DEFAULT_STAGE,
    OUTPUTS.userPoolClientId,
  );
  return clientIdOnce;
};

try {
  const started = performance.now();
  const steps = await runSmoke({
    api: values.api,
    ...(values.cdn ? { cdn: values.cdn } : {}),
    writerToken: await tokenFor('WRITER', clientId),
    reviewerToken: await tokenFor('REVIEWER', clientId),
    log: (line) => console.log(line),
  });
  console.log(`\nSmoke test passed: ${steps.length} steps in ${Math.round(performance.now() - started)} ms.`);
} catch (error) {
  console.error(
    `\nSmoke test failed: ${error instanceof SmokeFailure ? error.message : error instanceof Error ? error.message : error}`,
  );
  process.exitCode = 1;
}
