import type { Principal } from '../auth/principal.ts';
import { systemClock, ulidFactory } from '../clock.ts';
import { ENV, requireEnv } from '../env.ts';
import { createLiveCoverage, mayPost } from '../services/live/liveCoverage.ts';
import { createLiveReads } from '../services/live/liveReads.ts';
import type { ArticleReader } from '../store/articleStore.ts';
import type { createDocumentClient } from '../store/client.ts';
import { LiveStore } from '../store/live/liveStore.ts';

type Db = ReturnType<typeof createDocumentClient>;

/** Live coverage for the editorial function: over the content table it already holds. */
export function liveCoverageFor(db: Db, articles: Pick<ArticleReader, 'get'>) {
  return createLiveCoverage({
    live: new LiveStore(db, requireEnv(ENV.contentTable)),
    clock: systemClock,
    newId: ulidFactory(),
    article: async (id) => {
      const found = await articles.get(id);
      return found
        ? {
            id: found.id,
            // Readers' slug: an edited one not yet published is not theirs (docs/slugs.md).
            slug: found.liveSlug ?? found.slug,
            everLive: found.everLive,
            title: found.title,
            section: found.section,
          }
        : null;
    },
  });
}

/** Readers' side of live coverage, for the public read function. */
export const liveReadsFor = (db: Db) => createLiveReads(new LiveStore(db, requireEnv(ENV.contentTable)));

/** The desk's check for the live desk's presence line: whoever may post on the coverage. */
export function mayJoinLiveFor(db: Db) {
  const live = new LiveStore(db, requireEnv(ENV.contentTable));
  return async (principal: Principal, id: string) => {
    const coverage = await live.getCoverage(id);
    return coverage !== null && mayPost(principal, coverage);
  };
}
