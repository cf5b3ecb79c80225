import {
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { PreTokenGenerationTriggerEvent } from 'aws-lambda';
import { ADMIN_MFA_REFUSAL, hasTotp, requiresMfa } from '../shared/auth/mfa.ts';
import { log } from '../shared/log.ts';

const cognito = new CognitoIdentityProviderClient({});

/**
 * Cognito's pre-token-generation trigger (sign-in and refresh): tokens for a member of the admin
 * group are issued only if the user has an authenticator app registered, which (MFA optional, no
 * remembered devices) means the sign-in was challenged for it. Anyone else passes untouched.
 * Throwing makes Cognito refuse the sign-in or the refresh.
 */
export async function handler(
  event: PreTokenGenerationTriggerEvent,
): Promise<PreTokenGenerationTriggerEvent> {
  if (!requiresMfa(event.request.groupConfiguration?.groupsToOverride ?? [])) return event;
  const user = await cognito.send(
    new AdminGetUserCommand({ UserPoolId: event.userPoolId, Username: event.userName }),
  );
  if (!hasTotp(user.UserMFASettingList)) {
    log.warn('Refused tokens to an admin without MFA', { sub: event.request.userAttributes.sub });
    throw new Error(ADMIN_MFA_REFUSAL);
  }
  return event;
}
