import {
  type aws_apigateway as apigateway,
  aws_cloudwatch as cloudwatch,
  aws_cloudwatch_actions as cloudwatchActions,
  type aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_kms as kms,
  type aws_lambda as lambda,
  type RemovalPolicy,
  Stack,
  aws_sns as sns,
  type aws_sqs as sqs,
  aws_sns_subscriptions as subscriptions,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { TableDefinition } from '../../shared/store/tables.ts';
import {
  rate,
  serverErrorsOf,
  sumOf,
  THRESHOLDS,
  tableOperationsSum,
  wafBlockedRequests,
} from './alarmMetrics.ts';

export interface AlarmsProps {
  readonly stageName: string;
  readonly removalPolicy: RemovalPolicy;
  /** Subscribed to the topic: AWS mails a confirmation link first. */
  readonly email?: string;
}

/** The WAF metrics of the comment shield: the web ACL's metric name (also its name). */
export interface WafMetrics {
  readonly webAclMetricName: string;
}

/**
 * Where the stack's alarms go: one SNS topic operators subscribe to (stack output
 * `AlarmTopicArn`), encrypted with a key CloudWatch may use, reachable only over TLS. Each alarm is
 * named `newsroom-cms-<stage>-<id>`, the id the runbook's alarm table (docs/runbook.md) lists with what to do,
 * and its description says the same in short. Missing data is never a breach: no traffic, no
 * failed invocation and an empty queue all report nothing, and all are healthy.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  /** Every alarm, for the dashboard's status widget. */
  readonly all: cloudwatch.Alarm[] = [];
  private readonly action: cloudwatchActions.SnsAction;
  private readonly stageName: string;

  constructor(scope: Construct, id: string, { stageName, removalPolicy, email }: AlarmsProps) {
    super(scope, id);
    this.stageName = stageName;
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

  /** An alarm named after its id that notifies the topic when it fires and when it clears. */
  alarm(id: string, props: Omit<cloudwatch.AlarmProps, 'alarmName'>): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      ...props,
      alarmName: `newsroom-cms-${this.stageName}-${id}`,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.all.push(alarm);
    return alarm;
  }

  /** Fires as soon as a dead-letter queue holds a message: something was given up on. */
  onDeadLetters(id: string, queue: sqs.IQueue, what: string): cloudwatch.Alarm {
    return this.alarm(id, {
      alarmDescription: `${what} are waiting in ${queue.node.path}: read them, fix the cause, redrive (docs/runbook.md, ${id}).`,
      metric: queue.metricApproximateNumberOfMessagesVisible({
        period: THRESHOLDS.faultPeriod,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });
  }

  /** The API as a whole: any 5xx, a 5xx rate, and p99 latency as API Gateway measures it. */
  onApi(restApi: apigateway.RestApi): void {
    this.alarm('Api5xx', {
      alarmDescription:
        'The API answered 5xx (a fault or an outage, never bad input). Read the functions’ error lines for the same minutes (docs/runbook.md, Api5xx).',
      metric: restApi.metricServerError({ period: THRESHOLDS.faultPeriod, statistic: cloudwatch.Stats.SUM }),
      threshold: THRESHOLDS.apiServerErrors,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    this.alarm('Api5xxRate', {
      alarmDescription: `More than ${THRESHOLDS.errorRatePercent} % of API requests answered 5xx in 5 minutes: readers or the newsroom are failing at scale. Check the last deploy and DynamoDB (docs/runbook.md, Api5xxRate).`,
      metric: rate(
        {
          failures: restApi.metricServerError({
            period: THRESHOLDS.trendPeriod,
            statistic: cloudwatch.Stats.SUM,
          }),
        },
        restApi.metricCount({ period: THRESHOLDS.trendPeriod, statistic: cloudwatch.Stats.SUM }),
        'API 5xx %',
      ),
      threshold: THRESHOLDS.errorRatePercent,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.alarm('ApiLatencyP99', {
      alarmDescription: `API p99 latency above ${THRESHOLDS.latencyP99Ms} ms for ${THRESHOLDS.latencyPeriods * 5} minutes: pages and the console feel slow. Find the slow function on the dashboard (docs/runbook.md, ApiLatencyP99).`,
      metric: restApi.metricLatency({ period: THRESHOLDS.trendPeriod, statistic: cloudwatch.Stats.p(99) }),
      threshold: THRESHOLDS.latencyP99Ms,
      evaluationPeriods: THRESHOLDS.latencyPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
  }

  /**
   * Per function: any failed invocation and any throttle; for the functions behind the API also
   * the 5xx rate and p99 duration. A failed invocation of an API function is a 502 (or a 504 on
   * timeout); an error the dispatcher catches is a 500 problem document, which the dispatcher
   * counts as ServerErrors (no Lambda error): the rate adds both.
   */
  onFunctions(functions: Readonly<Record<string, lambda.IFunction>>, apiFunctions: readonly string[]): void {
    for (const [name, fn] of Object.entries(functions)) {
      this.alarm(`Errors-${name}`, {
        alarmDescription: `The ${name} function failed (an unhandled error, a timeout or a crash). Its log has the error line (docs/runbook.md, Errors-<function>).`,
        metric: fn.metricErrors({ period: THRESHOLDS.faultPeriod, statistic: cloudwatch.Stats.SUM }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
      this.alarm(`Throttles-${name}`, {
        alarmDescription: `Lambda refused to run ${name}: the account's concurrency is used up. Find what else runs in the account, or ask for a higher limit (docs/runbook.md, Throttles-<function>).`,
        metric: fn.metricThrottles({ period: THRESHOLDS.trendPeriod, statistic: cloudwatch.Stats.SUM }),
        threshold: THRESHOLDS.functionThrottles,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
      if (!apiFunctions.includes(name)) continue;
      this.alarm(`ServerErrorRate-${name}`, {
        alarmDescription: `More than ${THRESHOLDS.errorRatePercent} % of ${name}'s requests in 5 minutes answered 5xx (a caught error's 500, or a failed invocation's 502/504): its routes fail for many callers. Roll back a bad deploy first (docs/runbook.md, ServerErrorRate-<api function>).`,
        metric: rate(
          {
            failed: fn.metricErrors({ period: THRESHOLDS.trendPeriod, statistic: cloudwatch.Stats.SUM }),
            answered5xx: serverErrorsOf(this.stageName, name),
          },
          fn.metricInvocations({ period: THRESHOLDS.trendPeriod, statistic: cloudwatch.Stats.SUM }),
          `${name} 5xx %`,
        ),
        threshold: THRESHOLDS.errorRatePercent,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
      this.alarm(`DurationP99-${name}`, {
        alarmDescription: `${name} p99 duration above ${THRESHOLDS.latencyP99Ms} ms for ${THRESHOLDS.latencyPeriods * 5} minutes: its routes are slow. Check DynamoDB latency and the function's memory (docs/runbook.md, DurationP99-<api function>).`,
        metric: fn.metricDuration({ period: THRESHOLDS.trendPeriod, statistic: cloudwatch.Stats.p(99) }),
        threshold: THRESHOLDS.latencyP99Ms,
        evaluationPeriods: THRESHOLDS.latencyPeriods,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      });
    }
  }

  /** Per table: throttled requests and DynamoDB's system errors; per index: read and write throttle events. */
  onTables(tables: readonly { definition: TableDefinition; table: dynamodb.ITableV2 }[]): void {
    for (const { definition, table } of tables) {
      this.alarm(`TableThrottles-${definition.id}`, {
        alarmDescription: `DynamoDB throttled requests on the ${definition.id} table: clients see 503s after the SDK's retries. Look for a hot key or the account's table limits (docs/runbook.md, TableThrottles-<table>).`,
        metric: tableOperationsSum(definition, table, 'ThrottledRequests'),
        threshold: THRESHOLDS.tableThrottles,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
      this.alarm(`TableSystemErrors-${definition.id}`, {
        alarmDescription: `DynamoDB answered the ${definition.id} table's requests with its own errors: an AWS-side problem. Check the AWS Health Dashboard for DynamoDB in the region (docs/runbook.md, TableSystemErrors-<table>).`,
        metric: tableOperationsSum(definition, table, 'SystemErrors'),
        threshold: THRESHOLDS.tableSystemErrors,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      });
      for (const index of definition.indexes) {
        const events = (metricName: string) =>
          new cloudwatch.Metric({
            namespace: 'AWS/DynamoDB',
            metricName,
            dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: index.name },
            period: THRESHOLDS.trendPeriod,
            statistic: cloudwatch.Stats.SUM,
          });
        this.alarm(`IndexThrottles-${definition.id}-${index.name}`, {
          alarmDescription: `DynamoDB throttled the ${index.name} index of the ${definition.id} table; a throttled index also throttles the table's writes. Look for a hot index key (docs/runbook.md, IndexThrottles-<table>-<index>).`,
          metric: sumOf(
            { reads: events('ReadThrottleEvents'), writes: events('WriteThrottleEvents') },
            `${definition.id}/${index.name} throttle events`,
          ),
          threshold: THRESHOLDS.tableThrottles,
          evaluationPeriods: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        });
      }
    }
  }

  /** Requests the comment shield's web ACL blocked (all its rules). */
  onWafBlocks({ webAclMetricName }: WafMetrics): cloudwatch.Alarm {
    return this.alarm('WafBlocked', {
      alarmDescription: `The WAF blocked at least ${THRESHOLDS.wafBlockedRequests} comment submissions in 5 minutes: a flood is held off, or many readers share one address. Look at the sampled requests (docs/runbook.md, WafBlocked).`,
      metric: wafBlockedRequests(webAclMetricName, Stack.of(this).region),
      threshold: THRESHOLDS.wafBlockedRequests,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }
}
