import type { SchedulePayload } from '../shared/integrations/schedules.ts';
import { log, withRequestId } from '../shared/log.ts';
import { scheduledFrontsFromEnv, scheduledPublishFromEnv } from '../shared/wiring/lean.ts';

const articles = scheduledPublishFromEnv();
const fronts = scheduledFrontsFromEnv();

/**
 * The scheduler's target, for scheduled publishes and automatic unpublishes of articles, and for
 * fronts: scheduled publishes and pin expiries. Each acts exactly once: a duplicate, late or
 * stale trigger is skipped and logged (a pin expiry's run is a no-op the second time). An error
 * (DynamoDB unavailable) is thrown so the scheduler retries, then dead-letters.
 */
export function handler(event: SchedulePayload, context?: { awsRequestId?: string }) {
  return withRequestId(context?.awsRequestId ?? 'unknown', () => run(event));
}

async function run(event: SchedulePayload) {
  if (event?.kind === 'frontPublish' || event?.kind === 'frontExpiry') return runFront(event);
  const result =
    event?.kind === 'unpublish' &&
    typeof event.articleId === 'string' &&
    typeof event.unpublishAt === 'string'
      ? await articles.runScheduledUnpublish(event.articleId, event.unpublishAt)
      : event?.kind !== 'unpublish' && typeof event?.articleId === 'string' && Number.isInteger(event.version)
        ? await articles.runScheduledPublish(event.articleId, event.version)
        : null;
  if (!result) return malformed(event);
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

async function runFront(event: Extract<SchedulePayload, { front: string }>) {
  if (typeof event.front !== 'string') return malformed(event);
  const summary =
    event.kind === 'frontPublish'
      ? Number.isInteger(event.version)
        ? { front: event.front, ...(await fronts.runScheduledPublish(event.front, event.version)) }
        : null
      : { front: event.front, ...(await fronts.runPinExpiry(event.front)) };
  if (!summary) return malformed(event);
  log.info('Scheduled run', { trigger: event, ...summary });
  return summary;
}

function malformed(event: unknown) {
  log.error('Malformed schedule payload', { event });
  return { outcome: 'skipped', reason: 'malformed payload' };
}
