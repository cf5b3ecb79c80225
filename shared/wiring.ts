import { systemClock, ulidFactory } from './clock.ts';
import { ENV, requireEnv } from './env.ts';
import { DynamoSearchIndex } from './search/dynamoSearchIndex.ts';
import { createEditorial } from './services/articles/index.ts';
import { createArticleTaxonomy } from './services/articleTaxonomy.ts';
import { createAuthors } from './services/authors/index.ts';
import { createDesk } from './services/desk.ts';
import { createSiteSettings } from './services/siteSettings.ts';
import { createTaxonomy } from './services/taxonomy.ts';
import { DeskStore } from './store/deskStore.ts';
import { SiteSettingsStore } from './store/siteSettingsStore.ts';
import { TaxonomyStore } from './store/taxonomyStore.ts';
import { closeAfterDaysFromEnv, contentFromEnv, cursorsFromEnv, previewsFromEnv } from './wiring/common.ts';
import { frontsFor } from './wiring/fronts.ts';
import { liveCoverageFor, mayJoinLiveFor } from './wiring/live.ts';
import { schedulesFromEnv } from './wiring/schedules.ts';

/**
 * Composition from the environment, one builder per Lambda entry point, each building exactly
 * what its function uses (the comment functions' builders are in shared/wiring/comments.ts).
 * Awaited at module scope (top-level await, during Lambda's init phase): a missing variable or an
 * unreadable secret fails the cold start, not a request (Lambda runs the init again on the next
 * invocation), and the clients and keys are reused across invocations.
 */
export async function editorialFromEnv() {
  const { db, store } = contentFromEnv();
  const [previews, cursors] = await Promise.all([previewsFromEnv(), cursorsFromEnv()]);
  const schedules = schedulesFromEnv();
  const articles = createEditorial({
    store,
    clock: systemClock,
    newId: ulidFactory(),
    schedules,
    closeAfterDays: closeAfterDaysFromEnv(db),
    previews,
    search: new DynamoSearchIndex(db, requireEnv(ENV.searchTable)),
  });
  const desk = createDesk({
    desk: new DeskStore(db, requireEnv(ENV.contentTable)),
    clock: systemClock,
    mayJoinLive: mayJoinLiveFor(db),
  });
  const site = createSiteSettings({
    store: new SiteSettingsStore(db, requireEnv(ENV.contentTable)),
    clock: systemClock,
  });
  const taxonomyStore = new TaxonomyStore(db, requireEnv(ENV.contentTable));
  const taxonomy = createTaxonomy({ store: taxonomyStore, clock: systemClock });
  const articleTaxonomy = createArticleTaxonomy({ store: taxonomyStore, clock: systemClock });
  return {
    articles,
    desk,
    cursors,
    site,
    fronts: frontsFor(db, schedules),
    live: liveCoverageFor(db, store),
    taxonomy,
    articleTaxonomy,
    authors: createAuthors({ store: store.authors, media: store.media, clock: systemClock }),
  };
}

/** The scheduler's target: publishes and unpublishes; it needs no scheduler itself. */
