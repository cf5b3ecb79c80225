import { systemClock, ulidFactory } from '../clock.ts';
import { ENV, requireEnv } from '../env.ts';
import { DynamoSearchIndex } from '../search/dynamoSearchIndex.ts';
import { CommentService } from '../services/commentService.ts';
import { BanService } from '../services/comments/bans.ts';
import { DeskService } from '../services/comments/desk.ts';
import { ReportService } from '../services/comments/reports.ts';
import { createCommentSearch } from '../services/comments/search.ts';
import { ThreadService } from '../services/comments/threads.ts';
import { commentStoreFor, contentFromEnv, cursorsFromEnv, secrets } from './common.ts';

/**
 * Builders of the comment functions, apart from the editorial one (shared/wiring.ts): a module's
 * top level runs when it is imported, used or not, so importing the article services here would
 * build every article schema at each comment function's cold start.
 */

/**
 * The comment and report services both functions take. Both hash the client (and moderation the
 * commenter's email), so they hold the fingerprint key.
 */
async function commentServices() {
  const { db, store } = contentFromEnv();
  const commentStore = commentStoreFor(db);
  const newId = ulidFactory();
  const fingerprintSecret = await secrets().get('fingerprint');
  const comments = new CommentService({
    comments: commentStore,
    articles: store,
    clock: systemClock,
    newId,
    fingerprintSecret,
  });
  const reports = new ReportService({
    comments: commentStore,
    articles: store,
    clock: systemClock,
    fingerprintSecret,
    settings: () => comments.settings(),
  });
  return { store, commentStore, newId, fingerprintSecret, comments, reports };
}

/**
 * Comment submission and reader reports. They key readers by address, so they hold the origin
 * secret that says whether CloudFront's viewer address can be believed (shared/http/clientAddress.ts);
 * it is read at start too, so a missing grant or variable fails the cold start, not a reader.
 */
export async function commentSubmitFromEnv() {
  const { comments, reports } = await commentServices();
  const originSecrets = () => secrets().accepted('origin');
  await originSecrets();
  return { comments, reports, originSecrets };
}

/**
 * Moderation: the queue, decisions and bans. It holds the fingerprint key too: trust and bans key
 * a commenter by the keyed hash of their email, computed here for comments stored without one.
 */
export async function moderationFromEnv() {
  const { store, commentStore, newId, fingerprintSecret, comments, reports } = await commentServices();
  const bans = new BanService({
    comments: commentStore,
    moderation: comments,
    clock: systemClock,
    newId,
    fingerprintSecret,
  });
  const threads = new ThreadService({ comments: commentStore, articles: store, clock: systemClock, newId });
  // The queues' search (q): the comments scope of the search index, fed by the relay.
  const search = createCommentSearch({
    comments: commentStore,
    search: new DynamoSearchIndex(commentStore.db, requireEnv(ENV.searchTable)),
  });
  const desk = new DeskService(commentStore);
  return { comments, reports, bans, threads, desk, search, cursors: await cursorsFromEnv() };
}
