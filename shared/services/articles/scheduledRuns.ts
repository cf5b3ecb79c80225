import type { Clock } from '../../clock.ts';
import { PreconditionFailedError } from '../../errors.ts';
import type { ArticleStore, StoredArticle } from '../../store/articleStore.ts';
import type { Publication } from './publication.ts';
import { nextVersion } from './versions.ts';

/** The actor recorded for what the scheduler does. */
export const SCHEDULER_ACTOR = 'scheduler';

export type ScheduledRunOutcome =
  | { outcome: 'published' | 'unpublished'; article: StoredArticle }
  | { outcome: 'skipped'; reason: string };

/**
 * What a trigger runs when it fires, each exactly once. No trigger is removed here: the one that
 * fired deletes itself after running (EventBridge Scheduler's ActionAfterCompletion), and any
 * other the article still had was made for an older state and is skipped when it fires.
 */
export function createScheduledRuns({
  store,
  clock,
  publication,
}: {
  store: ArticleStore;
  clock: Clock;
  publication: Publication;
}) {
  const change = (action: string, note: string) => ({
    actor: SCHEDULER_ACTOR,
    action,
    at: clock.now().toISOString(),
    note,
  });

  return {
    /**
     * Publishes only if the article is still scheduled at the version the trigger was made for;
     * anything else (unscheduled, rescheduled, already published by a duplicate) is skipped.
     */
    async runScheduledPublish(articleId: string, version: number): Promise<ScheduledRunOutcome> {
      const article = await store.get(articleId);
      if (!article) return { outcome: 'skipped', reason: 'the article no longer exists' };
      if (article.status !== 'scheduled')
        return { outcome: 'skipped', reason: `the article is ${article.status}` };
      if (article.version !== version) {
        return {
          outcome: 'skipped',
          reason: `the trigger is for version ${version}, the article is at ${article.version}`,
        };
      }
      const { next, audit } = nextVersion(
        article,
        'published',
        change('publish', `Published on schedule (due ${article.scheduledFor})`),
      );
      return onceOnly('published', () => publication.goLive(article, next, audit));
    },

    /** Unpublishes only if the article is still live with this very time set. */
    async runScheduledUnpublish(articleId: string, unpublishAt: string): Promise<ScheduledRunOutcome> {
      const article = await store.get(articleId);
      if (!article) return { outcome: 'skipped', reason: 'the article no longer exists' };
      if (!article.live) return { outcome: 'skipped', reason: 'the article is not live' };
      if (article.unpublishAt !== unpublishAt) {
        return {
          outcome: 'skipped',
          reason: `the trigger is for ${unpublishAt}, the article has ${article.unpublishAt ?? 'none'}`,
        };
      }
      const { next, audit } = nextVersion(
        article,
        'archived',
        change('unpublish', `Unpublished on schedule (due ${unpublishAt})`),
      );
      return onceOnly('unpublished', () => publication.goDark(article, next, audit));
    },
  };
}

/** Runs a scheduled write; a duplicate trigger that lost the race to its twin is a skip, not an error. */
async function onceOnly(
  outcome: 'published' | 'unpublished',
  write: () => Promise<StoredArticle>,
): Promise<ScheduledRunOutcome> {
  try {
    return { outcome, article: await write() };
  } catch (error) {
    if (error instanceof PreconditionFailedError)
      return { outcome: 'skipped', reason: 'another trigger won the race' };
    throw error;
  }
}
