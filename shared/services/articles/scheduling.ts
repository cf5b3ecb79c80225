import { canPerform } from '../../auth/permissions.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ConflictError, ForbiddenError } from '../../errors.ts';
import type { HistoryEntry } from '../../schemas/articleHistory.ts';
import type { ArticleStore, StoredArticle } from '../../store/articleStore.ts';
import { ruleFor } from '../../workflow.ts';
import { assertFuture, assertVersion } from './checks.ts';
import { articleToWrite } from './reads.ts';
import { publishTrigger, type Triggers, unpublishTrigger } from './triggers.ts';
import { nextVersion } from './versions.ts';

export interface SchedulingDeps {
  store: ArticleStore;
  clock: Clock;
  triggers: Triggers;
}

export type Scheduling = ReturnType<typeof createScheduling>;

/**
 * Setting and cancelling the two kinds of trigger: a publish at `publishAt` (the schedule and
 * unschedule transitions) and an unpublish at `unpublishAt` (its own route, for live articles).
 */
export function createScheduling({ store, clock, triggers }: SchedulingDeps) {
  /** Whoever may unpublish may schedule or cancel an unpublish. */
  async function unpublishChange(
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    action: 'schedule_unpublish' | 'cancel_unpublish',
  ) {
    const { article, version } = await articleToWrite(store, principal, id, expectedVersion);
    if (!canPerform(principal, ruleFor('unpublish'), article)) {
      throw new ForbiddenError('Your role may not schedule or cancel an unpublish.');
    }
    assertVersion(article, version);
    const at = clock.now().toISOString();
    return { article, at, change: { actor: principal.sub, action, at } };
  }

  return {
    /** The schedule transition: the trigger first, then the write that relies on it. */
    async schedulePublish(
      article: StoredArticle,
      next: StoredArticle,
      audit: HistoryEntry,
      publishAt: string,
    ) {
      next.scheduledFor = new Date(Date.parse(publishAt)).toISOString();
      await triggers.commitWith(publishTrigger(next), {
        article: next,
        expectedVersion: article.version,
        audit: { ...audit, publishAt: next.scheduledFor },
      });
      return next;
    },

    /** The unschedule transition: the write first; the old trigger then matches nothing. */
    async cancelPublish(article: StoredArticle, next: StoredArticle, audit: HistoryEntry) {
      next.scheduledFor = null;
      await store.commit({ article: next, expectedVersion: article.version, audit });
      await triggers.drop(publishTrigger(article));
      return next;
    },

    /**
     * Takes a live article down automatically at `unpublishAt` (an embargoed correction, a
     * time-limited notice). The status is untouched; edits and republishing keep the time. Setting
     * it again moves it; the old trigger no longer matches and is skipped.
     */
    async scheduleUnpublish(
      principal: Principal,
      id: string,
      expectedVersion: number | undefined,
      unpublishAt: string,
    ): Promise<StoredArticle> {
      const { article, change } = await unpublishChange(principal, id, expectedVersion, 'schedule_unpublish');
      if (!article.live) throw new ConflictError('Only a live article can be scheduled to unpublish.');
      assertFuture(unpublishAt, clock.now(), 'unpublishAt');
      const at = new Date(Date.parse(unpublishAt)).toISOString();
      const { next, audit } = nextVersion(
        article,
        article.status,
        { ...change, publishAt: at },
        { unpublishAt: at },
      );
      await triggers.commitWith(unpublishTrigger({ ...next, unpublishAt: at }), {
        article: next,
        expectedVersion: article.version,
        audit,
      });
      if (article.unpublishAt && article.unpublishAt !== at) {
        await triggers.drop(unpublishTrigger({ ...article, unpublishAt: article.unpublishAt }));
      }
      return next;
    },

    async cancelUnpublish(
      principal: Principal,
      id: string,
      expectedVersion: number | undefined,
    ): Promise<StoredArticle> {
      const { article, change } = await unpublishChange(principal, id, expectedVersion, 'cancel_unpublish');
      const { unpublishAt } = article;
      if (!unpublishAt) throw new ConflictError('This article has no unpublish scheduled.');
      const { next, audit } = nextVersion(article, article.status, change, { unpublishAt: null });
      await store.commit({ article: next, expectedVersion: article.version, audit });
      await triggers.drop(unpublishTrigger({ ...article, unpublishAt }));
      return next;
    },
  };
}
