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
  /**
   * Proves a request came through CloudFront, which adds it as a custom origin header; only then is
   * the viewer address CloudFront states believed (shared/http/clientAddress.ts). Rotated while
   * functions run: read with `accepted`, never `get`.
   */
  origin: { arnEnv: ENV.originSecretArn, localField: 'originSecret' },
} as const satisfies Record<string, { arnEnv: EnvName; localField: string }>;
export type SecretKey = keyof typeof SECRET_KEYS;

export interface Secrets {
  /** The key, read once per container. */
  get(key: SecretKey): Promise<string>;
  /**
   * A key that is rotated while functions run: its current value and, once it has been rotated, its
   * previous one (both are accepted until the next rotation). Read again after ROTATING_SECRET_TTL_MS,
   * so a new value reaches every warm container within that time.
   */
  accepted(key: SecretKey): Promise<readonly string[]>;
}

/** How long a rotating key's values are kept in a container before they are read again. */
export const ROTATING_SECRET_TTL_MS = 5 * 60_000;
/** After a failed re-read, the values already held are used this long before trying again. */
const ROTATING_RETRY_MS = 30_000;

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

/** Secrets Manager's labels of a secret's newest value and the one before it. */
export type VersionStage = 'AWSCURRENT' | 'AWSPREVIOUS';

/**
 * Reads one secret's string value (the current one unless a stage is named); the seam the tests
 * use to count and fail calls. A stage the secret does not have is a ResourceNotFoundException.
 */
export type SecretFetcher = (secretId: string, versionStage?: VersionStage) => Promise<string>;

export function secretsManagerFetcher(client = new SecretsManagerClient({})): SecretFetcher {
  return async (secretId, versionStage) => {
    const { SecretString } = await client.send(
      new GetSecretValueCommand({
        SecretId: secretId,
        ...(versionStage ? { VersionStage: versionStage } : {}),
      }),
    );
    if (!SecretString) throw new Error(`Secret ${secretId} has no string value`);
    return SecretString;
  };
}

const missing = (key: SecretKey) =>
  Promise.reject(new Error(`Missing required environment variable ${SECRET_KEYS[key].arnEnv}`));

/** A secret never rotated has no AWSPREVIOUS version. */
const isNotFound = (error: unknown) => (error as { name?: unknown })?.name === 'ResourceNotFoundException';

/** The current and previous values of a secret, as Secrets Manager labels them. */
async function currentAndPrevious(id: string, fetch: SecretFetcher): Promise<readonly string[]> {
  const [current, previous] = await Promise.all([
    fetch(id, 'AWSCURRENT'),
    fetch(id, 'AWSPREVIOUS').catch((error: unknown) => {
      if (isNotFound(error)) return undefined;
      throw error;
    }),
  ]);
  return previous && previous !== current ? [current, previous] : [current];
}

/**
 * Secrets Manager behind a per-secret cache: one GetSecretValue per secret per container for the
 * signing keys; a rotating key's two values are re-read after ROTATING_SECRET_TTL_MS, callers at the
 * same moment sharing one read, and a failed re-read keeps serving the values already held.
 */
export function cachedSecrets(
  ids: Partial<Record<SecretKey, string>>,
  fetch: SecretFetcher,
  now: () => number = Date.now,
): Secrets {
  const loaders = new Map<SecretKey, () => Promise<string>>();
  const rotating = new Map<
    SecretKey,
    { values?: readonly string[]; expires: number; pending?: Promise<readonly string[]> }
  >();
  return {
    get(key) {
      let load = loaders.get(key);
      if (!load) {
        const id = ids[key];
        if (!id) return missing(key);
        load = once(() => fetch(id));
        loaders.set(key, load);
      }
      return load();
    },
    accepted(key) {
      const id = ids[key];
      if (!id) return missing(key);
      let entry = rotating.get(key);
      if (!entry) {
        entry = { expires: 0 };
        rotating.set(key, entry);
      }
      const held = entry;
      if (held.values && now() < held.expires) return Promise.resolve(held.values);
      held.pending ??= currentAndPrevious(id, fetch)
        .then(
          (values) => {
            held.values = values;
            held.expires = now() + ROTATING_SECRET_TTL_MS;
            return values;
          },
          (error: unknown) => {
            if (!held.values) throw error;
            held.expires = now() + ROTATING_RETRY_MS;
            return held.values;
          },
        )
        .finally(() => {
          held.pending = undefined;
        });
      return held.pending;
    },
  };
}

/** The local stand-in: a JSON file of dev keys (`.local/secrets.json`), read once. */
export function fileSecrets(file: string): Secrets {
  const values = once(async () => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>);
  const get = async (key: SecretKey) => {
    const value = (await values())[SECRET_KEYS[key].localField];
    if (typeof value !== 'string' || value === '') {
      throw new Error(`${file} has no ${SECRET_KEYS[key].localField}`);
    }
    return value;
  };
  return {
    get,
    // A rotation is simulated with a second field, e.g. `originSecretPrevious`.
    async accepted(key) {
      const previous = (await values())[`${SECRET_KEYS[key].localField}Previous`];
      return [await get(key), ...(typeof previous === 'string' && previous !== '' ? [previous] : [])];
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
