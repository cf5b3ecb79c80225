import type { SchedulePayload } from '../../shared/integrations/schedules.ts';
import type { ArticleStore } from '../../shared/store/articleStore.ts';
import type { FrontStore } from '../../shared/store/frontStore.ts';

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
  /** Fronts: scheduled publishes and pin expiries, found in the table as articles are. */
  fronts?: Pick<FrontStore, 'due'>;
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
      let runs = 0;
      const run = async (payload: SchedulePayload, what: string) => {
        const result = await options.handler(payload);
        options.log?.(`scheduler: ${what}: ${JSON.stringify(result)}`);
        runs += 1;
      };
      const at = now.toISOString();
      for (const a of await options.store.dueScheduled(at)) {
        await run(
          { kind: 'publish', articleId: a.id, version: a.version },
          `publish ${a.slug} due ${a.scheduledFor}`,
        );
      }
      // Read after the publishes ran, as the scheduler would fire them: one may have gone live.
      for (const a of await options.store.dueUnpublish(at)) {
        await run(
          { kind: 'unpublish', articleId: a.id, unpublishAt: a.unpublishAt },
          `unpublish ${a.slug} due ${a.unpublishAt}`,
        );
      }
      if (options.fronts) {
        const due = await options.fronts.due(at);
        for (const f of due.publish) {
          await run(
            { kind: 'frontPublish', front: f.name, version: f.version },
            `publish front ${f.name} due ${f.scheduledFor}`,
          );
        }
        for (const f of due.expiry) {
          await run(
            { kind: 'frontExpiry', front: f.name, at: f.at },
            `front ${f.name}: pin expiry due ${f.at}`,
          );
        }
      }
      return runs;
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
