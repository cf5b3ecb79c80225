import { systemClock, ulidFactory } from './clock.ts';
import { ENV, optionalEnv, requireEnv } from './env.ts';
import { type PublishSchedules, pollingSchedules } from './integrations/schedules.ts';
import { DynamoSearchIndex } from './search/dynamoSearchIndex.ts';
import { once } from './secrets.ts';
import { createEditorial } from './services/articles/index.ts';
import { createAuthors } from './services/authors/index.ts';
import { createDesk } from './services/desk.ts';
import { createSiteSettings } from './services/siteSettings.ts';
import { DeskStore } from './store/deskStore.ts';
import { SiteSettingsStore } from './store/siteSettingsStore.ts';
import { closeAfterDaysFromEnv, contentFromEnv, cursorsFromEnv, previewsFromEnv } from './wiring/common.ts';

/**
 * Composition from the environment, one builder per Lambda entry point, each building exactly
 * what its function uses (the comment functions' builders are in shared/wiring/comments.ts).
 * Awaited at module scope (top-level await, during Lambda's init phase): a missing variable or an
 * unreadable secret fails the cold start, not a request (Lambda runs the init again on the next
 * invocation), and the clients and keys are reused across invocations.
 */
/**
 * AWS: EventBridge Scheduler, its client loaded when an article is first scheduled or unscheduled
 * (most editorial requests do neither). Locally no group is set, and the local poller finds due
 * articles. The variables are read at start: a missing one fails the cold start.
 */
function schedulesFromEnv(): PublishSchedules {
  const groupName = optionalEnv(ENV.scheduleGroup);
  if (!groupName) return pollingSchedules;
  const target = {
    groupName,
    targetArn: requireEnv(ENV.scheduledPublishArn),
    roleArn: requireEnv(ENV.schedulerRoleArn),
    deadLetterArn: requireEnv(ENV.scheduleDlqArn),
  };
  const schedules = once(async () =>
    (await import('./integrations/eventBridgeSchedules.ts')).eventBridgeSchedules(target),
  );
  return {
    create: async (job) => (await schedules()).create(job),
    remove: async (job) => (await schedules()).remove(job),
  };
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
    search: new DynamoSearchIndex(db, requireEnv(ENV.searchTable)),
  });
  const desk = createDesk({ desk: new DeskStore(db, requireEnv(ENV.contentTable)), clock: systemClock });
  const site = createSiteSettings({
    store: new SiteSettingsStore(db, requireEnv(ENV.contentTable)),
    clock: systemClock,
  });
  const authors = createAuthors({ store: store.authors, media: store.media, clock: systemClock });
  return { articles, desk, cursors, site, authors };
}

/** The scheduler's target: publishes and unpublishes; it needs no scheduler itself. */
