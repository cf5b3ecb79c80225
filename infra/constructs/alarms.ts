import {
  aws_cloudwatch_actions as actions,
  type aws_apigateway as apigateway,
  aws_cloudwatch as cloudwatch,
  Duration,
  type aws_lambda as lambda,
  aws_sns as sns,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage.ts';

export interface AlarmsProps {
  readonly stage: StageConfig;
  readonly restApi: apigateway.RestApi;
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
}

/**
 * What an operator must hear about, on one SNS topic (subscribe an address or a pager to it):
 * the API answering 5xx, and any function failing. The topic is exposed so other alarms (the
 * dead-letter queues) can use the same one.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, { stage, restApi, functions }: AlarmsProps) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: `Newsroom CMS (${stage.name}) alarms`,
      enforceSSL: true,
    });
    const notify = new actions.SnsAction(this.topic);

    // Any 5xx in a minute: the API never answers 5xx for bad input, so each one is a fault.
    new cloudwatch.Alarm(this, 'Api5xx', {
      alarmDescription: 'The API answered 5xx (a fault or an outage, never bad input)',
      metric: restApi.metricServerError({ period: Duration.minutes(1), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(notify);

    for (const [name, fn] of Object.entries(functions)) {
      new cloudwatch.Alarm(this, `Errors-${name}`, {
        alarmDescription: `The ${name} function failed (an unhandled error, a timeout or a crash)`,
        metric: fn.metricErrors({ period: Duration.minutes(1), statistic: 'Sum' }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(notify);
    }
  }
}
