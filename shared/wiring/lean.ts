import { systemClock } from '../clock.ts';
import { ENV, optionalEnv, requireEnv } from '../env.ts';
import { type EventSink, eventBridgeSink, logSink } from '../integrations/events.ts';
import { pollingSchedules } from '../integrations/schedules.ts';
import type { SiteSettings } from '../schemas/site.ts';
import { DynamoSearchIndex } from '../search/dynamoSearchIndex.ts';
import type { SearchFeed } from '../search/indexer.ts';
import { createPreviewLinks } from '../services/articles/previewLinks.ts';
import { createPublication } from '../services/articles/publication.ts';
import { createScheduledRuns } from '../services/articles/scheduledRuns.ts';
import { PublicService } from '../services/publicService.ts';
import { createPublicTaxonomy } from '../services/publicTaxonomy.ts';
import { createReadersSearch } from '../services/search.ts';
import { ArticleReader } from '../store/articleStore.ts';
import { createDocumentClient } from '../store/client.ts';
import { LiveStore } from '../store/live/liveStore.ts';
import { TaxonomyStore } from '../store/taxonomyStore.ts';
import {
  closeAfterDaysFromEnv,
  commentStoreFor,
  contentFromEnv,
  contentReaderFromEnv,
  cursorsFromEnv,
  previewsFromEnv,
} from './common.ts';
import { frontsFor } from './fronts.ts';

/** Builders of the lean functions: none of them reaches a body schema (bundle budgets). */

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

/** What the relay keeps the search index with: the index, and the working copies it reads words from. */
export function searchFeedFromEnv(): SearchFeed {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  return {
    index: new DynamoSearchIndex(db, requireEnv(ENV.searchTable)),
    articles: new ArticleReader(db, requireEnv(ENV.contentTable)),
  };
}

/**
 * The scheduler's target for fronts. It makes no triggers (it would have to name itself, a cycle
 * in the template): a scheduled publish's pin expiries were set when the publish was scheduled.
 */
export function scheduledFrontsFromEnv() {
  const { db } = contentFromEnv();
  return frontsFor(db, pollingSchedules);
}

export function scheduledPublishFromEnv() {
  const { db, store } = contentFromEnv();
  return createScheduledRuns({
    store,
    clock: systemClock,
    publication: createPublication({ store, closeAfterDays: closeAfterDaysFromEnv(db) }),
  });
}

/** Preview links: reads working copies by signed token only. */
export async function previewFromEnv() {
  const { readPreview, readPreviewPage } = createPreviewLinks({
    store: contentReaderFromEnv(),
    clock: systemClock,
    previews: await previewsFromEnv(),
  });
  return { readPreview, readPreviewPage };
}

/**
 * The public reads. `site` reads the site settings for the article's jsonLd
 * (shared/wiring/syndication.ts): handed in, so the other functions of this module do not bundle it.
 */
export async function publicFromEnv(
  site?: (db: ReturnType<typeof createDocumentClient>) => () => Promise<SiteSettings>,
) {
  const { db, store } = contentFromEnv();
  return {
    db,
    reads: new PublicService(
      store,
      commentStoreFor(db),
      site?.(db),
      new LiveStore(db, requireEnv(ENV.contentTable)),
    ),
    search: createReadersSearch(new DynamoSearchIndex(db, requireEnv(ENV.searchTable))),
    taxonomy: createPublicTaxonomy(new TaxonomyStore(db, requireEnv(ENV.contentTable))),
    cursors: await cursorsFromEnv(),
  };
}
