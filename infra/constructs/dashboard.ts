import {
  Aws,
  type aws_apigateway as apigateway,
  aws_cloudwatch as cloudwatch,
  Duration,
  type aws_dynamodb as dynamodb,
  type aws_lambda as lambda,
  Stack,
  type aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  BUSINESS_METRICS,
  type BusinessMetric,
  METRICS_DIMENSION,
  METRICS_NAMESPACE,
} from '../../shared/metrics.ts';
import type { TableDefinition } from '../../shared/store/tables.ts';
import { serverErrorsOf, THRESHOLDS, tableOperationsSum, wafBlockedRequests } from './alarmMetrics.ts';
import type { Alarms } from './alarms.ts';

/** The business figures the dashboard shows per hour, from the relay's embedded metrics (shared/metrics.ts). */
export const DASHBOARD_BUSINESS_METRICS = [
  'ArticlesPublished',
  'CommentsPosted',
  'CommentsHeld',
  'CommentsApproved',
] as const satisfies readonly BusinessMetric[];

export interface OpsDashboardProps {
  readonly stageName: string;
  readonly alarms: Alarms;
  readonly restApi: apigateway.RestApi;
  readonly functions: Readonly<Record<string, lambda.IFunction>>;
  readonly apiFunctions: readonly string[];
  readonly tables: readonly { definition: TableDefinition; table: dynamodb.ITableV2 }[];
  readonly deadLetters: readonly { label: string; queue: sqs.IQueue }[];
  /** The comment shield's web ACL metric name, when the WAF is on. */
  readonly webAclMetricName?: string;
}

const FULL = 24;

/**
 * One CloudWatch dashboard for the on-call engineer, read top to bottom: is it healthy (alarms,
 * 5xx, failures, dead letters), is it fast (latency), is the data layer coping (DynamoDB, WAF),
 * and is the newsroom working (publications and comments per hour).
 */
export class OpsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;
  readonly url: string;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const { stageName, restApi, functions, apiFunctions, tables, deadLetters } = props;
    const dashboardName = `newsroom-cms-${stageName}`;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName,
      defaultInterval: Duration.hours(3),
      // Each widget keeps its own period: the business figures stay per hour at any zoom.
      periodOverride: cloudwatch.PeriodOverride.INHERIT,
    });
    this.url = `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${dashboardName}`;

    const minute = { period: THRESHOLDS.faultPeriod, statistic: cloudwatch.Stats.SUM };
    const trend = { period: THRESHOLDS.trendPeriod };
    const heading = (text: string) =>
      new cloudwatch.TextWidget({ markdown: `## ${text}`, width: FULL, height: 1 });
    const apiFns = apiFunctions.flatMap((name) =>
      functions[name] ? [[name, functions[name]] as const] : [],
    );
    const allFns = Object.entries(functions);

    // Health: what is on fire right now.
    this.dashboard.addWidgets(heading('Health: alarms, server errors, failures, dead letters'));
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: props.alarms.all,
        sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP,
        width: 6,
        height: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'API requests and errors per minute',
        left: [
          restApi.metricCount({ ...minute, label: 'requests' }),
          restApi.metricClientError({ ...minute, label: '4xx' }),
          restApi.metricServerError({ ...minute, label: '5xx' }),
        ],
        width: 6,
        height: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function failures, 5xx answers and throttles per minute',
        left: [
          ...allFns.map(([name, fn]) => fn.metricErrors({ ...minute, label: `${name} errors` })),
          ...apiFns.map(([name]) =>
            serverErrorsOf(stageName, name).with({ ...minute, label: `${name} 5xx answers` }),
          ),
        ],
        right: allFns.map(([name, fn]) => fn.metricThrottles({ ...minute, label: `${name} throttles` })),
        width: 6,
        height: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues (messages waiting)',
        left: deadLetters.map(({ label, queue }) =>
          queue.metricApproximateNumberOfMessagesVisible({
            period: THRESHOLDS.faultPeriod,
            statistic: cloudwatch.Stats.MAXIMUM,
            label,
          }),
        ),
        width: 6,
        height: 8,
      }),
    );

    // Latency: is it slow, and where.
    this.dashboard.addWidgets(heading('Latency'));
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API latency (ms)',
        left: [
          restApi.metricLatency({ ...trend, statistic: cloudwatch.Stats.p(50), label: 'p50' }),
          restApi.metricLatency({ ...trend, statistic: cloudwatch.Stats.p(99), label: 'p99' }),
          restApi.metricIntegrationLatency({
            ...trend,
            statistic: cloudwatch.Stats.p(99),
            label: 'integration p99',
          }),
        ],
        leftAnnotations: [{ value: THRESHOLDS.latencyP99Ms, label: 'p99 alarm' }],
        width: 12,
        height: 7,
      }),
      new cloudwatch.GraphWidget({
        title: 'API function duration p99 (ms)',
        left: apiFns.map(([name, fn]) =>
          fn.metricDuration({ ...trend, statistic: cloudwatch.Stats.p(99), label: name }),
        ),
        leftAnnotations: [{ value: THRESHOLDS.latencyP99Ms, label: 'p99 alarm' }],
        width: 12,
        height: 7,
      }),
    );

    // Data: DynamoDB (and the WAF in front of comments).
    this.dashboard.addWidgets(heading('Data: DynamoDB and the comment WAF'));
    const dataWidgets: cloudwatch.IWidget[] = [
      new cloudwatch.GraphWidget({
        title: 'Consumed capacity per 5 minutes',
        left: tables.flatMap(({ definition, table }) => [
          table.metricConsumedReadCapacityUnits({ ...trend, label: `${definition.id} reads` }),
          table.metricConsumedWriteCapacityUnits({ ...trend, label: `${definition.id} writes` }),
        ]),
        width: 8,
        height: 7,
      }),
      new cloudwatch.GraphWidget({
        title: 'Throttled requests and system errors',
        left: tables.map(({ definition, table }) =>
          tableOperationsSum(definition, table, 'ThrottledRequests'),
        ),
        right: tables.map(({ definition, table }) => tableOperationsSum(definition, table, 'SystemErrors')),
        width: 8,
        height: 7,
      }),
    ];
    if (props.webAclMetricName) {
      dataWidgets.push(
        new cloudwatch.GraphWidget({
          title: 'Comment WAF: blocked requests per 5 minutes',
          left: [wafBlockedRequests(props.webAclMetricName, Stack.of(this).region)],
          leftAnnotations: [{ value: THRESHOLDS.wafBlockedRequests, label: 'alarm' }],
          width: 8,
          height: 7,
        }),
      );
    }
    this.dashboard.addWidgets(...dataWidgets);

    // Business: is the newsroom working.
    const perHour = (name: BusinessMetric) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: name,
        dimensionsMap: { [METRICS_DIMENSION]: stageName },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.hours(1),
        label: BUSINESS_METRICS[name],
      });
    this.dashboard.addWidgets(heading('Business: per hour'));
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Articles published per hour',
        left: DASHBOARD_BUSINESS_METRICS.filter((name) => name.startsWith('Articles')).map(perHour),
        view: cloudwatch.GraphWidgetView.BAR,
        width: 12,
        height: 7,
      }),
      new cloudwatch.GraphWidget({
        title: 'Comments posted, held and approved per hour',
        left: DASHBOARD_BUSINESS_METRICS.filter((name) => name.startsWith('Comments')).map(perHour),
        width: 12,
        height: 7,
      }),
    );
  }
}
