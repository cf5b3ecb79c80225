import {
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  Duration,
  aws_iam as iam,
  aws_kms as kms,
  type RemovalPolicy,
  aws_sns as sns,
  type aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface AlarmsProps {
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Where the stack's alarms go: one SNS topic operators subscribe to (stack output
 * `AlarmTopicArn`), encrypted with a key CloudWatch may use, reachable only over TLS. Other
 * constructs add their alarms through `alarm` and `onDeadLetters`.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  private readonly action: cloudwatchActions.SnsAction;

  constructor(scope: Construct, id: string, { removalPolicy }: AlarmsProps) {
    super(scope, id);
    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the alarm topic; CloudWatch alarms may publish through it',
      enableKeyRotation: true,
      removalPolicy,
    });
    // An alarm publishes as the CloudWatch service, which needs the key to encrypt the message.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Newsroom CMS alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.action = new cloudwatchActions.SnsAction(this.topic);
  }

  /** An alarm that notifies the topic when it fires and when it clears. */
  alarm(id: string, props: cloudwatch.AlarmProps): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, props);
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }

  /** Fires as soon as a dead-letter queue holds a message: something was given up on. */
  onDeadLetters(id: string, queue: sqs.IQueue, what: string): cloudwatch.Alarm {
    return this.alarm(id, {
      alarmDescription: `${what} are waiting in ${queue.node.path}: read them, fix the cause, redrive.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
