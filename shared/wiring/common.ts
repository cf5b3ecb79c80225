import { ENV, optionalEnv, requireEnv } from '../env.ts';
import { previewTokens } from '../preview.ts';
import { type Secrets, secretsFromEnv } from '../secrets.ts';
import { ArticleReader, ArticleStore } from '../store/articleStore.ts';
import { createDocumentClient } from '../store/client.ts';
import { CommentStore, SETTINGS_CACHE_MS } from '../store/commentStore.ts';
import { createCursorCodec } from '../store/cursor.ts';

/**
 * What every builder shares. The builders are split in modules so each bundle imports only what
 * its function uses: shared/wiring/lean.ts for the public, preview, scheduler and relay functions
 * (no body schemas), shared/wiring/comments.ts for the comment functions (no article schemas),
 * shared/wiring.ts for the editorial function.
 */
let secretsSingleton: Secrets | undefined;
/** The signing keys: Secrets Manager in AWS (cached per container), the dev keys file locally. */
export const secrets = (): Secrets => {
  secretsSingleton ??= secretsFromEnv();
  return secretsSingleton;
};

/**
 * The content store, for the functions that hold both tables' names: going live or dark writes the
 * thread's headers in the comments table (only editorial and the scheduler may, FUNCTION_ACCESS).
 */
export function contentFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  return { db, store: new ArticleStore(db, requireEnv(ENV.contentTable), requireEnv(ENV.commentsTable)) };
}

/** The content table read only, for the functions given no comments table (preview, media processing). */
export function contentReaderFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  return new ArticleReader(db, requireEnv(ENV.contentTable));
}

export const cursorsFromEnv = async () => createCursorCodec(await secrets().get('cursor'));
export const previewsFromEnv = async () => previewTokens(await secrets().get('preview'));

export function commentStoreFor(db: ReturnType<typeof createDocumentClient>) {
  return new CommentStore(db, requireEnv(ENV.commentsTable), requireEnv(ENV.contentTable));
}

/**
 * The closeAfterDays comment setting, for publishing: read from the comments table's settings
 * item (the only item those functions may read there), cached like submission's settings.
 */
export function closeAfterDaysFromEnv(db: ReturnType<typeof createDocumentClient>) {
  const comments = commentStoreFor(db);
  return async () => (await comments.getSettings(SETTINGS_CACHE_MS))?.closeAfterDays ?? null;
}
