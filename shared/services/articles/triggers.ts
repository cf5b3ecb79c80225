import type {
  PublishJob,
  PublishSchedules,
  ScheduleJob,
  UnpublishJob,
} from '../../integrations/schedules.ts';
import { log } from '../../log.ts';
import type { ArticleStore, ArticleWrite, StoredArticle } from '../../store/articleStore.ts';

/** The trigger that publishes a scheduled article: valid only at the version it was made for. */
export const publishTrigger = (article: StoredArticle): PublishJob => ({
  kind: 'publish',
  articleId: article.id,
  version: article.version,
  at: article.scheduledFor ?? '',
});

/** The trigger that takes a live article down: valid only while `unpublishAt` is this very time. */
export const unpublishTrigger = (article: StoredArticle & { unpublishAt: string }): UnpublishJob => ({
  kind: 'unpublish',
  articleId: article.id,
  at: article.unpublishAt,
});

export type Triggers = ReturnType<typeof createTriggers>;

/**
 * Triggers around the writes that rely on them. Every trigger re-checks the article when it
 * fires, so one that outlives its write is skipped: removing it is tidiness, never correctness.
 */
export function createTriggers({ store, schedules }: { store: ArticleStore; schedules: PublishSchedules }) {
  /** Removes a trigger that no longer matches; a failure is logged, not the caller's error. */
  async function drop(job: ScheduleJob): Promise<void> {
    try {
      await schedules.remove(job);
    } catch (error) {
      log.warn('Could not remove a stale trigger; it will be skipped when it fires', { job, error });
    }
  }

  return {
    drop,

    /**
     * The trigger exists before the write that relies on it, so a committed schedule always fires;
     * if the write fails, the trigger is stale and is removed on a best-effort basis.
     */
    async commitWith(job: ScheduleJob, write: ArticleWrite): Promise<void> {
      await schedules.create(job);
      try {
        await store.commit(write);
      } catch (error) {
        await drop(job);
        throw error;
      }
    },

    /** After an article left `scheduled` or went dark: its pending triggers now only match nothing. */
    async dropPending(article: StoredArticle): Promise<void> {
      if (article.status === 'scheduled') await drop(publishTrigger(article));
      if (article.unpublishAt) await drop(unpublishTrigger({ ...article, unpublishAt: article.unpublishAt }));
    },
  };
}
