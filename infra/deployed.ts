/**
 * How a deployed stage is found: its stack's name and the outputs operator tools read from it.
 * Shared by the CDK app and the tools in infra/ops/, which must not load aws-cdk-lib to know them.
 */

/** Becomes part of the stack name and the API Gateway stage name, so keep it to a safe alphabet. */
export const STAGE_NAME = /^[a-z][a-z0-9-]{0,19}$/;

export const DEFAULT_STAGE = 'dev';

export const stackNameOf = (stage: string): string => `NewsroomCms-${stage}`;

/** CloudFormation output keys the stack prints and tools look up. */
export const OUTPUTS = {
  userPoolId: 'UserPoolId',
  userPoolClientId: 'UserPoolClientId',
} as const;
