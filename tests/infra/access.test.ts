import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CmsStack } from '../../infra/stack.ts';
import { stageConfig } from '../../infra/stage.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName, ROUTES } from '../../shared/http/routes.ts';
import {
  logicalIdOf,
  preflights,
  resourcesOfType,
  statementsOfRole,
  synthesized,
  type TemplateJson,
} from './synth.ts';

/**
 * Who may reach the token-bearing routes from a browser, and how people sign in: CORS origins are
 * a stage setting (never `*` on admin routes), Cognito has no implicit grant and no placeholder
 * callback, TOTP is offered to everyone and required of admins.
 */
const DESK = 'https://desk.example.org';
const plain = await synthesized('dev');
const plainJson = plain.template;
const withOrigins = await synthesized('prod', { corsOrigins: [DESK] });
const withOriginsJson = withOrigins.template;

const signedInPaths: string[] = [...new Set(ROUTES.filter((r) => r.access !== 'public').map((r) => r.path))];
const publicPaths = [...new Set(ROUTES.map((r) => r.path))].filter((p) => !signedInPaths.includes(p));
const fnVars = (stack: CmsStack, json: TemplateJson, name: FunctionName) =>
  (
    (json.Resources[logicalIdOf(stack, stack.functions.byName[name])]?.Properties ?? {}) as {
      Environment?: { Variables: Record<string, unknown> };
    }
  ).Environment?.Variables ?? {};

describe('CORS', () => {
  it('answers any origin on public paths, as before', () => {
    const found = preflights(plainJson);
    for (const path of publicPaths) expect(found.get(path), path).toEqual(["'*'"]);
  });

  it('has no preflight at all on token-bearing paths when the stage lists no origins', () => {
    const found = preflights(plainJson);
    expect(signedInPaths.length).toBeGreaterThan(0);
    for (const path of signedInPaths) expect(found.has(path), path).toBe(false);
    for (const name of Object.keys(FUNCTIONS) as FunctionName[])
      expect(fnVars(plain.stack, plainJson, name)[ENV.corsOrigins], name).toBeUndefined();
  });

  it('answers only the listed origins on token-bearing paths, never *', () => {
    const found = preflights(withOriginsJson);
    for (const path of signedInPaths) expect(found.get(path), path).toEqual([`'${DESK}'`]);
    const text = JSON.stringify(withOriginsJson);
    expect(text).toContain(DESK);
  });

  it('tells exactly the functions behind token-bearing routes which origins to echo', () => {
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      const signedIn = ROUTES.some((r) => r.fn === name && r.access !== 'public');
      expect(fnVars(withOrigins.stack, withOriginsJson, name)[ENV.corsOrigins], name).toBe(
        signedIn ? DESK : undefined,
      );
    }
  });

  it('refuses a wildcard, a path, plain http or a non-URL as an origin, at synth', () => {
    for (const bad of [
      '*',
      'https://desk.example.org/',
      'https://desk.example.org/app',
      'http://desk.example.org',
      'desk',
    ])
      expect(() => stageConfig('dev', { corsOrigins: [bad] }), bad).toThrow(/origin/i);
    expect(stageConfig('dev', { corsOrigins: ['http://localhost:5173'] }).corsOrigins).toEqual([
      'http://localhost:5173',
    ]);
    expect(() => new CmsStack(new App(), 'Bad', { stage: 'dev', corsOrigins: ['*'] })).toThrow(/origin/i);
  });
});

interface ClientProps {
  AllowedOAuthFlows?: string[];
  AllowedOAuthFlowsUserPoolClient?: boolean;
  CallbackURLs?: unknown[];
  LogoutURLs?: unknown[];
}

describe('Cognito', () => {
  for (const [stage, json, stack] of [
    ['dev', plainJson, plain.stack],
    ['prod', withOriginsJson, withOrigins.stack],
  ] as const) {
    const clients = resourcesOfType<ClientProps>(json, 'AWS::Cognito::UserPoolClient');

    it(`${stage}: no client offers the implicit grant or an example.com callback`, () => {
      expect(clients.length).toBe(2);
      for (const [id, client] of clients) {
        expect(client.Properties.AllowedOAuthFlows ?? [], id).not.toContain('implicit');
        expect(JSON.stringify(client.Properties), id).not.toContain('example.com');
      }
    });

    it(`${stage}: the terminal client has no OAuth; the console's has only the code flow`, () => {
      const app = json.Resources[logicalIdOf(stack, stack.auth.client)]?.Properties as ClientProps;
      expect(app.AllowedOAuthFlowsUserPoolClient).toBe(false);
      expect(app.AllowedOAuthFlows).toBeUndefined();
      expect(app.CallbackURLs).toBeUndefined();
      const console = json.Resources[logicalIdOf(stack, stack.console.client)]?.Properties as ClientProps;
      expect(console.AllowedOAuthFlows).toEqual(['code']);
      // Both follow the console's distribution domain (the exact URLs: tests/infra/console.test.ts).
      for (const url of [...(console.CallbackURLs ?? []), ...(console.LogoutURLs ?? [])])
        expect(JSON.stringify(url)).toContain('DomainName');
    });

    it(`${stage}: offers TOTP to everyone, never SMS`, () => {
      const pools = resourcesOfType<{ MfaConfiguration: string; EnabledMfas: string[] }>(
        json,
        'AWS::Cognito::UserPool',
      );
      expect(pools).toHaveLength(1);
      const pool = pools[0]?.[1] as (typeof pools)[0][1];
      expect(pool.Properties.MfaConfiguration).toBe('OPTIONAL');
      expect(pool.Properties.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    });

    it(`${stage}: requires MFA of admins through the pre-token-generation trigger`, () => {
      const poolId = logicalIdOf(stack, stack.auth.userPool);
      const gateId = logicalIdOf(stack, stack.functions.byName.adminMfaGate);
      const pool = json.Resources[poolId]?.Properties as { LambdaConfig?: Record<string, unknown> };
      expect(pool.LambdaConfig?.PreTokenGeneration).toEqual({ 'Fn::GetAtt': [gateId, 'Arn'] });
      // It may read users of this pool, and nothing else.
      const roleId = (
        (json.Resources[gateId]?.Properties ?? {}) as { Role: { 'Fn::GetAtt': [string, string] } }
      ).Role['Fn::GetAtt'][0];
      const statements = statementsOfRole(json, roleId);
      expect(statements).toEqual([
        { Effect: 'Allow', Action: 'cognito-idp:AdminGetUser', Resource: { 'Fn::GetAtt': [poolId, 'Arn'] } },
      ]);
      const invoke = resourcesOfType<{ Principal: string; SourceArn: unknown; FunctionName: unknown }>(
        json,
        'AWS::Lambda::Permission',
      ).filter(([, p]) => JSON.stringify(p.Properties.FunctionName).includes(gateId));
      expect(invoke.map(([, p]) => [p.Properties.Principal, p.Properties.SourceArn])).toEqual([
        ['cognito-idp.amazonaws.com', { 'Fn::GetAtt': [poolId, 'Arn'] }],
      ]);
    });
  }
});
