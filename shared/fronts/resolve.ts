import type { PublicArticleSummary } from '../schemas/articleLists.ts';
import type { FrontEntry, FrontRule, FrontZone } from '../schemas/front.ts';

/** The key a rule is read and indexed by: `section#city`, `tag#transport`, `author#a-reporter`. */
export const ruleKey = (rule: FrontRule) => `${rule.kind}#${rule.value}`;
export const pinKey = (articleId: string) => `pin#${articleId}`;

export interface ResolvedZone {
  name: string;
  entries: FrontEntry[];
}

/** What resolution reads: the live pinned stories by id, and each rule's newest stories, newest first. */
export interface ResolveInputs {
  pins: ReadonlyMap<string, PublicArticleSummary>;
  candidates: ReadonlyMap<string, readonly PublicArticleSummary[]>;
}

const pinActive = (until: string | null | undefined, now: Date) =>
  !until || Date.parse(until) > now.getTime();

/** The pinned stories whose pins still hold at `now` (live or not: reading decides that). */
export function activePins(zones: readonly FrontZone[], now: Date): string[] {
  return zones.flatMap((z) =>
    z.slots.flatMap((s) => (s.pin && pinActive(s.pin.until, now) ? [s.pin.articleId] : [])),
  );
}

/** The rules of an arrangement, each once. */
export function rulesOf(zones: readonly FrontZone[]): FrontRule[] {
  const seen = new Map<string, FrontRule>();
  for (const slot of zones.flatMap((z) => z.slots)) if (slot.rule) seen.set(ruleKey(slot.rule), slot.rule);
  return [...seen.values()];
}

/**
 * The index rows a published arrangement needs: every story it pins (expired pins too, so a story
 * pinned until a time is still found, cheaply, until the next publish) and every rule.
 */
export function refsOf(zones: readonly FrontZone[]): string[] {
  const refs = new Set<string>();
  for (const slot of zones.flatMap((z) => z.slots)) {
    if (slot.pin) refs.add(pinKey(slot.pin.articleId));
    if (slot.rule) refs.add(ruleKey(slot.rule));
  }
  return [...refs].sort();
}

/** How many stories a rule may need to read: its slots, plus those others may take first. */
export const candidateLimit = (zones: readonly FrontZone[]) =>
  zones.reduce((n, z) => n + z.slots.reduce((m, s) => m + (s.pin ? 1 : 0) + (s.rule ? 1 : 0), 0), 0);

/** The next instant a pin stops holding after `now`: when the front must be resolved again. */
export function nextExpiry(zones: readonly FrontZone[], now: Date): string | null {
  const times = zones
    .flatMap((z) => z.slots.map((s) => s.pin?.until ?? null))
    .filter((t): t is string => t !== null && Date.parse(t) > now.getTime())
    .map((t) => new Date(Date.parse(t)).toISOString())
    .sort();
  return times[0] ?? null;
}

/**
 * A front's zones as readers get them. Pure. Pinned stories that are live and whose pin holds
 * are placed first (wherever they are, so a rule above them skips them); then each remaining slot
 * takes the newest story of its rule not yet on the front, in zone and slot order. A slot with
 * neither shows nothing. No story appears twice.
 */
export function resolveFront(zones: readonly FrontZone[], now: Date, inputs: ResolveInputs): ResolvedZone[] {
  const used = new Set<string>();
  for (const id of activePins(zones, now)) if (inputs.pins.has(id)) used.add(id);
  const cursors = new Map<string, number>();
  const nextOf = (rule: FrontRule): PublicArticleSummary | null => {
    const key = ruleKey(rule);
    const list = inputs.candidates.get(key) ?? [];
    for (let i = cursors.get(key) ?? 0; i < list.length; i += 1) {
      const story = list[i];
      if (story && !used.has(story.id)) {
        cursors.set(key, i + 1);
        return story;
      }
    }
    cursors.set(key, list.length);
    return null;
  };
  return zones.map((zone) => ({
    name: zone.name,
    entries: zone.slots.flatMap((slot): FrontEntry[] => {
      const pinned =
        slot.pin && pinActive(slot.pin.until, now) ? inputs.pins.get(slot.pin.articleId) : undefined;
      if (pinned) return [{ ...pinned, pinned: true }];
      const story = slot.rule ? nextOf(slot.rule) : null;
      if (!story) return [];
      used.add(story.id);
      return [{ ...story, pinned: false }];
    }),
  }));
}

/** The stories a resolved front shows, each once: whose coverage state the live badge needs. */
export const shownIds = (zones: readonly ResolvedZone[]) => [
  ...new Set(zones.flatMap((z) => z.entries.map((e) => e.id))),
];

/** The resolved zones with `live: true` on the entries of stories whose coverage is live. */
export function withLiveBadges(zones: readonly ResolvedZone[], live: ReadonlySet<string>): ResolvedZone[] {
  return zones.map((zone) => ({
    name: zone.name,
    entries: zone.entries.map((e) => (live.has(e.id) ? { ...e, live: true } : e)),
  }));
}
