import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { THROTTLING } from '../../infra/constructs/api.ts';
import {
  ACCESS_LEVELS,
  FUNCTION_ACCESS,
  grantedIndexes,
  TIMEOUT_SECONDS,
  touchesData,
} from '../../infra/constructs/functions.ts';
import { GATEWAY_PROBLEMS } from '../../infra/constructs/problems.ts';
import { stageConfig } from '../../infra/stage.ts';
import { ROLES } from '../../shared/auth/principal.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName, gatewayMethods, ROUTES } from '../../shared/http/routes.ts';
import {
  CONTENT_TABLE,
  createTableInput,
  SEARCH_TABLE,
  TABLES,
  type TableDefinition,
} from '../../shared/store/tables.ts';
import {
  logicalIdOf,
  resourcesOfType,
  statementsOfRole,
  synthesized,
  type TemplateJson,
  type TemplateResource,
} from './synth.ts';

// Synthesized without bundling (see synth.ts): these tests read the template, not the code.
const dev = await synthesized('dev');
const prod = await synthesized('prod');
const devJson = dev.template;
const devTemplate = Template.fromJSON(devJson);
const prodJson = prod.template;

const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];
const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** The CMS's own functions, without those CDK adds for its custom resources (S3 deployment, auto-delete). */
const appFunctions = (template: TemplateJson) =>
  resourcesOfType<FunctionProps>(template, 'AWS::Lambda::Function').filter(
    // CDK's own custom resources (bucket deployments and auto-delete, the bucket notifications).
    ([id]) => !id.startsWith('Custom') && !id.startsWith('BucketNotificationsHandler'),
  );

function resource<P = Record<string, unknown>>(template: TemplateJson, id: string): TemplateResource<P> {
  const found = template.Resources[id];
  if (!found) throw new Error(`No resource ${id} in the template`);
  return found as TemplateResource<P>;
}

// ---------------------------------------------------------------------------------------------
// API: methods by resource path

interface MethodProps {
  HttpMethod: string;
  ResourceId: { Ref?: string };
  AuthorizationType: string;
  AuthorizerId?: { Ref: string };
  OperationName?: string;
  Integration: { Type: string; IntegrationHttpMethod?: string; Uri?: unknown };
}

interface Method extends MethodProps {
  path: string;
}

function methodsOf(template: TemplateJson): Method[] {
  const resources = new Map(
    resourcesOfType<{ ParentId: { Ref?: string }; PathPart: string }>(template, 'AWS::ApiGateway::Resource'),
  );
  // A resource's ParentId is a Ref to another resource, or the API's RootResourceId for "/".
  const pathOf = (id: string | undefined): string => {
    if (id === undefined) return '';
    const r = resources.get(id);
    if (!r) throw new Error(`No API resource ${id}`);
    return `${pathOf(r.Properties.ParentId.Ref)}/${r.Properties.PathPart}`;
  };
  return resourcesOfType<MethodProps>(template, 'AWS::ApiGateway::Method').map(([, m]) => ({
    ...m.Properties,
    path: pathOf(m.Properties.ResourceId.Ref) || '/',
  }));
}

describe('API routes', () => {
  const methods = methodsOf(devJson);
  const routeMethods = methods.filter((m) => m.HttpMethod !== 'OPTIONS');
  const [authorizerId, authorizer] = resourcesOfType<{ Type: string; ProviderARNs: unknown[] }>(
    devJson,
    'AWS::ApiGateway::Authorizer',
  )[0] ?? ['', undefined];
  const userPoolId = logicalIdOf(dev.stack, dev.stack.auth.userPool);

  it('has one Cognito user pool authorizer on the stack user pool', () => {
    expect(resourcesOfType(devJson, 'AWS::ApiGateway::Authorizer')).toHaveLength(1);
    expect(authorizer?.Properties.Type).toBe('COGNITO_USER_POOLS');
    expect(authorizer?.Properties.ProviderARNs).toEqual([getAtt(userPoolId, 'Arn')]);
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s exists, wired to its function',
    (_, route) => {
      const matching = routeMethods.filter((m) => m.path === route.path && m.HttpMethod === route.method);
      expect(matching).toHaveLength(1);
      const method = matching[0] as Method;
      expect(method.OperationName).toBe(route.id);
      expect(method.Integration.Type).toBe('AWS_PROXY');
      expect(method.Integration.IntegrationHttpMethod).toBe('POST');
      const fnId = logicalIdOf(dev.stack, dev.stack.functions.byName[route.fn]);
      expect(JSON.stringify(method.Integration.Uri)).toContain(JSON.stringify(getAtt(fnId, 'Arn')));
      if (route.access === 'public') {
        expect(method.AuthorizationType).toBe('NONE');
        expect(method.AuthorizerId).toBeUndefined();
      } else {
        expect(method.AuthorizationType).toBe('COGNITO_USER_POOLS');
        expect(method.AuthorizerId).toEqual(ref(authorizerId));
      }
    },
  );

  it('has no method that is not in the route table (besides CORS preflights)', () => {
    const inTemplate = routeMethods.map((m) => `${m.HttpMethod} ${m.path}`).sort();
    expect(inTemplate).toEqual(
      ROUTES.flatMap((r) => gatewayMethods(r).map((method) => `${method} ${r.path}`)).sort(),
    );
  });

  it('answers HEAD beside every public GET, with the same function and no authorizer', () => {
    const publicGets = ROUTES.filter((r) => r.method === 'GET' && r.access === 'public');
    expect(publicGets.length).toBeGreaterThan(0);
    for (const route of publicGets) {
      const [get, head] = ['GET', 'HEAD'].map((verb) =>
        routeMethods.find((m) => m.path === route.path && m.HttpMethod === verb),
      );
      expect(head, `HEAD ${route.path}`).toMatchObject({
        OperationName: `${route.id}Head`,
        AuthorizationType: 'NONE',
        Integration: { Type: 'AWS_PROXY', Uri: get?.Integration.Uri },
      });
    }
    expect(routeMethods.filter((m) => m.HttpMethod === 'HEAD')).toHaveLength(publicGets.length);
  });

  it('leaves no method under /v1/admin without the authorizer', () => {
    const admin = routeMethods.filter((m) => m.path.startsWith('/v1/admin'));
    expect(admin.length).toBeGreaterThan(0);
    for (const method of admin) {
      expect(method.AuthorizationType, `${method.HttpMethod} ${method.path}`).toBe('COGNITO_USER_POOLS');
      expect(method.AuthorizerId).toEqual(ref(authorizerId));
    }
  });

  it('answers OPTIONS only with a mock CORS preflight, never a function', () => {
    for (const method of methods.filter((m) => m.HttpMethod === 'OPTIONS')) {
      expect(method.Integration.Type).toBe('MOCK');
    }
  });

  it('lets API Gateway invoke each API function, and only from this API', () => {
    const apiId = logicalIdOf(dev.stack, dev.stack.api.restApi);
    for (const name of FUNCTION_NAMES.filter((n) => FUNCTIONS[n].trigger === 'api')) {
      const fnId = logicalIdOf(dev.stack, dev.stack.functions.byName[name]);
      const permissions = resourcesOfType<{ FunctionName: unknown; Principal: string; SourceArn: unknown }>(
        devJson,
        'AWS::Lambda::Permission',
      ).filter(([, p]) => same(p.Properties.FunctionName, getAtt(fnId, 'Arn')));
      expect(permissions.length, name).toBeGreaterThan(0);
      for (const [, p] of permissions) {
        expect(p.Properties.Principal).toBe('apigateway.amazonaws.com');
        expect(JSON.stringify(p.Properties.SourceArn)).toContain(JSON.stringify(ref(apiId)));
      }
    }
  });
});

describe('API stage', () => {
  it('is named after the stage, throttled, and access-logged as JSON', () => {
    const stages = resourcesOfType<{
      StageName: string;
      MethodSettings: {
        HttpMethod: string;
        ResourcePath: string;
        ThrottlingRateLimit: number;
        ThrottlingBurstLimit: number;
      }[];
      AccessLogSetting: { DestinationArn: unknown; Format: string };
    }>(devJson, 'AWS::ApiGateway::Stage');
    expect(stages).toHaveLength(1);
    const stage = (stages[0] as [string, TemplateResource<(typeof stages)[0][1]['Properties']>])[1]
      .Properties;
    expect(stage.StageName).toBe('dev');
    const all = stage.MethodSettings.find((s) => s.HttpMethod === '*' && s.ResourcePath === '/*');
    expect(all?.ThrottlingRateLimit).toBe(THROTTLING.rateLimit);
    expect(all?.ThrottlingBurstLimit).toBe(THROTTLING.burstLimit);
    const logGroups = resourcesOfType(devJson, 'AWS::Logs::LogGroup').map(([id]) => id);
    expect(logGroups.some((id) => same(stage.AccessLogSetting.DestinationArn, getAtt(id, 'Arn')))).toBe(true);
    expect(JSON.parse(stage.AccessLogSetting.Format)).toMatchObject({ requestId: '$context.requestId' });
  });

  it('has the account-level CloudWatch role that access logging needs', () => {
    expect(resourcesOfType(devJson, 'AWS::ApiGateway::Account')).toHaveLength(1);
  });
});

describe('gateway responses', () => {
  interface GatewayResponseProps {
    ResponseType: string;
    StatusCode: string;
    ResponseParameters: Record<string, string>;
    ResponseTemplates: Record<string, string>;
  }
  const responses = new Map(
    resourcesOfType<GatewayResponseProps>(devJson, 'AWS::ApiGateway::GatewayResponse').map(([, r]) => [
      r.Properties.ResponseType,
      r.Properties,
    ]),
  );

  it.each([
    ['UNAUTHORIZED', 401, '/problems/unauthorized'],
    ['ACCESS_DENIED', 403, '/problems/forbidden'],
    ['MISSING_AUTHENTICATION_TOKEN', 404, '/problems/not-found'],
    ['THROTTLED', 429, '/problems/too-many-requests'],
    ['DEFAULT_4XX', 400, undefined],
    ['DEFAULT_5XX', undefined, undefined],
  ] as const)('%s is a %s problem document', (type, status, problemType) => {
    const response = responses.get(type);
    expect(response).toBeDefined();
    if (status !== undefined) expect(response?.StatusCode).toBe(String(status));
    const body = JSON.parse(response?.ResponseTemplates['application/json'] ?? '{}') as Record<
      string,
      unknown
    >;
    expect(body.type).toMatch(/^\/problems\/[a-z-]+$/);
    if (problemType) expect(body.type).toBe(problemType);
  });

  it.each(GATEWAY_PROBLEMS.map((p) => [p.type.responseType] as const))('%s is well-formed', (type) => {
    const response = responses.get(type) as GatewayResponseProps;
    expect(response.ResponseParameters['gatewayresponse.header.Content-Type']).toBe(
      "'application/problem+json'",
    );
    const body = JSON.parse(response.ResponseTemplates['application/json'] ?? '') as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['detail', 'requestId', 'status', 'title', 'type']);
    expect(body.status).toBe(Number(response.StatusCode));
    expect(body.requestId).toBe('$context.requestId');
    // Only mapping expressions API Gateway fills in; no stack trace or internal message.
    expect(JSON.stringify(body).replace('$context.requestId', '')).not.toContain('$');
  });

  it('sends a Retry-After on 429', () => {
    expect(responses.get('THROTTLED')?.ResponseParameters['gatewayresponse.header.Retry-After']).toMatch(
      /^'\d+'$/,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Data

interface GlobalTableProps {
  KeySchema: unknown[];
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  GlobalSecondaryIndexes: unknown[];
  BillingMode: string;
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
  Replicas: {
    DeletionProtectionEnabled?: boolean;
    PointInTimeRecoverySpecification?: { PointInTimeRecoveryEnabled: boolean };
    Tags?: { Key: string; Value: string }[];
  }[];
}

describe('tables', () => {
  it('creates exactly the tables of shared/store/tables.ts', () => {
    expect(resourcesOfType(devJson, 'AWS::DynamoDB::GlobalTable')).toHaveLength(TABLES.length);
    expect(resourcesOfType(devJson, 'AWS::DynamoDB::Table')).toHaveLength(0);
  });

  it.each(TABLES.map((t) => [t.id, t] as const))('%s matches its definition', (_, definition) => {
    const table = resource<GlobalTableProps>(
      devJson,
      logicalIdOf(dev.stack, dev.stack.data.table(definition)),
    );
    const expected = createTableInput(definition, 'unused');
    const byName = (a: { AttributeName: string }, b: { AttributeName: string }) =>
      a.AttributeName.localeCompare(b.AttributeName);
    expect(table.Properties.KeySchema).toEqual(expected.KeySchema);
    expect([...table.Properties.AttributeDefinitions].sort(byName)).toEqual(
      [...expected.AttributeDefinitions].sort(byName),
    );
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(expected.GlobalSecondaryIndexes);
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    if (definition.ttlAttribute) {
      expect(table.Properties.TimeToLiveSpecification).toEqual({
        AttributeName: definition.ttlAttribute,
        Enabled: true,
      });
    }
    expect(table.Properties.Replicas).toHaveLength(1);
    for (const replica of table.Properties.Replicas) {
      expect(replica.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled).toBe(true);
    }
  });

  it('has no index of every working copy: the unfiltered admin list merges byStatus', () => {
    const content = resource<GlobalTableProps>(
      devJson,
      logicalIdOf(dev.stack, dev.stack.data.table(CONTENT_TABLE)),
    );
    expect(
      (content.Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map((i) => i.IndexName).sort(),
    ).toEqual(['byAuthor', 'bySection', 'byStatus', 'byUnpublishAt']);
    // Nor does any grant, alarm or attribute definition still name it, in either stage.
    for (const template of [devJson, prodJson]) {
      expect(JSON.stringify(template)).not.toMatch(/byUpdated|gsiAll/);
    }
  });

  it('keeps prod tables on deletion, with deletion protection; dev may destroy them', () => {
    for (const [, table] of resourcesOfType<GlobalTableProps>(prodJson, 'AWS::DynamoDB::GlobalTable')) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
      for (const replica of table.Properties.Replicas) expect(replica.DeletionProtectionEnabled).toBe(true);
    }
    for (const [, table] of resourcesOfType<GlobalTableProps>(devJson, 'AWS::DynamoDB::GlobalTable')) {
      expect(table.DeletionPolicy).toBe('Delete');
      for (const replica of table.Properties.Replicas) expect(replica.DeletionProtectionEnabled).toBe(false);
    }
  });

  it('keeps the prod user pool too', () => {
    for (const [, pool] of resourcesOfType(prodJson, 'AWS::Cognito::UserPool'))
      expect(pool.DeletionPolicy).toBe('Retain');
  });
});

// ---------------------------------------------------------------------------------------------
// Functions

interface FunctionProps {
  Runtime: string;
  Architectures: string[];
  Handler: string;
  MemorySize: number;
  Timeout: number;
  Role: unknown;
  Environment?: { Variables: Record<string, unknown> };
  LoggingConfig?: { LogGroup: unknown };
  Tags?: { Key: string; Value: string }[];
}

/** The item-level actions any function may ever have. No Scan, no table administration. */
const ITEM_ACTIONS = new Set([
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:BatchWriteItem',
]);

/** Reading a table's stream: the outbox relay's alone, granted by its event source mappings. */
const STREAM_ACTIONS = new Set([
  'dynamodb:DescribeStream',
  'dynamodb:GetRecords',
  'dynamodb:GetShardIterator',
  'dynamodb:ListStreams',
]);
const STREAM_READER: FunctionName = 'eventRelay';

describe('functions', () => {
  const tableIdOf = (definition: TableDefinition) => logicalIdOf(dev.stack, dev.stack.data.table(definition));

  const fnOf = (name: FunctionName) =>
    resource<FunctionProps>(devJson, logicalIdOf(dev.stack, dev.stack.functions.byName[name])).Properties;
  const roleOf = (name: FunctionName) =>
    (fnOf(name).Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

  /** Names a statement resource: "<table id>" for a table ARN, "<table id>/index/*" for its indexes. */
  function targetName(target: unknown): string {
    for (const definition of TABLES) {
      const tableArn = getAtt(tableIdOf(definition), 'Arn');
      if (same(target, tableArn)) return definition.id;
      for (const index of ['*', ...definition.indexes.map((i) => i.name)]) {
        if (same(target, { 'Fn::Join': ['', [tableArn, `/index/${index}`]] }))
          return `${definition.id}/index/${index}`;
      }
    }
    return JSON.stringify(target);
  }

  /** "action on target" for each DynamoDB permission of a function. */
  function dynamoGrants(name: FunctionName): string[] {
    const grants: string[] = [];
    for (const statement of statementsOfRole(devJson, roleOf(name))) {
      const actions = asArray(statement.Action).filter(
        (a) => (a.startsWith('dynamodb:') && !STREAM_ACTIONS.has(a)) || a === '*',
      );
      if (actions.length === 0) continue;
      expect(statement.Effect).toBe('Allow');
      for (const target of asArray(statement.Resource)) {
        for (const action of actions) grants.push(`${action} on ${targetName(target)}`);
      }
    }
    return grants.sort();
  }

  it('creates one function per entry of FUNCTIONS', () => {
    expect(appFunctions(devJson)).toHaveLength(FUNCTION_NAMES.length);
  });

  it.each(FUNCTION_NAMES)(
    '%s runs Node.js 24 on arm64, without source maps at load, with a log group',
    (name) => {
      const fn = fnOf(name);
      expect(fn.Runtime).toBe('nodejs24.x');
      expect(fn.Architectures).toEqual(['arm64']);
      expect(fn.Handler).toBe('index.handler');
      expect(fn.Timeout).toBe(TIMEOUT_SECONDS[name] ?? 10);
      expect(fn.MemorySize).toBeGreaterThanOrEqual(256);
      // Source maps are read when an error is logged (shared/stackTrace.ts), not at every cold start.
      expect(fn.Environment?.Variables.NODE_OPTIONS).toBeUndefined();
      const logGroupId = (fn.LoggingConfig?.LogGroup as { Ref?: string } | undefined)?.Ref ?? '(none)';
      expect(resource<{ RetentionInDays: number }>(devJson, logGroupId).Properties.RetentionInDays).toBe(30);
    },
  );

  it.each(FUNCTION_NAMES)('%s has exactly the DynamoDB actions of its grants', (name) => {
    const expected = FUNCTION_ACCESS[name].flatMap((grant) => [
      ...ACCESS_LEVELS[grant.level].table.map((a) => `${a} on ${grant.table.id}`),
      ...ACCESS_LEVELS[grant.level].indexes.flatMap((a) =>
        grantedIndexes(grant).map((index) => `${a} on ${grant.table.id}/index/${index}`),
      ),
    ]);
    expect(dynamoGrants(name)).toEqual(expected.sort());
  });

  it.each(FUNCTION_NAMES)('%s has no broad managed policy', (name) => {
    const role = resource<{ ManagedPolicyArns?: unknown[] }>(devJson, roleOf(name));
    for (const arn of role.Properties.ManagedPolicyArns ?? []) {
      expect(JSON.stringify(arn)).toContain('service-role/AWSLambdaBasicExecutionRole');
    }
  });

  it('never grants Scan, wildcards or table administration anywhere in the template', () => {
    // Every role's statements, inline or attached, so no policy escapes the check.
    const streamReader = roleOf(STREAM_READER);
    const actions = resourcesOfType(devJson, 'AWS::IAM::Role')
      .flatMap(([id]) => statementsOfRole(devJson, id).map((s) => ({ id, s })))
      .flatMap(({ id, s }) => asArray(s.Action).map((action) => ({ id, action })))
      .filter(({ action }) => action.startsWith('dynamodb:') || action === '*');
    expect(actions.length).toBeGreaterThan(0);
    for (const { id, action } of actions) {
      // Stream reads only for the relay; everything else an item action.
      if (STREAM_ACTIONS.has(action)) expect(id, action).toBe(streamReader);
      else expect(ITEM_ACTIONS, action).toContain(action);
    }
  });

  it('keeps the access map itself least-privilege', () => {
    expect(FUNCTION_ACCESS.docs).toEqual([]);
    // Public reads are one GetItem or one Query: never a write, never a whole-table index read.
    // Readers' search also reads postings and entries by key (BatchGetItem), bounded by its page.
    for (const grant of FUNCTION_ACCESS.publicRead) {
      const { table, indexes } = ACCESS_LEVELS[grant.level];
      const allowed = grant.table.id === SEARCH_TABLE.id ? ['dynamodb:Query', 'dynamodb:BatchGetItem'] : [];
      for (const action of [...table, ...indexes])
        expect(['dynamodb:GetItem', 'dynamodb:Query', ...allowed]).toContain(action);
      if (indexes.length > 0) expect(grantedIndexes(grant)).not.toContain('*');
    }
    // The content table's public reads use the base table only (published snapshots are denormalized).
    for (const grant of FUNCTION_ACCESS.publicRead.filter((g) => g.table.id === CONTENT_TABLE.id)) {
      expect(ACCESS_LEVELS[grant.level].indexes).toEqual([]);
    }
    for (const level of Object.values(ACCESS_LEVELS)) {
      for (const action of [...level.table, ...level.indexes]) expect(ITEM_ACTIONS).toContain(action);
    }
  });

  it.each(FUNCTION_NAMES)('%s gets table names only for what it may touch', (name) => {
    const variables = fnOf(name).Environment?.Variables ?? {};
    const granted = new Set(FUNCTION_ACCESS[name].map((g) => g.table.id));
    for (const definition of TABLES) {
      if (granted.has(definition.id))
        expect(variables[definition.envName]).toEqual(ref(tableIdOf(definition)));
      else expect(variables[definition.envName]).toBeUndefined();
    }
    if (!touchesData(name)) {
      const itemActions = statementsOfRole(devJson, roleOf(name))
        .flatMap((s) => asArray(s.Action))
        .filter((a) => a.startsWith('dynamodb:') && !STREAM_ACTIONS.has(a));
      expect(itemActions).toEqual([]);
    }
  });

  it('gives the content table to the functions that read articles', () => {
    expect(fnOf('publicRead').Environment?.Variables[ENV.contentTable]).toEqual(
      ref(tableIdOf(CONTENT_TABLE)),
    );
    expect(fnOf('editorial').Environment?.Variables[ENV.contentTable]).toEqual(ref(tableIdOf(CONTENT_TABLE)));
  });

  it('generates the signing keys rather than writing one down', () => {
    for (const secret of Object.values(dev.stack.functions.secrets)) {
      const { Properties } = resource<{
        SecretString?: string;
        GenerateSecretString: Record<string, unknown>;
      }>(devJson, logicalIdOf(dev.stack, secret));
      expect(Properties.SecretString).toBeUndefined();
      expect(Properties.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    }
  });

  it('never sets a function variable that is not a known env name or NODE_OPTIONS', () => {
    const known = new Set<string>([...Object.values(ENV), 'NODE_OPTIONS']);
    for (const name of FUNCTION_NAMES) {
      for (const key of Object.keys(fnOf(name).Environment?.Variables ?? {})) expect(known).toContain(key);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Auth, outputs, tags

describe('auth', () => {
  const poolId = logicalIdOf(dev.stack, dev.stack.auth.userPool);

  it('has a user pool without self sign-up, signing in by email', () => {
    const pool = resource<{
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: boolean };
      UsernameAttributes: string[];
      Policies: { PasswordPolicy: { MinimumLength: number } };
    }>(devJson, poolId);
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.UsernameAttributes).toEqual(['email']);
    expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it.each(ROLES)('has the group %s', (role) => {
    devTemplate.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: role,
      UserPoolId: ref(poolId),
    });
  });

  it('has a public app client with password and SRP auth', () => {
    const clients = resourcesOfType<{
      GenerateSecret: boolean;
      ExplicitAuthFlows: string[];
      UserPoolId: unknown;
    }>(devJson, 'AWS::Cognito::UserPoolClient');
    // The console's own client (code flow + PKCE) is asserted in tests/infra/console.test.ts.
    const appClients = clients.filter(([id]) => id === logicalIdOf(dev.stack, dev.stack.auth.client));
    expect(appClients).toHaveLength(1);
    const client = (appClients[0] as (typeof clients)[0])[1].Properties;
    expect(client.GenerateSecret).toBe(false);
    expect(client.UserPoolId).toEqual(ref(poolId));
    expect(client.ExplicitAuthFlows).toEqual(
      expect.arrayContaining(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH']),
    );
  });
});

describe('stack', () => {
  it.each(['ApiUrl', 'UserPoolId', 'UserPoolClientId'])('outputs %s', (name) => {
    expect(devJson.Outputs?.[name]?.Value).toBeDefined();
  });

  it('tags resources with the app and the stage', () => {
    for (const [template, stage] of [
      [devJson, 'dev'],
      [prodJson, 'prod'],
    ] as const) {
      for (const [, fn] of appFunctions(template)) {
        expect(fn.Properties.Tags).toEqual(
          expect.arrayContaining([
            { Key: 'app', Value: 'newsroom-cms' },
            { Key: 'stage', Value: stage },
          ]),
        );
      }
      for (const [, table] of resourcesOfType<GlobalTableProps>(template, 'AWS::DynamoDB::GlobalTable')) {
        expect(table.Properties.Replicas[0]?.Tags).toEqual(
          expect.arrayContaining([{ Key: 'stage', Value: stage }]),
        );
      }
    }
  });

  it('refuses a stage name that cannot be a stack or API stage name', () => {
    expect(() => stageConfig('Prod!')).toThrow(/Invalid stage/);
    expect(stageConfig('prod').isProd).toBe(true);
    expect(stageConfig('dev').isProd).toBe(false);
  });

  it('synthesizes without bundling, so these tests stay fast', () => {
    // With bundling skipped, NodejsFunction stages nothing: no asset folder, no esbuild run.
    // (The console's files and CDK's deployment helpers are staged as assets; no bundle is.)
    const staged = readdirSync(dev.outdir).filter((entry) => entry.startsWith('asset.'));
    expect(staged.filter((entry) => existsSync(join(dev.outdir, entry, 'index.mjs')))).toEqual([]);
  });
});
