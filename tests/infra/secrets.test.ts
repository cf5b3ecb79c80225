import { describe, expect, it } from 'vitest';
import { secretsOf } from '../../infra/constructs/functions.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/http/routes.ts';
import { SECRET_KEYS, type SecretKey } from '../../shared/secrets.ts';
import { logicalIdOf, resourcesOfType, statementsOfRole, synthesized } from './synth.ts';

/**
 * The signing keys reach the functions by ARN only: whoever may call GetFunctionConfiguration sees
 * no key, and each function may read exactly the secrets it uses, nothing more.
 */
const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];
const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

for (const stage of ['dev', 'prod']) {
  const { stack, template: json } = await synthesized(stage);
  const fnOf = (name: FunctionName) =>
    json.Resources[logicalIdOf(stack, stack.functions.byName[name])]?.Properties as {
      Role: { 'Fn::GetAtt': [string, string] };
      Environment?: { Variables: Record<string, unknown> };
    };
  const secretRef = (key: SecretKey) => ({ Ref: logicalIdOf(stack, stack.functions.secrets[key]) });

  describe(`secrets (${stage})`, () => {
    it('puts no secret value in any function environment, this stack’s or CDK’s own', () => {
      for (const [id, fn] of resourcesOfType<{ Environment?: unknown }>(json, 'AWS::Lambda::Function')) {
        const text = JSON.stringify(fn.Properties.Environment ?? {});
        expect(text, id).not.toContain('resolve:secretsmanager');
        expect(text, id).not.toContain('SecretString');
      }
    });

    it.each(FUNCTION_NAMES)('%s gets the ARN of exactly the secrets it uses', (name) => {
      const variables = fnOf(name).Environment?.Variables ?? {};
      for (const [key, { arnEnv }] of Object.entries(SECRET_KEYS) as [SecretKey, { arnEnv: string }][]) {
        if (secretsOf(name).includes(key)) expect(variables[arnEnv]).toEqual(secretRef(key));
        else expect(variables[arnEnv], `${name} ${arnEnv}`).toBeUndefined();
      }
    });

    it.each(FUNCTION_NAMES)('%s may call GetSecretValue on those secrets only, and nothing else', (name) => {
      const statements = statementsOfRole(json, fnOf(name).Role['Fn::GetAtt'][0]).filter((s) =>
        asArray(s.Action).some((a) => a.startsWith('secretsmanager:') || a === '*'),
      );
      const actions = statements.flatMap((s) => asArray(s.Action));
      const resources = statements.flatMap((s) => asArray(s.Resource));
      const expected = secretsOf(name).map(secretRef);
      if (expected.length === 0) expect(statements).toEqual([]);
      else {
        expect([...new Set(actions)]).toEqual(['secretsmanager:GetSecretValue']);
        expect(resources).toEqual(expected);
      }
    });

    it('uses a key of its own for comment fingerprints, held by submission and moderation (trust, bans) only', () => {
      const holders = FUNCTION_NAMES.filter((name) => secretsOf(name).includes('fingerprint'));
      expect(holders).toEqual(['commentSubmit', 'moderation']);
      expect(secretsOf('commentSubmit')).not.toContain('cursor');
      const ids = new Set(Object.keys(SECRET_KEYS).map((k) => secretRef(k as SecretKey).Ref));
      expect(ids.size).toBe(4);
    });

    it('lets only comment submission read the origin secret (the one function that keys readers by address)', () => {
      expect(FUNCTION_NAMES.filter((name) => secretsOf(name).includes('origin'))).toEqual(['commentSubmit']);
      expect(fnOf('commentSubmit').Environment?.Variables.ORIGIN_SECRET_ARN).toEqual(secretRef('origin'));
    });

    it('generates four distinct keys, 64 characters each', () => {
      const secrets = resourcesOfType<{ GenerateSecretString?: { PasswordLength: number } }>(
        json,
        'AWS::SecretsManager::Secret',
      ).filter(([id]) => Object.values(stack.functions.secrets).some((s) => logicalIdOf(stack, s) === id));
      expect(secrets).toHaveLength(4);
      for (const [, s] of secrets) expect(s.Properties.GenerateSecretString?.PasswordLength).toBe(64);
    });
  });
}
