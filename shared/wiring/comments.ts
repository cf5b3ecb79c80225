import { systemClock, ulidFactory } from '../clock.ts';
import { ENV, requireEnv } from '../env.ts';
import { DynamoSearchIndex } from '../search/dynamoSearchIndex.ts';
import { createCommentModeration, createCommentSubmission } from '../services/comments/index.ts';
import { commentStoreFor, contentFromEnv, cursorsFromEnv, secrets } from './common.ts';

/**
 * Builders of the comment functions, apart from the editorial one (shared/wiring.ts): a module's
 * top level runs when it is imported, used or not, so importing the article services here would
 * build every article schema at each comment function's cold start.
 */

/**
 * What both functions' use cases take. Both hash the client (and moderation the commenter's
 * email), so they hold the fingerprint key.
 */
async function commentDeps() {
  const { db, store } = contentFromEnv();
  return {
    db,
    comments: commentStoreFor(db),
    articles: store,
    clock: systemClock,
    newId: ulidFactory(),
    fingerprintSecret: await secrets().get('fingerprint'),
  };
}

/**
 * Comment submission and reader reports. They key readers by address, so they hold the origin
 * secret that says whether CloudFront's viewer address can be believed (shared/http/clientAddress.ts);
 * it is read at start too, so a missing grant or variable fails the cold start, not a reader.
 */
export async function commentSubmitFromEnv() {
  const comments = createCommentSubmission(await commentDeps());
  const originSecrets = () => secrets().accepted('origin');
  await originSecrets();
  return { comments, originSecrets };
}

/**
 * Moderation: the queues, decisions, bans, threads and settings. It holds the fingerprint key too:
 * trust and bans key a commenter by the keyed hash of their email, computed here for comments
 * stored without one. The queues' search (q) reads the comments scope of the search index, fed by
 * the relay.
 */
export async function moderationFromEnv() {
  const deps = await commentDeps();
  const search = new DynamoSearchIndex(deps.db, requireEnv(ENV.searchTable));
  return { comments: createCommentModeration({ ...deps, search }), cursors: await cursorsFromEnv() };
}
