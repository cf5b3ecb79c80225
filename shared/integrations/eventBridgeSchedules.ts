import {
  ConflictException,
  CreateScheduleCommand,
  DeleteScheduleCommand,
  ResourceNotFoundException,
  SchedulerClient,
} from '@aws-sdk/client-scheduler';
import {
  atExpression,
  type PublishSchedules,
  payloadOf,
  type ScheduleJob,
  type SchedulerTarget,
  scheduleName,
} from './schedules.ts';

/**
 * The EventBridge Scheduler side of ./schedules.ts, in a module of its own so its client is loaded
 * only when an article is scheduled (shared/wiring.ts).
 */
/** In AWS: EventBridge Scheduler, one-time schedules that delete themselves after running. */
export function eventBridgeSchedules(
  target: SchedulerTarget,
  client = new SchedulerClient({}),
): PublishSchedules {
  const send = (job: ScheduleJob) =>
    client.send(
      new CreateScheduleCommand({
        Name: scheduleName(job),
        GroupName: target.groupName,
        ScheduleExpression: atExpression(job.at),
        ScheduleExpressionTimezone: 'UTC',
        FlexibleTimeWindow: { Mode: 'OFF' },
        ActionAfterCompletion: 'DELETE',
        Target: {
          Arn: target.targetArn,
          RoleArn: target.roleArn,
          Input: JSON.stringify(payloadOf(job)),
          DeadLetterConfig: { Arn: target.deadLetterArn },
          RetryPolicy: { MaximumRetryAttempts: 20, MaximumEventAgeInSeconds: 3600 },
        },
      }),
    );
  return {
    async create(job) {
      try {
        await send(job);
      } catch (error) {
        // A pin expiry's name is its front and time: publishing the front again with the same pin
        // meets the trigger it made before, which still does the job (its run is idempotent).
        if (!(job.kind === 'frontExpiry' && error instanceof ConflictException)) throw error;
      }
    },
    async remove(job) {
      try {
        await client.send(
          new DeleteScheduleCommand({ Name: scheduleName(job), GroupName: target.groupName }),
        );
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    },
  };
}
