import { ENV, optionalEnv, requireEnv } from '../env.ts';
import { type PublishSchedules, pollingSchedules } from '../integrations/schedules.ts';
import { once } from '../secrets.ts';

/**
 * AWS: EventBridge Scheduler, its client loaded when an article is first scheduled or unscheduled
 * (most editorial requests do neither). Locally no group is set, and the local poller finds due
 * articles. The variables are read at start: a missing one fails the cold start.
 */
export function schedulesFromEnv(): PublishSchedules {
  const groupName = optionalEnv(ENV.scheduleGroup);
  if (!groupName) return pollingSchedules;
  const target = {
    groupName,
    targetArn: requireEnv(ENV.scheduledPublishArn),
    roleArn: requireEnv(ENV.schedulerRoleArn),
    deadLetterArn: requireEnv(ENV.scheduleDlqArn),
  };
  const schedules = once(async () =>
    (await import('../integrations/eventBridgeSchedules.ts')).eventBridgeSchedules(target),
  );
  return {
    create: async (job) => (await schedules()).create(job),
    remove: async (job) => (await schedules()).remove(job),
  };
}
