import { systemClock } from '../clock.ts';
import { ENV, optionalEnv, requireEnv } from '../env.ts';
import type { PublishSchedules } from '../integrations/schedules.ts';
import { createFronts } from '../services/fronts/index.ts';
import { createResolution } from '../services/fronts/resolution.ts';
import { createDocumentClient } from '../store/client.ts';
import { FrontStore } from '../store/frontStore.ts';
import { FrontStories } from '../store/frontStories.ts';
import { keys } from '../store/keys.ts';
import { getItem } from '../store/query.ts';

type Db = ReturnType<typeof createDocumentClient>;

/** Fronts for the editorial function and the scheduler's target. */
export function frontsFor(db: Db, schedules: PublishSchedules) {
  const table = requireEnv(ENV.contentTable);
  return createFronts({
    store: new FrontStore(db, table),
    stories: new FrontStories(db, table),
    clock: systemClock,
    schedules,
  });
}

/** The public read: the resolved front by key. */
export const publicFrontsFor = (db: Db) => new FrontStore(db, requireEnv(ENV.contentTable));

/** What the relay keeps fronts with: the index of fronts by story and rule, and re-resolution. */
export function frontRefreshFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  const table = requireEnv(ENV.contentTable);
  const store = new FrontStore(db, table);
  const { refresh } = createResolution({
    store,
    stories: new FrontStories(db, table),
    clock: systemClock,
  });
  return {
    frontsFor: (refs: readonly string[]) => store.frontsFor(refs),
    refresh,
    snapshot: (slug: string) => getItem(db, table, keys.liveSnapshot(slug), true),
  };
}
