import { MovedError, NotFoundError } from '../../errors.ts';
import type { PublicLiveEntry } from '../../schemas/live.ts';
import { LIVE_LIMITS } from '../../schemas/live.ts';
import type { LiveList } from '../../store/live/liveKeys.ts';
import type { LiveStore } from '../../store/live/liveStore.ts';

/** The cursor before any change: a first poll with it reads every change there is. */
export const SINCE_START = '0'.repeat(26);

export interface LivePage {
  items: PublicLiveEntry[];
  nextCursor: string | null;
  since: string;
}

/** The greatest of the ids (ULIDs sort as text), or floor when none is greater. */
const newest = (ids: string[], floor: string) => [floor, ...ids].sort().at(-1) ?? floor;

/**
 * What readers read of live coverage: each answer is one DynamoDB request. A page's `since` is
 * the newest change it reflects, so the next poll asks only for what came after (an edit made
 * before the page was read may come once more: readers replace an entry by id).
 */
export function createLiveReads(
  live: Pick<LiveStore, 'listPublic' | 'changesSince' | 'getPublic' | 'movedTo'>,
) {
  /**
   * An earlier slug of the story: its entries moved with it (docs/live-coverage.md). Ids and change
   * ids moved unchanged, so a `since` carries over; a cursor starts again at the first page.
   */
  const moved = (from: string, to: string, view: string) =>
    new MovedError(`The live coverage at "${from}" is now at "${to}".`, `/v1/articles/${to}/entries${view}`);
  const VIEW: Record<LiveList, string> = { all: '', pinned: '/pinned', key: '/key-events' };

  return {
    async entries(
      slug: string,
      query: { since?: string; cursor?: string; limit?: string },
    ): Promise<LivePage> {
      const limit = query.limit ? Number(query.limit) : 20;
      if (query.since !== undefined) {
        const { items: changes, movedTo } = await live.changesSince(
          slug,
          query.since,
          Math.min(limit * 5, LIVE_LIMITS.pollChanges),
        );
        if (movedTo !== undefined) throw moved(slug, movedTo, `?since=${query.since}`);
        return {
          items: changes.reverse(),
          nextCursor: null,
          since: newest(
            changes.map((c) => c.changeId),
            query.since,
          ),
        };
      }
      return this.list(slug, 'all', query);
    },

    async list(slug: string, list: LiveList, query: { cursor?: string; limit?: string }): Promise<LivePage> {
      const limit = query.limit ? Number(query.limit) : 20;
      const page = await live.listPublic(slug, list, limit, query.cursor);
      if (page.movedTo !== undefined) throw moved(slug, page.movedTo, VIEW[list]);
      // A cursor's page skips the marker (it is below it): an empty one asks where it went.
      if (query.cursor !== undefined && page.items.length === 0) {
        const movedTo = await live.movedTo(slug);
        if (movedTo !== undefined) throw moved(slug, movedTo, VIEW[list]);
      }
      return {
        items: page.items,
        nextCursor: page.last,
        since: newest(
          page.items.map((e) => e.changeId),
          SINCE_START,
        ),
      };
    },

    async entry(slug: string, id: string): Promise<PublicLiveEntry> {
      const found = await live.getPublic(slug, id);
      if (!found) {
        const movedTo = await live.movedTo(slug);
        if (movedTo !== undefined) throw moved(slug, movedTo, `/${id}`);
      }
      if (!found) throw new NotFoundError(`No entry ${id} in the live coverage at "${slug}".`);
      return found;
    },
  };
}
