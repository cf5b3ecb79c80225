import type { SchedulePayload } from '../shared/integrations/schedules.ts';
import { log, withRequestId } from '../shared/log.ts';
import { scheduledPublishFromEnv } from '../shared/wiring/lean.ts';

const articles = scheduledPublishFromEnv();

/**
 * The scheduler's target, for scheduled publishes and automatic unpublishes. Each acts exactly
 * once: a duplicate, late or stale trigger is skipped and logged. An error (DynamoDB unavailable)
 * is thrown so the scheduler retries, then dead-letters.
 */
export function handler(event: SchedulePayload, context?: { awsRequestId?: string }) {
  return withRequestId(context?.awsRequestId ?? 'unknown', () => run(event));
}

async function run(event: SchedulePayload) {
  const result =
    event?.kind === 'unpublish' &&
    typeof event.articleId === 'string' &&
    typeof event.unpublishAt === 'string'
      ? await articles.runScheduledUnpublish(event.articleId, event.unpublishAt)
      : event?.kind !== 'unpublish' && typeof event?.articleId === 'string' && Number.isInteger(event.version)
        ? await articles.runScheduledPublish(event.articleId, event.version)
        : null;
  if (!result) {
    log.error('Malformed schedule payload', { event });
    return { outcome: 'skipped', reason: 'malformed payload' };
  }
  const summary =
    result.outcome === 'skipped'
      ? { outcome: 'skipped', articleId: event.articleId, reason: result.reason }
      : {
          outcome: result.outcome,
          articleId: event.articleId,
          version: result.article.version,
          slug: result.article.slug,
        };
  log.info('Scheduled run', { trigger: event, ...summary });
  return summary;
}
