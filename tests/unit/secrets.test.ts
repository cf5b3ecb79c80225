import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV } from '../../shared/env.ts';
import {
  cachedSecrets,
  ROTATING_SECRET_TTL_MS,
  type SecretFetcher,
  secretsFromEnv,
  type VersionStage,
} from '../../shared/secrets.ts';

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

/**
 * Secrets Manager's versions of one secret: put() makes a new value AWSCURRENT and the one before
 * AWSPREVIOUS, as put-secret-value does. Failures are injected (they cannot be produced for real).
 */
function versioned(first: string) {
  const versions: { current: string; previous?: string } = { current: first };
  const calls: (VersionStage | undefined)[] = [];
  let failing = false;
  const fetch: SecretFetcher = async (_id, stage) => {
    calls.push(stage);
    if (failing) throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
    if (stage === 'AWSPREVIOUS') {
      if (versions.previous === undefined)
        throw Object.assign(new Error('no AWSPREVIOUS'), { name: 'ResourceNotFoundException' });
      return versions.previous;
    }
    return versions.current;
  };
  return {
    fetch,
    calls,
    put(value: string) {
      versions.previous = versions.current;
      versions.current = value;
    },
    fail(on: boolean) {
      failing = on;
    },
  };
}

describe('a rotating secret (the origin secret)', () => {
  const ids = { origin: 'arn:origin' };

  it('never rotated: its one value', async () => {
    const source = versioned('one');
    expect(await cachedSecrets(ids, source.fetch).accepted('origin')).toEqual(['one']);
  });

  it('after a rotation: the new value and the previous one, both accepted', async () => {
    const source = versioned('one');
    source.put('two');
    expect(await cachedSecrets(ids, source.fetch).accepted('origin')).toEqual(['two', 'one']);
  });

  it('is kept a few minutes, then read again: a warm container learns of a rotation', async () => {
    let clock = 0;
    const source = versioned('one');
    const secrets = cachedSecrets(ids, source.fetch, () => clock);
    const concurrent = await Promise.all([secrets.accepted('origin'), secrets.accepted('origin')]);
    expect(concurrent).toEqual([['one'], ['one']]);
    expect(source.calls).toHaveLength(2); // one read of each stage, shared by both callers
    source.put('two');
    clock = ROTATING_SECRET_TTL_MS - 1;
    expect(await secrets.accepted('origin')).toEqual(['one']);
    clock = ROTATING_SECRET_TTL_MS;
    expect(await secrets.accepted('origin')).toEqual(['two', 'one']);
  });

  it('a failed re-read keeps the values held; a first read that fails is an error', async () => {
    let clock = 0;
    const source = versioned('one');
    const secrets = cachedSecrets(ids, source.fetch, () => clock);
    expect(await secrets.accepted('origin')).toEqual(['one']);
    source.fail(true);
    clock = ROTATING_SECRET_TTL_MS;
    expect(await secrets.accepted('origin')).toEqual(['one']);
    await expect(cachedSecrets(ids, source.fetch).accepted('origin')).rejects.toThrow('throttled');
    source.fail(false);
    source.put('two');
    clock += 60_000;
    expect(await secrets.accepted('origin')).toEqual(['two', 'one']);
  });

  it('names the missing variable, and is served locally from the keys file', async () => {
    await expect(cachedSecrets({}, versioned('x').fetch).accepted('origin')).rejects.toThrow(
      ENV.originSecretArn,
    );
    const file = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json');
    writeFileSync(file, JSON.stringify({ originSecret: 'new', originSecretPrevious: 'old' }));
    expect(await secretsFromEnv({ [ENV.localSecretsFile]: file }).accepted('origin')).toEqual(['new', 'old']);
  });
});
