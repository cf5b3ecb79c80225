import type { Clock } from '../../clock.ts';
import { nextExpiry, refsOf, resolveFront, shownIds, withLiveBadges } from '../../fronts/resolve.ts';
import type { FrontZone } from '../../schemas/front.ts';
import type { FrontStore, StoredFrontLive } from '../../store/frontStore.ts';
import type { FrontStories } from '../../store/frontStories.ts';

/** Attempts when another write of the same resolved front came first (a publish, another relay). */
const ATTEMPTS = 4;

export type ResolveOutcome = 'resolved' | 'unchanged' | 'unpublished';

/**
 * Working a published front out again: after a story it shows or could show changed, and when a
 * pin expires. Idempotent (the same inputs give the same front, which is then not written) and
 * safe against a concurrent publish or relay: the write holds only if the front is still the one
 * read, otherwise it is read and worked out again. It never touches the draft, so an editor's
 * unsaved or concurrent arrangement is never lost.
 */
export function createResolution({
  store,
  stories,
  clock,
}: {
  store: FrontStore;
  stories: FrontStories;
  clock: Clock;
}) {
  /** The resolved front of an arrangement at `now`. */
  async function resolve(arrangement: FrontZone[], now: Date) {
    const inputs = await stories.read(arrangement, now);
    const zones = resolveFront(arrangement, now, inputs);
    const live = await stories.liveCoverage(shownIds(zones));
    return {
      zones: withLiveBadges(zones, live),
      nextExpiry: nextExpiry(arrangement, now),
      refs: refsOf(arrangement),
    };
  }

  async function refresh(name: string): Promise<ResolveOutcome> {
    for (let attempt = 1; ; attempt += 1) {
      const live = await store.live(name, true);
      if (!live) return 'unpublished';
      const now = clock.now();
      const { zones, nextExpiry: next } = await resolve(live.arrangement, now);
      if (canonical(zones) === canonical(live.zones) && next === live.nextExpiry) return 'unchanged';
      const updated: StoredFrontLive = {
        ...live,
        zones,
        nextExpiry: next,
        resolvedAt: now.toISOString(),
        serial: live.serial + 1,
      };
      if (await store.putResolved(updated, live.serial)) return 'resolved';
      if (attempt >= ATTEMPTS) throw new Error(`Front ${name} kept changing while it was resolved`);
    }
  }

  return { resolve, refresh };
}
export type Resolution = ReturnType<typeof createResolution>;

/** JSON with object keys sorted: a map read back from DynamoDB does not keep its keys' order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
