import { aws_cognito as cognito, Duration, aws_iam as iam, type aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ROLES } from '../../shared/auth/principal.ts';
import type { StageConfig } from '../stage.ts';

export interface AuthProps {
  readonly stage: StageConfig;
}

/**
 * The Cognito user pool the API's authorizer trusts. Roles are groups, which reach the functions
 * as the token's `cognito:groups` claim. Users are invited by an admin: no self sign-up.
 */
export class Auth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  /** Refuses tokens to admins without an authenticator app; the Lambda comes from Functions. */
  requireAdminMfa(gate: lambda.IFunction): void {
    this.userPool.addTrigger(cognito.UserPoolOperation.PRE_TOKEN_GENERATION, gate);
    // A policy of its own, not the function's default policy: the function must not depend on the
    // pool (the pool depends on the function through its trigger).
    new iam.Policy(this, 'AdminMfaGateRead', {
      roles: gate.role ? [gate.role] : [],
      statements: [
        new iam.PolicyStatement({
          actions: ['cognito-idp:AdminGetUser'],
          resources: [this.userPool.userPoolArn],
        }),
      ],
    });
  }

  constructor(scope: Construct, id: string, { stage }: AuthProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `newsroom-cms-${stage.name}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // TOTP for everyone who registers an authenticator app; required of admins by the
      // pre-token-generation trigger (see shared/auth/mfa.ts: Cognito cannot require it per group).
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: stage.isProd,
      removalPolicy: stage.removalPolicy,
    });

    for (const role of ROLES) {
      new cognito.UserPoolGroup(this, `Group-${role}`, {
        userPool: this.userPool,
        groupName: role,
        description: `Newsroom CMS role: ${role}`,
      });
    }

    // A public client (no secret): USER_PASSWORD_AUTH lets `aws cognito-idp initiate-auth` fetch a
    // token from a terminal; SRP is what browser SDKs use. No OAuth at all: CDK would otherwise
    // enable the implicit grant with an https://example.com callback. The console has its own
    // client (code flow with PKCE, callbacks on its own URL: see console.ts).
    this.client = this.userPool.addClient('AppClient', {
      generateSecret: false,
      authFlows: { userPassword: true, userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
  }
}
