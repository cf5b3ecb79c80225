import type { SchedulePayload } from '../../shared/integrations/schedules.ts';
import type { ArticleStore } from '../../shared/store/articleStore.ts';

/** The scheduled-publish Lambda handler, called with the payload EventBridge Scheduler would send. */
export type ScheduledPublishHandler = (event: SchedulePayload) => Promise<unknown>;

export interface LocalScheduler {
  /** Runs every trigger due at `now`: what one poll does. Tests call it with the time they want. */
  tick(now?: Date): Promise<number>;
  stop(): void;
}

/**
 * The local stand-in for EventBridge Scheduler: a poll of the table for scheduled articles whose
 * time has come, each handed to the same handler the scheduler invokes in AWS. Because it reads
 * the table, a schedule missed while the server was down is honoured by the first poll after start.
 */
export function startLocalScheduler(options: {
  store: ArticleStore;
  handler: ScheduledPublishHandler;
  /** 0 disables the timer; tick() still works. */
  intervalMs: number;
  log?: (line: string) => void;
}): LocalScheduler {
  let running: Promise<number> | null = null;
  const tick = async (now = new Date()) => {
    // One poll at a time; an overlapping tick waits for the one in flight.
    while (running) await running.catch(() => 0);
    running = (async () => {
      const publishes = await options.store.dueScheduled(now.toISOString());
      for (const article of publishes) {
        const result = await options.handler({
          kind: 'publish',
          articleId: article.id,
          version: article.version,
        });
        options.log?.(
          `scheduler: publish ${article.slug} due ${article.scheduledFor}: ${JSON.stringify(result)}`,
        );
      }
      const unpublishes = await options.store.dueUnpublish(now.toISOString());
      for (const article of unpublishes) {
        const result = await options.handler({
          kind: 'unpublish',
          articleId: article.id,
          unpublishAt: article.unpublishAt,
        });
        options.log?.(
          `scheduler: unpublish ${article.slug} due ${article.unpublishAt}: ${JSON.stringify(result)}`,
        );
      }
      return publishes.length + unpublishes.length;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  };
  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          tick().catch((error: unknown) => options.log?.(`scheduler: poll failed: ${String(error)}`));
        }, options.intervalMs)
      : null;
  timer?.unref();
  return {
    tick,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
