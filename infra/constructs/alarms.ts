import {
  type aws_apigateway as apigateway,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  Duration,
  aws_iam as iam,
  aws_kms as kms,
  type aws_lambda as lambda,
  type RemovalPolicy,
  aws_sns as sns,
  type aws_sqs as sqs,
  aws_sns_subscriptions as subscriptions,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';

export interface AlarmsProps {
  readonly stageName: string;
  readonly removalPolicy: RemovalPolicy;
  /** Subscribed to the topic: AWS mails a confirmation link first. */
  readonly email?: string;
}

/**
 * Where the stack's alarms go: one SNS topic operators subscribe to (stack output
 * `AlarmTopicArn`), encrypted with a key CloudWatch may use, reachable only over TLS. Other
 * constructs add their alarms through `alarm` and `onDeadLetters`.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  private readonly action: cloudwatchActions.SnsAction;

  constructor(scope: Construct, id: string, { stageName, removalPolicy, email }: AlarmsProps) {
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
      displayName: `Newsroom CMS (${stageName}) alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    this.action = new cloudwatchActions.SnsAction(this.topic);
    if (email) this.topic.addSubscription(new subscriptions.EmailSubscription(email));
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

  /** Any 5xx in a minute: the API never answers 5xx for bad input, so each one is a fault. */
  onServerErrors(restApi: apigateway.RestApi): cloudwatch.Alarm {
    return this.alarm('Api5xx', {
      alarmDescription: 'The API answered 5xx (a fault or an outage, never bad input)',
      metric: restApi.metricServerError({ period: Duration.minutes(1), statistic: cloudwatch.Stats.SUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }

  /** Any failed invocation (an unhandled error, a timeout, a crash) of any of these functions. */
  onFunctionErrors(functions: Readonly<Record<string, lambda.IFunction>>): void {
    for (const [name, fn] of Object.entries(functions)) {
      this.alarm(`Errors-${name}`, {
        alarmDescription: `The ${name} function failed (an unhandled error, a timeout or a crash)`,
        metric: fn.metricErrors({ period: Duration.minutes(1), statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    }
  }
}
