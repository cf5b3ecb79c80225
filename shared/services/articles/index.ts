import type { Clock, IdFactory } from '../../clock.ts';
import type { PublishSchedules } from '../../integrations/schedules.ts';
import type { PreviewTokens } from '../../preview.ts';
import type { SearchIndex } from '../../search/searchIndex.ts';
import type { ArticleStore } from '../../store/articleStore.ts';
import { createCorrections } from './corrections.ts';
import { createEditing } from './editing.ts';
import { createImports } from './imports.ts';
import { createPreviewLinks } from './previewLinks.ts';
import { createPublication } from './publication.ts';
import { createReads } from './reads.ts';
import { createScheduledRuns } from './scheduledRuns.ts';
import { createScheduling } from './scheduling.ts';
import { createDeskSearch } from './search.ts';
import { createTransitions } from './transitions.ts';
import { createTriggers } from './triggers.ts';

/**
 * The article use cases, composed per caller with exactly the dependencies each needs; none is
 * optional, so nothing runs with a silent stand-in. Each small module holds one concern:
 *   reads.ts        working copies, revisions, history (who may see what)
 *   editing.ts      create, patch, restore a revision, delete
 *   transitions.ts  the workflow table enforced
 *   publication.ts  go live, go dark (the tables' streams announce it: shared/integrations/outbox.ts)
 *   scheduling.ts   set and cancel publish and unpublish triggers
 *   scheduledRuns.ts  what a trigger runs when it fires, exactly once
 *   previewLinks.ts signed links to a working copy
 *   corrections.ts  corrections on live articles; imports.ts archive import
 *   versions.ts     the next version and its audit entry; checks.ts the shared preconditions
 */
export interface NewsroomDeps {
  store: ArticleStore;
  clock: Clock;
  newId: IdFactory;
  schedules: PublishSchedules;
  /** The closeAfterDays comment setting, read when an article first goes live. */
  closeAfterDays: () => Promise<number | null>;
}

/** Everything an editor does to articles, except preview links (which need a signing key). */
export function createNewsroom(deps: NewsroomDeps) {
  const { store, clock, schedules, closeAfterDays } = deps;
  const triggers = createTriggers({ store, schedules });
  const publication = createPublication({ store, closeAfterDays });
  const scheduling = createScheduling({ store, clock, triggers });
  const { scheduleUnpublish, cancelUnpublish } = scheduling;
  return {
    ...createReads({ store }),
    ...createEditing({ ...deps, triggers }),
    ...createTransitions({ store, clock, publication, scheduling, triggers }),
    scheduleUnpublish,
    cancelUnpublish,
    ...createCorrections({ store, clock, publication }),
  };
}

/** The editorial function: the newsroom plus creating preview links. */
export function createEditorial(deps: NewsroomDeps & { previews: PreviewTokens; search: SearchIndex }) {
  const { createPreview, listPreviews, revokePreview, previewSettings, updatePreviewSettings } =
    createPreviewLinks(deps);
  // Imports validate each story with the article schemas; this module is shared with the lean
  // preview and scheduler bundles, which build no schema, so imports are wired here only.
  return {
    ...createNewsroom(deps),
    ...createImports(deps),
    ...createDeskSearch(deps),
    createPreview,
    listPreviews,
    revokePreview,
    previewSettings,
    updatePreviewSettings,
  };
}

/** The scheduler's target: publishes and unpublishes; it creates and removes no trigger. */
export function createScheduledRunner(deps: {
  store: ArticleStore;
  clock: Clock;
  closeAfterDays: () => Promise<number | null>;
}) {
  return createScheduledRuns({ ...deps, publication: createPublication(deps) });
}

export type { ScheduledRunOutcome } from './scheduledRuns.ts';
export { SCHEDULER_ACTOR } from './scheduledRuns.ts';
