import { readFileSync } from 'node:fs';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ENV, type EnvName, optionalEnv } from './env.ts';

/**
 * The signing keys, read at run time. In AWS a function's environment carries only each secret's
 * ARN (nothing that `GetFunctionConfiguration` shows is a key); the value comes from Secrets Manager
 * once per container and is kept in memory. Locally (`npm start`, tests) the same interface is
 * served from a JSON file of dev keys, with no AWS call.
 */
export const SECRET_KEYS = {
  /** Makes list cursors tamper-evident. */
  cursor: { arnEnv: ENV.cursorSecretArn, localField: 'cursorSecret' },
  /** Signs preview links. */
  preview: { arnEnv: ENV.previewSecretArn, localField: 'previewSecret' },
  /** Keys the comment client hash (address and user agent), so it cannot be reversed by guessing. */
  fingerprint: { arnEnv: ENV.fingerprintSecretArn, localField: 'fingerprintSecret' },
} as const satisfies Record<string, { arnEnv: EnvName; localField: string }>;
export type SecretKey = keyof typeof SECRET_KEYS;

export interface Secrets {
  get(key: SecretKey): Promise<string>;
}

/**
 * Memoizes an async load: callers at the same moment share one in-flight promise, a success is
 * kept for the life of the container, and a failure is forgotten so the next caller tries again.
 */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/** Reads one secret's string value; the seam the tests use to count and fail calls. */
export type SecretFetcher = (secretId: string) => Promise<string>;

export function secretsManagerFetcher(client = new SecretsManagerClient({})): SecretFetcher {
  return async (secretId) => {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    if (!SecretString) throw new Error(`Secret ${secretId} has no string value`);
    return SecretString;
  };
}

/** Secrets Manager behind a per-secret cache: one GetSecretValue per secret per container. */
export function cachedSecrets(ids: Partial<Record<SecretKey, string>>, fetch: SecretFetcher): Secrets {
  const loaders = new Map<SecretKey, () => Promise<string>>();
  return {
    get(key) {
      let load = loaders.get(key);
      if (!load) {
        const id = ids[key];
        if (!id)
          return Promise.reject(
            new Error(`Missing required environment variable ${SECRET_KEYS[key].arnEnv}`),
          );
        load = once(() => fetch(id));
        loaders.set(key, load);
      }
      return load();
    },
  };
}

/** The local stand-in: a JSON file of dev keys (`.local/secrets.json`), read once. */
export function fileSecrets(file: string): Secrets {
  const values = once(async () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  return {
    async get(key) {
      const value = (await values())[SECRET_KEYS[key].localField];
      if (typeof value !== 'string' || value === '') {
        throw new Error(`${file} has no ${SECRET_KEYS[key].localField}`);
      }
      return value;
    },
  };
}

/** AWS: the ARNs in the environment, read through Secrets Manager. Locally: LOCAL_SECRETS_FILE. */
export function secretsFromEnv(source: NodeJS.ProcessEnv = process.env): Secrets {
  const file = optionalEnv(ENV.localSecretsFile, source);
  if (file) return fileSecrets(file);
  const ids: Partial<Record<SecretKey, string>> = {};
  for (const [key, { arnEnv }] of Object.entries(SECRET_KEYS) as [SecretKey, { arnEnv: EnvName }][]) {
    const arn = optionalEnv(arnEnv, source);
    if (arn) ids[key] = arn;
  }
  return cachedSecrets(ids, secretsManagerFetcher());
}
