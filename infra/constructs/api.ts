import {
  aws_apigateway as apigateway,
  type aws_cognito as cognito,
  type aws_lambda as lambda,
  aws_logs as logs,
  Size,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ALLOWED_HEADERS } from '../../shared/http/cors.ts';
import { type FunctionName, gatewayMethods, ROUTES } from '../../shared/http/routes.ts';
import type { StageConfig } from '../stage.ts';
import { addGatewayProblems } from './problems.ts';
import { PUBLIC_WRITE_ROUTES } from './waf.ts';

/** Stage-wide throttling; a method may set a stricter limit of its own (e.g. comment submission). */
export const THROTTLING = { rateLimit: 50, burstLimit: 100 } as const;
export const COMMENT_THROTTLING = { throttlingRateLimit: 5, throttlingBurstLimit: 10 } as const;

export interface ApiProps {
  readonly stage: StageConfig;
  readonly functions: Readonly<Record<FunctionName, lambda.IFunction>>;
  readonly userPool: cognito.IUserPool;
}

/** The REST API, one method per entry of the route table, each proxied to its route's function. */
export class Api extends Construct {
  readonly restApi: apigateway.RestApi;
  readonly authorizer: apigateway.CognitoUserPoolsAuthorizer;

  constructor(scope: Construct, id: string, { stage, functions, userPool }: ApiProps) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: stage.removalPolicy,
    });

    this.restApi = new apigateway.RestApi(this, 'RestApi', {
      restApiName: `newsroom-cms-${stage.name}`,
      description: 'Newsroom CMS: articles, editorial workflow, comments',
      endpointTypes: [apigateway.EndpointType.REGIONAL],
      // Access logging needs the account-level CloudWatch role; CDK creates it and keeps it on deletion.
      cloudWatchRole: true,
      // Lists and the OpenAPI document are JSON that compresses well; tiny replies are not worth it.
      minCompressionSize: Size.kibibytes(1),
      deployOptions: {
        stageName: stage.name,
        throttlingRateLimit: THROTTLING.rateLimit,
        throttlingBurstLimit: THROTTLING.burstLimit,
        accessLogDestination: new apigateway.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
        // Execution logs for every method, errors only; never request or response bodies (they
        // carry tokens and personal data).
        loggingLevel: apigateway.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        // The public writes (comments and reports) get a tighter budget than the stage, each its own.
        methodOptions: Object.fromEntries(
          PUBLIC_WRITE_ROUTES.map((route) => [`${route.path}/${route.method}`, COMMENT_THROTTLING]),
        ),
      },
    });

    this.authorizer = new apigateway.CognitoUserPoolsAuthorizer(this, 'Authorizer', {
      cognitoUserPools: [userPool],
      authorizerName: `newsroom-cms-${stage.name}`,
    });

    // One integration per function. Unscoped permission: one resource-policy statement per
    // function instead of one per method, which would grow past Lambda's policy size limit.
    const integrations = new Map<FunctionName, apigateway.LambdaIntegration>();
    const integrationFor = (name: FunctionName) => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new apigateway.LambdaIntegration(functions[name], { scopePermissionToMethod: false });
        integrations.set(name, integration);
      }
      return integration;
    };

    // The gateway checks that each method's declared path parameters are there; bodies, queries
    // and headers are validated by the dispatcher from the same route declarations, so that a
    // refusal is a problem document with per-field errors rather than the gateway's own format.
    const validator = this.restApi.addRequestValidator('Parameters', {
      requestValidatorName: 'path-parameters',
      validateRequestParameters: true,
      validateRequestBody: false,
    });

    for (const route of ROUTES) {
      const requestParameters = Object.fromEntries(
        [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [`method.request.path.${name}`, true]),
      );
      const auth: apigateway.MethodOptions =
        route.access === 'public'
          ? { authorizationType: apigateway.AuthorizationType.NONE }
          : { authorizationType: apigateway.AuthorizationType.COGNITO, authorizer: this.authorizer };
      for (const method of gatewayMethods(route)) {
        this.restApi.root.resourceForPath(route.path).addMethod(method, integrationFor(route.fn), {
          operationName: method === route.method ? route.id : `${route.id}Head`,
          requestValidator: validator,
          requestParameters,
          ...auth,
        });
      }
    }

    // CORS preflights, per path: public paths answer any origin; token-bearing paths only the
    // stage's listed origins, and none at all when it lists none (the console is same-origin).
    for (const path of new Set(ROUTES.map((route) => route.path))) {
      const signedIn = ROUTES.some((route) => route.path === path && route.access !== 'public');
      if (signedIn && stage.corsOrigins.length === 0) continue;
      this.restApi.root.resourceForPath(path).addCorsPreflight({
        allowOrigins: signedIn ? [...stage.corsOrigins] : apigateway.Cors.ALL_ORIGINS,
        allowMethods: apigateway.Cors.ALL_METHODS,
        allowHeaders: [...ALLOWED_HEADERS],
      });
    }

    addGatewayProblems(this.restApi);
  }
}
