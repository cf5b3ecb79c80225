import { hasAnyRole, type Principal } from '../../auth/principal.ts';
import type { Clock, IdFactory } from '../../clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../../errors.ts';
import {
  type Coverage,
  type CoverageInput,
  LIVE_LIMITS,
  type LiveEntry,
  type LiveEntryInput,
  type LiveEntryPatch,
  type LiveTrace,
} from '../../schemas/live.ts';
import type { LiveStore, StoredCoverage, StoredEntry } from '../../store/live/liveStore.ts';
import { TransactionRefused } from '../../store/transactions.ts';
import { requireVersion } from '../articles/checks.ts';
import { draftOf } from './entryDraft.ts';

/** What coverage needs of the article: that it exists and has been live, and the slug readers have. */
export interface CoveredArticle {
  id: string;
  slug: string;
  everLive: boolean;
  title: string;
  section: string;
}

export interface LiveDeps {
  live: LiveStore;
  clock: Clock;
  newId: IdFactory;
  /** The article by id, or null (one GetItem of its working copy). */
  article: (id: string) => Promise<CoveredArticle | null>;
}

const EDITORS = ['editor'] as const;
const isEditor = (principal: Principal) => hasAnyRole(principal, EDITORS);

/** Editors post on any coverage; an author only on one that names them a contributor. */
export const mayPost = (principal: Principal, coverage: StoredCoverage) =>
  isEditor(principal) || (principal.roles.has('author') && coverage.contributors.includes(principal.sub));

const noCoverage = (id: string) => new NotFoundError(`Article ${id} has no live coverage.`);

function view(coverage: StoredCoverage, principal: Principal): Coverage {
  const { startedBy: _, movedFrom: __, ...rest } = coverage;
  return { ...rest, canPost: coverage.state === 'live' && mayPost(principal, coverage) };
}

export const entryView = ({ articleId: _, slug, movedFrom: __, ...entry }: StoredEntry): LiveEntry => ({
  ...entry,
  url: `/v1/articles/${slug}/entries/${entry.id}`,
  removed: entry.hidden || entry.deleted,
});

const traced = (entry: StoredEntry, ...steps: LiveTrace[]) =>
  [...entry.trace, ...steps].slice(-LIVE_LIMITS.trace);

/**
 * Live coverage: starting and ending it, and its entries. Posting is two requests: the coverage
 * (state and contributors) and one transaction that writes the entry and its public copies on
 * condition that the coverage is still live. Every change of an entry raises its version and
 * gives it a new changeId, which readers' `since` polls find.
 */
export function createLiveCoverage({ live, clock, newId, article }: LiveDeps) {
  async function coverageOf(articleId: string): Promise<StoredCoverage> {
    const coverage = await live.getCoverage(articleId);
    if (!coverage) throw noCoverage(articleId);
    return coverage;
  }

  function assertLive(coverage: StoredCoverage): void {
    if (coverage.state !== 'live') {
      throw new ConflictError(
        `The live coverage of ${coverage.slug} has ended: it takes no more entries or changes.`,
      );
    }
  }

  function assertMayPost(principal: Principal, coverage: StoredCoverage): void {
    if (!mayPost(principal, coverage)) {
      throw new ForbiddenError(
        'Only editors and the contributors this coverage names may post to it; ask an editor to add you.',
      );
    }
  }

  async function entryOf(coverage: StoredCoverage, entryId: string): Promise<StoredEntry> {
    const entry = await live.getEntry(coverage.slug, entryId);
    if (!entry) throw new NotFoundError(`The coverage of ${coverage.slug} has no entry ${entryId}.`);
    return entry;
  }

  /**
   * A transaction refused at 0 means the coverage ended meanwhile, or moved to the story's new slug
   * (its entries follow it: the next try finds the entry there); at 1, a concurrent change.
   */
  async function committed(write: () => Promise<void>, coverage: StoredCoverage): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      if (error.failed(0)) {
        assertLive((await live.getCoverage(coverage.articleId)) ?? { ...coverage, state: 'ended' });
        throw new ConflictError(
          'The story moved to a new slug meanwhile and its entries are moving with it: try again in a moment.',
        );
      }
      throw new PreconditionFailedError('Someone changed this entry meanwhile: fetch it again.');
    }
  }

  return {
    /** The desk's reads are for whoever may post (hidden entries are in them). */
    async coverage(principal: Principal, articleId: string): Promise<Coverage> {
      const coverage = await coverageOf(articleId);
      assertMayPost(principal, coverage);
      return view(coverage, principal);
    },

    /** Starts coverage, changes its contributors, or ends it (for good). Editors only. */
    async setCoverage(principal: Principal, articleId: string, input: CoverageInput): Promise<Coverage> {
      if (!isEditor(principal)) throw new ForbiddenError('Only editors start, change or end live coverage.');
      const [found, existing] = await Promise.all([article(articleId), live.getCoverage(articleId)]);
      if (!found) throw new NotFoundError(`No article with id ${articleId}.`);
      const at = clock.now().toISOString();
      if (existing?.state === 'ended') {
        throw new ConflictError('This coverage has ended and is archived; it cannot be reopened.');
      }
      if (!existing && input.state === 'ended') throw noCoverage(articleId);
      if (!existing && !found.everLive) {
        throw new ConflictError(
          'Publish the article first: its entries are public as soon as they are posted.',
        );
      }
      const contributors = [...new Set(input.contributors ?? existing?.contributors ?? [])];
      const next: StoredCoverage = existing
        ? { ...existing, state: input.state, contributors, endedAt: input.state === 'ended' ? at : null }
        : {
            articleId,
            slug: found.slug,
            state: 'live',
            contributors,
            startedAt: at,
            startedBy: principal.sub,
            endedAt: null,
          };
      try {
        await live.putCoverage(next, existing ? 'live' : null);
      } catch (error) {
        if (error instanceof TransactionRefused) {
          throw new ConflictError(
            'The coverage changed meanwhile (started or ended by someone else): read it again.',
          );
        }
        throw error;
      }
      return view(next, principal);
    },

    async list(principal: Principal, articleId: string, limit: number, before?: string) {
      const coverage = await coverageOf(articleId);
      assertMayPost(principal, coverage);
      const page = await live.listRecords(coverage.slug, limit, before);
      return { coverage: view(coverage, principal), items: page.items.map(entryView), nextCursor: page.last };
    },

    async post(principal: Principal, articleId: string, input: LiveEntryInput): Promise<LiveEntry> {
      const coverage = await coverageOf(articleId);
      assertMayPost(principal, coverage);
      assertLive(coverage);
      const now = clock.now();
      const at = now.toISOString();
      const id = newId(now);
      const entry: StoredEntry = {
        articleId,
        slug: coverage.slug,
        id,
        body: input.body,
        authors: [principal.sub],
        postedAt: at,
        updatedAt: at,
        edited: false,
        pinned: input.pinned ?? false,
        keyEvent: input.keyEvent ?? false,
        hidden: false,
        deleted: false,
        // A post is its own first change: the same ULID.
        changeId: id,
        version: 1,
        draftId: null,
        trace: [{ action: 'posted', by: principal.sub, at }],
      };
      await committed(() => live.create(entry), coverage);
      return entryView(entry);
    },

    /** Edits, pins, marks or hides an entry. Contributors change their own entries; hiding is the desk's. */
    async update(
      principal: Principal,
      articleId: string,
      entryId: string,
      ifMatch: number | undefined,
      patch: LiveEntryPatch,
    ): Promise<LiveEntry> {
      const expected = requireVersion(ifMatch);
      const coverage = await coverageOf(articleId);
      assertMayPost(principal, coverage);
      const before = await entryOf(coverage, entryId);
      if (!isEditor(principal) && !before.authors.includes(principal.sub)) {
        throw new ForbiddenError('Contributors change only their own entries; an editor can change any.');
      }
      if (patch.hidden !== undefined && !isEditor(principal)) {
        throw new ForbiddenError('Only editors hide or show entries.');
      }
      assertLive(coverage);
      if (before.deleted) throw new ConflictError(`Entry ${entryId} was deleted; it cannot be changed.`);
      if (before.version !== expected) {
        throw new PreconditionFailedError(
          `If-Match names version ${expected}, but the entry is at version ${before.version}. Fetch it again.`,
        );
      }
      const now = clock.now();
      const at = now.toISOString();
      const by = principal.sub;
      const steps: LiveTrace[] = [];
      const flag = (
        on: boolean | undefined,
        was: boolean,
        yes: LiveTrace['action'],
        no: LiveTrace['action'],
      ) => {
        if (on !== undefined && on !== was) steps.push({ action: on ? yes : no, by, at });
      };
      const edited = patch.body !== undefined && JSON.stringify(patch.body) !== JSON.stringify(before.body);
      if (edited) steps.push({ action: 'edited', by, at });
      flag(patch.pinned, before.pinned, 'pinned', 'unpinned');
      flag(patch.keyEvent, before.keyEvent, 'key', 'unkey');
      flag(patch.hidden, before.hidden, 'hidden', 'shown');
      if (steps.length === 0) return entryView(before);
      const after: StoredEntry = {
        ...before,
        body: patch.body ?? before.body,
        authors: edited && !before.authors.includes(by) ? [...before.authors, by] : before.authors,
        updatedAt: edited ? at : before.updatedAt,
        edited: before.edited || edited,
        pinned: patch.pinned ?? before.pinned,
        keyEvent: patch.keyEvent ?? before.keyEvent,
        hidden: patch.hidden ?? before.hidden,
        changeId: newId(now),
        version: before.version + 1,
        trace: traced(before, ...steps),
      };
      await committed(() => live.replace(before, after), coverage);
      return entryView(after);
    },

    /** Deletes an entry for readers; its record stays, with who deleted it, as the trace. */
    async remove(principal: Principal, articleId: string, entryId: string, ifMatch: number | undefined) {
      const coverage = await coverageOf(articleId);
      assertMayPost(principal, coverage);
      const before = await entryOf(coverage, entryId);
      if (!isEditor(principal) && !before.authors.includes(principal.sub)) {
        throw new ForbiddenError('Contributors delete only their own entries; an editor can delete any.');
      }
      assertLive(coverage);
      if (before.deleted) return;
      if (ifMatch !== undefined && ifMatch !== before.version) {
        throw new PreconditionFailedError(
          `The entry is at version ${before.version}, not ${ifMatch}. Fetch it again.`,
        );
      }
      const now = clock.now();
      const after: StoredEntry = {
        ...before,
        deleted: true,
        changeId: newId(now),
        version: before.version + 1,
        trace: traced(before, { action: 'deleted', by: principal.sub, at: now.toISOString() }),
      };
      await committed(() => live.replace(before, after), coverage);
    },

    /** The entry and its coverage, for making a draft of it. */
    async forDraft(principal: Principal, articleId: string, entryId: string) {
      const coverage = await coverageOf(articleId);
      assertMayPost(principal, coverage);
      const [entry, parent] = await Promise.all([entryOf(coverage, entryId), article(articleId)]);
      if (entry.deleted) throw new ConflictError(`Entry ${entryId} was deleted.`);
      if (!parent) throw new NotFoundError(`No article with id ${articleId}.`);
      return { entry, draft: draftOf(entry, parent) };
    },

    /** Records on the entry the draft made from it. */
    async linkDraft(principal: Principal, entry: StoredEntry, draftId: string): Promise<LiveEntry> {
      const trace = traced(entry, { action: 'drafted', by: principal.sub, at: clock.now().toISOString() });
      await live.linkDraft(entry, draftId, trace);
      return entryView({ ...entry, draftId, trace });
    },
  };
}
export type LiveCoverage = ReturnType<typeof createLiveCoverage>;
