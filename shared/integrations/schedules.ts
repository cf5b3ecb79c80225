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

/** A front's scheduled publish; valid only while its draft is scheduled at this version. */
export interface FrontPublishJob {
  kind: 'frontPublish';
  front: string;
  version: number;
  at: string;
}

/** A pin on a published front that expires: the front is resolved again at that instant. */
export interface FrontExpiryJob {
  kind: 'frontExpiry';
  front: string;
  at: string;
}

export type ScheduleJob = PublishJob | UnpublishJob | FrontPublishJob | FrontExpiryJob;

/** What the trigger sends to the scheduled-publish function. */
export type SchedulePayload =
  | { kind?: 'publish'; articleId: string; version: number }
  | { kind: 'unpublish'; articleId: string; unpublishAt: string }
  | { kind: 'frontPublish'; front: string; version: number }
  | { kind: 'frontExpiry'; front: string; at: string };

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

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** At most 64 characters: ids are 26, front names at most 40. */
export function scheduleName(job: ScheduleJob): string {
  switch (job.kind) {
    case 'publish':
      return `publish-${job.articleId}-v${job.version}`;
    case 'unpublish':
      return `unpublish-${job.articleId}-${seconds(job.at)}`;
    case 'frontPublish':
      return `front-${job.front}-v${job.version}`;
    case 'frontExpiry':
      return `pin-${job.front}-${seconds(job.at)}`;
  }
}

export function payloadOf(job: ScheduleJob): SchedulePayload {
  switch (job.kind) {
    case 'publish':
      return { kind: 'publish', articleId: job.articleId, version: job.version };
    case 'unpublish':
      return { kind: 'unpublish', articleId: job.articleId, unpublishAt: job.at };
    case 'frontPublish':
      return { kind: 'frontPublish', front: job.front, version: job.version };
    case 'frontExpiry':
      return { kind: 'frontExpiry', front: job.front, at: job.at };
  }
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
