/**
 * One trigger per scheduled article. The trigger carries the version the article was scheduled
 * at; the scheduled-publish function publishes only if the article is still scheduled at that
 * version, so a late, duplicate or stale trigger changes nothing.
 */
export interface PublishJob {
  kind: 'publish';
  articleId: string;
  version: number;
  /** ISO 8601 UTC. */
  at: string;
}

/** An automatic unpublish; valid while the article is live with exactly this `unpublishAt`. */
export interface UnpublishJob {
  kind: 'unpublish';
  articleId: string;
  at: string;
}

export type ScheduleJob = PublishJob | UnpublishJob;

/** What the trigger sends to the scheduled-publish function. */
export type SchedulePayload =
  | { kind?: 'publish'; articleId: string; version: number }
  | { kind: 'unpublish'; articleId: string; unpublishAt: string };

export interface PublishSchedules {
  /** Called before the write that schedules, so a committed schedule always has its trigger. */
  create(job: ScheduleJob): Promise<void>;
  /** Called after the write that unschedules; a trigger that survives is stale and harmless. */
  remove(job: ScheduleJob): Promise<void>;
}

export interface SchedulerTarget {
  groupName: string;
  /** The scheduled-publish function. */
  targetArn: string;
  /** The role EventBridge Scheduler assumes to invoke it. */
  roleArn: string;
  deadLetterArn: string;
}

export const scheduleName = (job: ScheduleJob) =>
  job.kind === 'publish'
    ? `publish-${job.articleId}-v${job.version}`
    : `unpublish-${job.articleId}-${Math.floor(Date.parse(job.at) / 1000)}`;

export function payloadOf(job: ScheduleJob): SchedulePayload {
  return job.kind === 'publish'
    ? { kind: 'publish', articleId: job.articleId, version: job.version }
    : { kind: 'unpublish', articleId: job.articleId, unpublishAt: job.at };
}

/** `at()` takes whole seconds without a zone; round up so it never fires early. */
export function atExpression(iso: string): string {
  const ms = Date.parse(iso);
  const seconds = new Date(Math.ceil(ms / 1000) * 1000);
  return `at(${seconds.toISOString().slice(0, 19)})`;
}

/**
 * Locally, and wherever a poller stands in for the scheduler: nothing to create; the poller
 * (infra/local/scheduler.ts) finds due articles in the table itself.
 */
export const pollingSchedules: PublishSchedules = { create: async () => {}, remove: async () => {} };
