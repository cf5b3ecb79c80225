import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../shared/env.ts';
import { cachedSecrets, type SecretFetcher, secretsFromEnv } from '../../shared/secrets.ts';

/** A Secrets Manager stand-in that counts calls; the failure is injected (it cannot be produced for real). */
function counting(values: Record<string, string>, options: { failFirst?: number; delayMs?: number } = {}) {
  const calls: string[] = [];
  let failures = options.failFirst ?? 0;
  const fetch: SecretFetcher = async (id) => {
    calls.push(id);
    await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 1));
    if (failures > 0) {
      failures -= 1;
      throw new Error('ThrottlingException');
    }
    const value = values[id];
    if (value === undefined) throw new Error(`ResourceNotFoundException ${id}`);
    return value;
  };
  return { calls, fetch };
}

const ARNS = { cursor: 'arn:cursor', preview: 'arn:preview', fingerprint: 'arn:fingerprint' };
const VALUES = { 'arn:cursor': 'c-key', 'arn:preview': 'p-key', 'arn:fingerprint': 'f-key' };

describe('secrets at run time', () => {
  it('reads each secret once per container, however many callers ask', async () => {
    const { calls, fetch } = counting(VALUES);
    const secrets = cachedSecrets(ARNS, fetch);
    const first = await Promise.all([
      secrets.get('cursor'),
      secrets.get('cursor'),
      secrets.get('preview'),
      secrets.get('cursor'),
    ]);
    expect(first).toEqual(['c-key', 'c-key', 'p-key', 'c-key']);
    expect(await secrets.get('cursor')).toBe('c-key');
    expect(calls.sort()).toEqual(['arn:cursor', 'arn:preview']);
  });

  it('does not keep a failure: the next caller reads again', async () => {
    const { calls, fetch } = counting(VALUES, { failFirst: 1 });
    const secrets = cachedSecrets(ARNS, fetch);
    const concurrent = await Promise.allSettled([secrets.get('fingerprint'), secrets.get('fingerprint')]);
    // Both callers of the failed read see its failure; only one call was made.
    expect(concurrent.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await secrets.get('fingerprint')).toBe('f-key');
    expect(await secrets.get('fingerprint')).toBe('f-key');
    expect(calls).toEqual(['arn:fingerprint', 'arn:fingerprint']);
  });

  it('names the missing variable when a function asks for a secret it was not given', async () => {
    const secrets = cachedSecrets({ cursor: 'arn:cursor' }, counting(VALUES).fetch);
    await expect(secrets.get('preview')).rejects.toThrow(ENV.previewSecretArn);
  });

  it('serves the local dev keys file with no AWS call, and says which key a file lacks', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json');
    writeFileSync(file, JSON.stringify({ cursorSecret: 'local-c', previewSecret: 'local-p' }));
    // No region, no credentials, no ARN: a Secrets Manager call could not even be signed.
    const secrets = secretsFromEnv({ [ENV.localSecretsFile]: file });
    expect(await secrets.get('cursor')).toBe('local-c');
    expect(await secrets.get('preview')).toBe('local-p');
    await expect(secrets.get('fingerprint')).rejects.toThrow(/fingerprintSecret/);
  });
});
