import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../errors.ts';
import { nextExpiry } from '../../fronts/resolve.ts';
import type { FrontExpiryJob, PublishSchedules, ScheduleJob } from '../../integrations/schedules.ts';
import { log } from '../../log.ts';
import type { FrontArrangement, FrontRevision, PublicFront } from '../../schemas/front.ts';
import type { PageKey } from '../../store/cursor.ts';
import { FrontRaceLost, type FrontStore, type StoredFrontDraft } from '../../store/frontStore.ts';
import type { FrontStories } from '../../store/frontStories.ts';
import { assertFuture, requireVersion } from '../articles/checks.ts';
import { SCHEDULER_ACTOR } from '../articles/scheduledRuns.ts';
import { createResolution } from './resolution.ts';

export interface FrontsDeps {
  store: FrontStore;
  stories: FrontStories;
  clock: Clock;
  schedules: PublishSchedules;
}

const noFront = (name: string) => new NotFoundError(`No front named "${name}".`);
/** Attempts at a publish whose resolved front the relay rewrote meanwhile. */
const PUBLISH_ATTEMPTS = 4;

export type Fronts = ReturnType<typeof createFronts>;

/**
 * Fronts as editors arrange them: a draft (saved with If-Match, like an article), published now
 * or at a time (exactly once: the trigger names the draft version it was made for), every
 * publish kept as a revision that can be restored into the draft. Publishing resolves the front;
 * the relay and pin expiries resolve it again (./resolution.ts). Who may: the routes say
 * (editors and admins).
 */
export function createFronts({ store, stories, clock, schedules }: FrontsDeps) {
  const resolution = createResolution({ store, stories, clock });

  async function draftAt(name: string, expected: number | undefined): Promise<StoredFrontDraft> {
    const version = requireVersion(expected);
    const draft = await store.draft(name);
    if (!draft) throw noFront(name);
    if (draft.version !== version) throw stale(version, draft.version);
    return draft;
  }

  const stale = (expected: number, actual: number) =>
    new PreconditionFailedError(
      `If-Match names version ${expected}, but the front is at version ${actual}. Fetch it again.`,
    );

  async function save(draft: StoredFrontDraft, expected: number): Promise<StoredFrontDraft> {
    if (!(await store.putDraft(draft, expected))) {
      const now = await store.draft(draft.name);
      throw now ? stale(expected, now.version) : noFront(draft.name);
    }
    return draft;
  }

  /** Removes a trigger that no longer matches; it would be skipped anyway when it fires. */
  async function drop(job: ScheduleJob) {
    try {
      await schedules.remove(job);
    } catch (error) {
      log.warn('Could not remove a stale front trigger; it will be skipped when it fires', { job, error });
    }
  }

  const scheduledJob = (d: StoredFrontDraft) =>
    d.scheduledFor
      ? ({ kind: 'frontPublish', front: d.name, version: d.version, at: d.scheduledFor } as const)
      : null;

  /** Publishes the draft read at its version: resolves, then one transaction; see FrontStore.publish. */
  async function publishNow(draft: StoredFrontDraft, actor: string): Promise<StoredFrontDraft> {
    const { name, title, zones } = draft;
    // Each pin expiry has its trigger before the write that relies on it (harmless if it fails).
    const now = clock.now();
    for (const at of expiriesOf(zones, now)) await schedules.create({ kind: 'frontExpiry', front: name, at });
    for (let attempt = 1; ; attempt += 1) {
      const at = clock.now();
      const previous = await store.live(name, true);
      const resolved = await resolution.resolve(zones, at);
      const n = (draft.publishedRevision ?? 0) + 1;
      const published: StoredFrontDraft = {
        ...draft,
        version: draft.version + 1,
        publishedRevision: n,
        publishedAt: at.toISOString(),
        scheduledFor: null,
      };
      const revision: FrontRevision = {
        name,
        n,
        version: draft.version,
        title,
        zones,
        publishedAt: at.toISOString(),
        publishedBy: actor,
      };
      try {
        await store.publish({
          draft: published,
          expectedVersion: draft.version,
          revision,
          previous,
          live: {
            name,
            title,
            revision: n,
            publishedAt: at.toISOString(),
            resolvedAt: at.toISOString(),
            arrangement: zones,
            ...resolved,
            serial: (previous?.serial ?? 0) + 1,
          },
        });
        return published;
      } catch (error) {
        if (!(error instanceof FrontRaceLost)) throw error;
        const current = await store.draft(name);
        if (!current || current.version !== draft.version) throw stale(draft.version, current?.version ?? 0);
        if (attempt >= PUBLISH_ATTEMPTS) throw error;
      }
    }
  }

  return {
    resolution,

    list: () => store.list(),

    async get(name: string) {
      const draft = await store.draft(name);
      if (!draft) throw noFront(name);
      return draft;
    },

    async create(principal: Principal, input: FrontArrangement & { name: string }) {
      const draft: StoredFrontDraft = {
        name: input.name,
        title: input.title,
        zones: input.zones,
        version: 1,
        updatedAt: clock.now().toISOString(),
        updatedBy: principal.sub,
        publishedRevision: null,
        publishedAt: null,
        scheduledFor: null,
      };
      if (!(await store.putDraft(draft, null)))
        throw new ConflictError(`A front named "${input.name}" exists.`);
      return draft;
    },

    /** Saves the arrangement; a publish waiting for its time is cancelled (schedule it again). */
    async save(principal: Principal, name: string, expected: number | undefined, input: FrontArrangement) {
      const draft = await draftAt(name, expected);
      const next = await save(
        {
          ...draft,
          ...input,
          version: draft.version + 1,
          updatedAt: clock.now().toISOString(),
          updatedBy: principal.sub,
          scheduledFor: null,
        },
        draft.version,
      );
      const job = scheduledJob(draft);
      if (job) await drop(job);
      return next;
    },

    /** Now, or at `publishAt`: the trigger is made before the write that relies on it. */
    async publish(principal: Principal, name: string, expected: number | undefined, publishAt?: string) {
      const draft = await draftAt(name, expected);
      if (publishAt === undefined) {
        const published = await publishNow(draft, principal.sub);
        const job = scheduledJob(draft);
        if (job) await drop(job);
        return published;
      }
      assertFuture(publishAt, clock.now(), 'publishAt');
      // The pins' expiries after that time get their triggers now: the scheduler's target makes
      // none. One that fires before the publish (or after a cancel) resolves the front to no change.
      const from = new Date(Date.parse(publishAt));
      for (const at of expiriesOf(draft.zones, from)) {
        await schedules.create({ kind: 'frontExpiry', front: name, at });
      }
      const next: StoredFrontDraft = {
        ...draft,
        version: draft.version + 1,
        scheduledFor: new Date(Date.parse(publishAt)).toISOString(),
        updatedAt: clock.now().toISOString(),
        updatedBy: principal.sub,
      };
      const job = scheduledJob(next);
      if (job) await schedules.create(job);
      const saved = await save(next, draft.version);
      const old = scheduledJob(draft);
      if (old) await drop(old);
      return saved;
    },

    history: (name: string, limit: number, startKey: PageKey | undefined) =>
      store.revisions(name, limit, startKey),

    async revision(name: string, n: number) {
      const revision = await store.revision(name, n);
      if (!revision) throw new NotFoundError(`Front "${name}" has no revision ${n}.`);
      return revision;
    },

    /** Copies a revision's arrangement into the draft (a new version); publishing is a separate step. */
    async restore(principal: Principal, name: string, n: number, expected: number | undefined) {
      const draft = await draftAt(name, expected);
      const revision = await store.revision(name, n);
      if (!revision) throw new NotFoundError(`Front "${name}" has no revision ${n}.`);
      return save(
        {
          ...draft,
          title: revision.title,
          zones: revision.zones,
          version: draft.version + 1,
          updatedAt: clock.now().toISOString(),
          updatedBy: principal.sub,
          scheduledFor: null,
        },
        draft.version,
      );
    },

    /** The draft resolved now, as it would be published: nothing is written. */
    async preview(name: string): Promise<PublicFront> {
      const draft = await store.draft(name);
      if (!draft) throw noFront(name);
      const now = clock.now();
      const { zones } = await resolution.resolve(draft.zones, now);
      const at = now.toISOString();
      const revision = draft.publishedRevision ?? 0;
      return {
        name,
        title: draft.title,
        revision,
        publishedAt: draft.publishedAt ?? at,
        resolvedAt: at,
        zones,
      };
    },

    /** A scheduled publish's trigger: only if the draft is still scheduled at that version. */
    async runScheduledPublish(name: string, version: number) {
      const draft = await store.draft(name);
      if (!draft) return { outcome: 'skipped', reason: 'the front no longer exists' } as const;
      if (!draft.scheduledFor) return { outcome: 'skipped', reason: 'the front is not scheduled' } as const;
      if (draft.version !== version) {
        return {
          outcome: 'skipped',
          reason: `the trigger is for version ${version}, the front is at ${draft.version}`,
        } as const;
      }
      try {
        const published = await publishNow(draft, SCHEDULER_ACTOR);
        return { outcome: 'published', revision: published.publishedRevision } as const;
      } catch (error) {
        if (error instanceof PreconditionFailedError) {
          return { outcome: 'skipped', reason: 'another trigger won the race' } as const;
        }
        throw error;
      }
    },

    /** A pin expiry's trigger: the front resolved again (a no-op when nothing changed). */
    runPinExpiry: async (name: string) => ({ outcome: await resolution.refresh(name) }),
  };
}

/** The future expiry times of an arrangement's pins, each once. */
function expiriesOf(zones: FrontArrangement['zones'], now: Date): FrontExpiryJob['at'][] {
  const out: string[] = [];
  let from = now;
  for (let next = nextExpiry(zones, from); next !== null; next = nextExpiry(zones, from)) {
    out.push(next);
    from = new Date(Date.parse(next));
  }
  return out;
}
