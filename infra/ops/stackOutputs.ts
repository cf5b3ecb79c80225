import {
  type CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandOutput,
} from '@aws-sdk/client-cloudformation';
import { OUTPUTS, stackNameOf } from '../deployed.ts';
import { awsErrorName, OpsError } from './errors.ts';

/**
 * The value of one output of a stage's deployed stack, read with DescribeStacks. A stack that is
 * not deployed (CloudFormation answers ValidationError "Stack with id ... does not exist") or
 * that lacks the output (still creating, rolled back, an older version) is a clear OpsError.
 */
export async function stackOutput(
  cloudFormation: CloudFormationClient,
  stage: string,
  outputKey: string,
): Promise<string> {
  const stackName = stackNameOf(stage);
  const deployHint = `deploy it with \`npx cdk deploy -c stage=${stage}\` (or pass the right --stage, AWS_REGION and account)`;
  let answer: DescribeStacksCommandOutput;
  try {
    answer = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  } catch (error) {
    if (awsErrorName(error) === 'ValidationError' && /does not exist/.test((error as Error).message)) {
      throw new OpsError(
        `stack ${stackName} is not deployed in ${await regionOf(cloudFormation)}: ${deployHint}`,
      );
    }
    throw error;
  }
  const stack = answer.Stacks?.[0];
  const value = stack?.Outputs?.find((output) => output.OutputKey === outputKey)?.OutputValue;
  if (!value) {
    throw new OpsError(
      `stack ${stackName} (${stack?.StackStatus ?? 'no status'}) has no output ${outputKey}: ${deployHint}`,
    );
  }
  return value;
}

export const userPoolIdOf = (cloudFormation: CloudFormationClient, stage: string): Promise<string> =>
  stackOutput(cloudFormation, stage, OUTPUTS.userPoolId);

async function regionOf(client: CloudFormationClient): Promise<string> {
  try {
    return await client.config.region();
  } catch {
    return 'this region';
  }
}
