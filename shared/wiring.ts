import { systemClock, ulidFactory } from './clock.ts';
import { ENV, optionalEnv, requireEnv } from './env.ts';
import { type EventPublisher, eventBridgePublisher, logPublisher } from './integrations/events.ts';
import { eventBridgeSchedules, type PublishSchedules, pollingSchedules } from './integrations/schedules.ts';
import { previewTokens } from './preview.ts';
import { ArticleService } from './services/articleService.ts';
import { CommentService } from './services/commentService.ts';
import { PublicService } from './services/publicService.ts';
import { ArticleStore } from './store/articleStore.ts';
import { createDocumentClient } from './store/client.ts';
import { CommentStore } from './store/commentStore.ts';
import { createCursorCodec } from './store/cursor.ts';

/**
 * Composition from the environment, for Lambda entry points. Called at module scope so a missing
 * variable fails the cold start, not a request, and the clients are reused across invocations.
 */
export function contentFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  return {
    db,
    store: new ArticleStore(db, requireEnv(ENV.contentTable)),
    cursors: createCursorCodec(requireEnv(ENV.cursorSecret)),
  };
}

function commentStoreFor(db: ReturnType<typeof createDocumentClient>) {
  return new CommentStore(db, requireEnv(ENV.commentsTable), requireEnv(ENV.contentTable));
}

export function commentsFromEnv() {
  const { db, store, cursors } = contentFromEnv();
  const comments = new CommentService({
    comments: commentStoreFor(db),
    articles: store,
    clock: systemClock,
    newId: ulidFactory(),
    fingerprintSecret: requireEnv(ENV.cursorSecret),
  });
  return { comments, cursors };
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

export function editorialFromEnv() {
  const { store, cursors } = contentFromEnv();
  const articles = new ArticleService({
    store,
    clock: systemClock,
    newId: ulidFactory(),
    events: eventsFromEnv(),
    schedules: schedulesFromEnv(),
    previews: previewTokens(requireEnv(ENV.previewSecret)),
  });
  return { articles, cursors };
}

/** The scheduler's target: publishes and announces, nothing else. */
export function scheduledPublishFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  const store = new ArticleStore(db, requireEnv(ENV.contentTable));
  return new ArticleService({ store, clock: systemClock, newId: ulidFactory(), events: eventsFromEnv() });
}

/** Preview links: reads working copies by signed token only. */
export function previewFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  const store = new ArticleStore(db, requireEnv(ENV.contentTable));
  return new ArticleService({
    store,
    clock: systemClock,
    newId: ulidFactory(),
    previews: previewTokens(requireEnv(ENV.previewSecret)),
  });
}

export function publicFromEnv() {
  const { db, store, cursors } = contentFromEnv();
  return { articles: new PublicService(store), comments: commentStoreFor(db), cursors };
}
