import { systemClock } from '../clock.ts';
import { ENV, optionalEnv, requireEnv } from '../env.ts';
import { createSyndication, siteSettingsReader } from '../services/syndication.ts';
import { createDocumentClient } from '../store/client.ts';
import { SiteSettingsStore } from '../store/siteSettingsStore.ts';
import { SyndicationReader } from '../store/syndicationStore.ts';
import { SyndicationStore } from '../store/syndicationWrites.ts';
import { Relabeller } from '../taxonomy/relabel.ts';

/**
 * Feeds, sitemaps and the site settings they link with, for the two functions that use them (the
 * public reads and the relay): a module of its own, so no other bundle carries them.
 */

/** What the relay keeps feeds and sitemaps with (the content table's SYND#, SITEMAP# items). */
export function syndicationFromEnv(): SyndicationStore {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  return new SyndicationStore(db, requireEnv(ENV.contentTable));
}

/** What the relay carries renames into stored articles with (shared/taxonomy/relabel.ts). */
export function relabellerFromEnv(): Relabeller {
  return new Relabeller(
    createDocumentClient(optionalEnv(ENV.dynamodbEndpoint)),
    requireEnv(ENV.contentTable),
  );
}

/** The site settings as the public reads use them: a container's copy, at most 30 s old. */
export const siteSettingsFor = (db: ReturnType<typeof createDocumentClient>) =>
  siteSettingsReader(new SiteSettingsStore(db, requireEnv(ENV.contentTable)));

/** Feeds and sitemaps for readers: one Query each (shared/services/syndication.ts). */
export function syndicationReadsFor(db: ReturnType<typeof createDocumentClient>) {
  return createSyndication({
    store: new SyndicationReader(db, requireEnv(ENV.contentTable)),
    settings: siteSettingsFor(db),
    clock: systemClock,
  });
}
