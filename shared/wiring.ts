import { systemClock, ulidFactory } from './clock.ts';
import { ENV, optionalEnv, requireEnv } from './env.ts';
import { type EventSink, eventBridgeSink, logSink } from './integrations/events.ts';
import { eventBridgeSchedules, type PublishSchedules, pollingSchedules } from './integrations/schedules.ts';
import { previewTokens } from './preview.ts';
import { type Secrets, secretsFromEnv } from './secrets.ts';
import { createEditorial, createPreviewReader, createScheduledRunner } from './services/articles/index.ts';
import { CommentService } from './services/commentService.ts';
import { BanService } from './services/comments/bans.ts';
import { ReportService } from './services/comments/reports.ts';
import { PublicService } from './services/publicService.ts';
import { ArticleStore } from './store/articleStore.ts';
import { createDocumentClient } from './store/client.ts';
import { CommentStore } from './store/commentStore.ts';
import { createCursorCodec } from './store/cursor.ts';

/**
 * Composition from the environment, one builder per Lambda entry point, each building exactly
 * what its function uses. Awaited at module scope (top-level await, during Lambda's init phase):
 * a missing variable or an unreadable secret fails the cold start, not a request (Lambda runs the
 * init again on the next invocation), and the clients and keys are reused across invocations.
 */
let secretsSingleton: Secrets | undefined;
/** The signing keys: Secrets Manager in AWS (cached per container), the dev keys file locally. */
const secrets = (): Secrets => {
  secretsSingleton ??= secretsFromEnv();
  return secretsSingleton;
};
function contentFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  return { db, store: new ArticleStore(db, requireEnv(ENV.contentTable)) };
}

const cursorsFromEnv = async () => createCursorCodec(await secrets().get('cursor'));
const previewsFromEnv = async () => previewTokens(await secrets().get('preview'));

function commentStoreFor(db: ReturnType<typeof createDocumentClient>) {
  return new CommentStore(db, requireEnv(ENV.commentsTable), requireEnv(ENV.contentTable));
}

/**
 * The outbox relay's sink. AWS: the stack's event bus. Locally: a log file (and an optional
 * webhook). Only the relay sends events: the services write, the streams announce.
 */
export function eventRelayFromEnv(): EventSink {
  const bus = optionalEnv(ENV.eventBusName);
  if (bus) return eventBridgeSink(bus);
  const log = optionalEnv(ENV.eventsLog);
  if (log) return logSink(log, optionalEnv(ENV.webhookUrl));
  throw new Error(`Missing required environment variable ${ENV.eventBusName} (or ${ENV.eventsLog} locally)`);
}

/** AWS: EventBridge Scheduler. Locally no group is set, and the local poller finds due articles. */
function schedulesFromEnv(): PublishSchedules {
  const groupName = optionalEnv(ENV.scheduleGroup);
  if (!groupName) return pollingSchedules;
  return eventBridgeSchedules({
    groupName,
    targetArn: requireEnv(ENV.scheduledPublishArn),
    roleArn: requireEnv(ENV.schedulerRoleArn),
    deadLetterArn: requireEnv(ENV.scheduleDlqArn),
  });
}

/** Comment submission and reader reports: they hash the client, so they hold that key. */
export async function commentSubmitFromEnv() {
  const { db, store } = contentFromEnv();
  const commentStore = commentStoreFor(db);
  const fingerprintSecret = await secrets().get('fingerprint');
  const comments = new CommentService({
    comments: commentStore,
    articles: store,
    clock: systemClock,
    newId: ulidFactory(),
    fingerprintSecret,
  });
  const reports = new ReportService({
    comments: commentStore,
    articles: store,
    clock: systemClock,
    fingerprintSecret,
    settings: () => comments.settings(),
  });
  return { comments, reports };
}

/**
 * Moderation: the queue, decisions and bans. It holds the fingerprint key too: trust and bans key
 * a commenter by the keyed hash of their email, computed here for comments stored without one.
 */
export async function moderationFromEnv() {
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
  const bans = new BanService({
    comments: commentStore,
    moderation: comments,
    clock: systemClock,
    newId,
    fingerprintSecret,
  });
  return { comments, reports, bans, cursors: await cursorsFromEnv() };
}

export async function editorialFromEnv() {
  const { store } = contentFromEnv();
  const [previews, cursors] = await Promise.all([previewsFromEnv(), cursorsFromEnv()]);
  const articles = createEditorial({
    store,
    clock: systemClock,
    newId: ulidFactory(),
    schedules: schedulesFromEnv(),
    previews,
  });
  return { articles, cursors };
}

/** The scheduler's target: publishes and unpublishes; it needs no scheduler itself. */
export function scheduledPublishFromEnv() {
  const { store } = contentFromEnv();
  return createScheduledRunner({ store, clock: systemClock });
}

/** Preview links: reads working copies by signed token only. */
export async function previewFromEnv() {
  const { store } = contentFromEnv();
  return createPreviewReader({ store, clock: systemClock, previews: await previewsFromEnv() });
}

export async function publicFromEnv() {
  const { db, store } = contentFromEnv();
  return { reads: new PublicService(store, commentStoreFor(db)), cursors: await cursorsFromEnv() };
}
