import { scheduledPublishFromEnv } from '../shared/wiring.ts';

const articles = scheduledPublishFromEnv();

/** What EventBridge Scheduler (or the local poller) sends: the article and the version it was scheduled at. */
export interface ScheduledPublishEvent {
  articleId: string;
  version: number;
}

/**
 * The scheduler's target. Publishes exactly once: a duplicate, late or stale trigger is skipped
 * and logged. An error (DynamoDB unavailable) is thrown so the scheduler retries, then dead-letters.
 */
export async function handler(event: ScheduledPublishEvent) {
  if (typeof event?.articleId !== 'string' || !Number.isInteger(event?.version)) {
    console.error(JSON.stringify({ level: 'error', message: 'Malformed schedule payload', event }));
    return { outcome: 'skipped', reason: 'malformed payload' };
  }
  const result = await articles.runScheduledPublish(event.articleId, event.version);
  const summary =
    result.outcome === 'published'
      ? {
          outcome: 'published',
          articleId: event.articleId,
          version: result.article.version,
          slug: result.article.slug,
        }
      : { outcome: 'skipped', articleId: event.articleId, reason: result.reason };
  console.log(
    JSON.stringify({
      level: 'info',
      message: 'Scheduled publish',
      scheduledVersion: event.version,
      ...summary,
    }),
  );
  return summary;
}
