import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { runUsers } from './usersCli.ts';

// `npm run users -- ...`: the command of usersCli.ts with the caller's own AWS configuration
// (credentials and region resolved by the SDK as for the AWS CLI). The SDK's Node 20 support
// notice would otherwise interleave with the command's one-line answers.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

process.exitCode = await runUsers(process.argv.slice(2), {
  cloudFormation: new CloudFormationClient({}),
  cognito: new CognitoIdentityProviderClient({}),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
