import type { EventBridgeEvent } from 'aws-lambda';
import { ENV, requireEnv } from '../shared/env.ts';
import { PURGE_EVENT_TYPES } from '../shared/integrations/cdnPaths.ts';
import { createCdnPurge } from '../shared/integrations/cdnPurge.ts';
import { log, withRequestId } from '../shared/log.ts';

const purge = createCdnPurge(requireEnv(ENV.cdnDistributionId));

/** Events whose paths name no slug (shared/integrations/cdnPaths.ts). */
const NAMELESS = new Set(['SectionChanged', 'TagChanged', 'SiteSettingsChanged', 'ArticlesRelabelled']);

type PurgeDetail = {
  id?: unknown;
  slug?: unknown;
  name?: unknown;
  version?: unknown;
  at?: unknown;
  movedFrom?: unknown;
};

/**
 * The bus rule's target for the events that change public answers (PURGE_EVENT_TYPES: articles,
 * comments, fronts, live entries, and the records public pages show): invalidates the paths they made stale on
 * the CloudFront distribution (shared/integrations/cdnPaths.ts says which, and why). A failure is
 * thrown: Lambda retries, then the event goes to the purge dead-letter queue, which alarms.
 */
export function handler(event: EventBridgeEvent<string, PurgeDetail>, context?: { awsRequestId?: string }) {
  return withRequestId(context?.awsRequestId ?? 'unknown', () => run(event));
}

async function run(event: EventBridgeEvent<string, PurgeDetail>) {
  const type = event['detail-type'];
  const { id, slug, name, version, at, movedFrom } = event.detail ?? {};
  // Articles, comments and authors name a slug, fronts a name; the other records' paths need neither.
  const named =
    type === 'FrontUpdated' ? typeof name === 'string' : NAMELESS.has(type) || typeof slug === 'string';
  if (
    !(PURGE_EVENT_TYPES as readonly string[]).includes(type) ||
    typeof id !== 'string' ||
    !named ||
    typeof version !== 'number'
  ) {
    // Retrying cannot fix it: logged, not thrown.
    log.error('Not a purgeable event', { type, detail: event.detail });
    return { paths: [] };
  }
  const result = await purge({
    type: type as (typeof PURGE_EVENT_TYPES)[number],
    detail: {
      id,
      version,
      ...(typeof slug === 'string' ? { slug } : {}),
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof at === 'string' ? { at } : {}),
      // An article's earlier slugs (docs/slugs.md); anything else in their place is ignored.
      movedFrom: Array.isArray(movedFrom)
        ? movedFrom.filter((s): s is string => typeof s === 'string')
        : undefined,
    },
  });
  log.info('CDN purge', { type, id, version, ...result });
  return result;
}
