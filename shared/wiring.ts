import { systemClock, ulidFactory } from './clock.ts';
import { ENV, optionalEnv, requireEnv } from './env.ts';
import { eventBridgeSchedules, type PublishSchedules, pollingSchedules } from './integrations/schedules.ts';
import { createEditorial } from './services/articles/index.ts';
import { CommentService } from './services/commentService.ts';
import { BanService } from './services/comments/bans.ts';
import { ReportService } from './services/comments/reports.ts';
import { ThreadService } from './services/comments/threads.ts';
import {
  closeAfterDaysFromEnv,
  commentStoreFor,
  contentFromEnv,
  cursorsFromEnv,
  previewsFromEnv,
  secrets,
} from './wiring/common.ts';

/**
 * Composition from the environment, one builder per Lambda entry point, each building exactly
 * what its function uses. Awaited at module scope (top-level await, during Lambda's init phase):
 * a missing variable or an unreadable secret fails the cold start, not a request (Lambda runs the
 * init again on the next invocation), and the clients and keys are reused across invocations.
 */
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
  const threads = new ThreadService({
    comments: commentStore,
    articles: store,
    clock: systemClock,
    newId,
  });
  return { comments, reports, bans, threads, cursors: await cursorsFromEnv() };
}

export async function editorialFromEnv() {
  const { db, store } = contentFromEnv();
  const [previews, cursors] = await Promise.all([previewsFromEnv(), cursorsFromEnv()]);
  const articles = createEditorial({
    store,
    clock: systemClock,
    newId: ulidFactory(),
    schedules: schedulesFromEnv(),
    closeAfterDays: closeAfterDaysFromEnv(db),
    previews,
  });
  return { articles, cursors };
}

/** The scheduler's target: publishes and unpublishes; it needs no scheduler itself. */
