import {
  Duration,
  aws_events as events,
  aws_events_targets as eventTargets,
  aws_iam as iam,
  type RemovalPolicy,
  SecretValue,
  Stack,
  aws_scheduler as scheduler,
  aws_secretsmanager as secretsmanager,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../shared/integrations/events.ts';
import { ARTICLE_EVENT_TYPES } from '../../shared/integrations/outbox.ts';
import type { StageConfig } from '../stage.ts';

export interface PublishingProps {
  readonly stage: StageConfig;
  /** https URLs that receive ArticlePublished / ArticleUnpublished (EventBridge API destinations). */
  readonly webhooks?: readonly string[];
}

/** The header a webhook receiver checks to know a call came from this stack. */
export const WEBHOOK_KEY_HEADER = 'x-newsroom-webhook-key';

/**
 * What happens around a publish: the event bus frontends subscribe to (with optional webhook
 * targets), and the EventBridge Scheduler group, role and dead-letter queue behind scheduled
 * publishing. The scheduled-publish function is wired in by `allowToInvoke`.
 */
export class Publishing extends Construct {
  readonly bus: events.EventBus;
  readonly scheduleGroup: scheduler.CfnScheduleGroup;
  readonly schedulerRole: iam.Role;
  readonly deadLetters: sqs.Queue;
  readonly webhookKey?: secretsmanager.Secret;

  constructor(scope: Construct, id: string, { stage, webhooks = [] }: PublishingProps) {
    super(scope, id);
    const removalPolicy: RemovalPolicy = stage.removalPolicy;
    this.bus = new events.EventBus(this, 'Bus', { eventBusName: `newsroom-cms-${stage.name}` });
    this.scheduleGroup = new scheduler.CfnScheduleGroup(this, 'ScheduleGroup', {
      name: `newsroom-cms-${stage.name}`,
    });
    this.scheduleGroup.applyRemovalPolicy(removalPolicy);

    // Triggers the scheduler could not deliver after its retries: kept two weeks for a human.
    this.deadLetters = new sqs.Queue(this, 'ScheduleDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy,
    });

    const account = Stack.of(this).account;
    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      description: 'Assumed by EventBridge Scheduler to invoke the scheduled-publish function',
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': account },
          ArnLike: { 'aws:SourceArn': this.scheduleArnPattern() },
        },
      }),
    });
    this.deadLetters.grantSendMessages(this.schedulerRole);

    if (webhooks.length > 0) {
      this.webhookKey = new secretsmanager.Secret(this, 'WebhookKey', {
        description: `Sent as ${WEBHOOK_KEY_HEADER} with every webhook call`,
        generateSecretString: { excludePunctuation: true, passwordLength: 48 },
        removalPolicy,
      });
      const connection = new events.Connection(this, 'WebhookConnection', {
        authorization: events.Authorization.apiKey(
          WEBHOOK_KEY_HEADER,
          SecretValue.secretsManager(this.webhookKey.secretArn),
        ),
      });
      const rule = new events.Rule(this, 'ArticleEvents', {
        eventBus: this.bus,
        eventPattern: { source: [EVENT_SOURCE], detailType: [...ARTICLE_EVENT_TYPES] },
      });
      webhooks.forEach((url, i) => {
        if (!/^https:\/\/[^\s]+$/.test(url))
          throw new Error(`Webhook ${i + 1} must be an https URL, got "${url}"`);
        const destination = new events.ApiDestination(this, `Webhook${i + 1}`, {
          connection,
          endpoint: url,
          httpMethod: events.HttpMethod.POST,
          rateLimitPerSecond: 10,
        });
        rule.addTarget(
          new eventTargets.ApiDestination(destination, { retryAttempts: 10, maxEventAge: Duration.hours(4) }),
        );
      });
    }
  }

  /** Schedules of this stack's group, for grants and trust conditions. */
  scheduleArnPattern(): string {
    const { region, account, partition } = Stack.of(this);
    return `arn:${partition}:scheduler:${region}:${account}:schedule/${this.scheduleGroup.name}/*`;
  }
}
