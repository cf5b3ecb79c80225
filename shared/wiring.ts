import { systemClock, ulidFactory } from './clock.ts';
import { ENV, optionalEnv, requireEnv } from './env.ts';
import { type EventPublisher, eventBridgePublisher, logPublisher } from './integrations/events.ts';
import { eventBridgeSchedules, type PublishSchedules, pollingSchedules } from './integrations/schedules.ts';
import { previewTokens } from './preview.ts';
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
 * what its function uses. Called at module scope so a missing variable fails the cold start, not
 * a request, and the clients are reused across invocations.
 */
function contentFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  return { db, store: new ArticleStore(db, requireEnv(ENV.contentTable)) };
}

const cursorsFromEnv = () => createCursorCodec(requireEnv(ENV.cursorSecret));

function commentStoreFor(db: ReturnType<typeof createDocumentClient>) {
  return new CommentStore(db, requireEnv(ENV.commentsTable), requireEnv(ENV.contentTable));
}

/** AWS: the stack's event bus. Locally: a log file (and an optional webhook). */
function eventsFromEnv(): EventPublisher {
  const bus = optionalEnv(ENV.eventBusName);
  if (bus) return eventBridgePublisher(bus);
  const log = optionalEnv(ENV.eventsLog);
  if (log) return logPublisher(log, optionalEnv(ENV.webhookUrl));
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

export function commentsFromEnv() {
  const { db, store } = contentFromEnv();
  const commentStore = commentStoreFor(db);
  const newId = ulidFactory();
  const fingerprintSecret = requireEnv(ENV.cursorSecret);
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
  return { comments, reports, bans, cursors: cursorsFromEnv() };
}

export function editorialFromEnv() {
  const { store } = contentFromEnv();
  const articles = createEditorial({
    store,
    clock: systemClock,
    newId: ulidFactory(),
    events: eventsFromEnv(),
    schedules: schedulesFromEnv(),
    previews: previewTokens(requireEnv(ENV.previewSecret)),
  });
  return { articles, cursors: cursorsFromEnv() };
}

/** The scheduler's target: publishes, unpublishes and announces; it needs no scheduler itself. */
export function scheduledPublishFromEnv() {
  const { store } = contentFromEnv();
  return createScheduledRunner({ store, clock: systemClock, events: eventsFromEnv() });
}

/** Preview links: reads working copies by signed token only. */
export function previewFromEnv() {
  const { store } = contentFromEnv();
  return createPreviewReader({
    store,
    clock: systemClock,
    previews: previewTokens(requireEnv(ENV.previewSecret)),
  });
}

export function publicFromEnv() {
  const { db, store } = contentFromEnv();
  return { reads: new PublicService(store, commentStoreFor(db)), cursors: cursorsFromEnv() };
}
