import { aws_cloudwatch as cloudwatch, Duration, aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import {
  FUNCTION_DIMENSION,
  METRICS_DIMENSION,
  METRICS_NAMESPACE,
  SERVER_ERRORS_METRIC,
} from '../../shared/metrics.ts';
import type { TableDefinition } from '../../shared/store/tables.ts';

// The thresholds and the metrics the alarms (alarms.ts) and the dashboard (dashboard.ts) read.

/**
 * Every threshold, written once with why. Counts are per period; rates need a minimum of
 * requests in the period, below which one failure out of three would read as 33 % and wake someone
 * for nothing (the count alarms already report each fault).
 */
export const THRESHOLDS = {
  /** Short windows for faults, so the first failing minute pages. */
  faultPeriod: Duration.minutes(1),
  /** Longer windows for rates and percentiles, which are noisy over a minute. */
  trendPeriod: Duration.minutes(5),
  /** The API never answers 5xx for bad input (problem documents are 4xx): any 5xx is a fault. */
  apiServerErrors: 1,
  /** Share of requests, in percent, answered 5xx (the API, or one function's routes) in 5 minutes: an outage, not a glitch. */
  errorRatePercent: 5,
  /** Requests (or invocations) in 5 minutes below which no rate is computed. */
  minimumRequests: 20,
  /**
   * p99 latency, ms, for 3 periods in a row (15 minutes): the functions time out at 10 s, a
   * DynamoDB read answers in milliseconds, a warm request in tens; 3 s for 1 % of requests is a
   * slow dependency or starved memory, well before timeouts.
   */
  latencyP99Ms: 3000,
  latencyPeriods: 3,
  /** Lambda throttles: no function has reserved concurrency, so one means the account's limit is reached. */
  functionThrottles: 1,
  /** On-demand tables do not throttle at newsroom volumes: one throttled request means a hot key or an account limit. */
  tableThrottles: 1,
  /** DynamoDB's own 500s; the SDK retries them, but more than a few in 5 minutes is a service problem. */
  tableSystemErrors: 5,
  /** Requests the WAF blocked in 5 minutes: a flood is being held off (or readers behind one address are). */
  wafBlockedRequests: 50,
} as const;

/**
 * The DynamoDB operations the functions call (see ACCESS_LEVELS in functions.ts; a
 * ConditionCheckItem travels in a TransactWriteItems). CloudWatch reports ThrottledRequests and
 * SystemErrors per operation, and an alarm's math may use at most 10 metrics.
 */
export const TABLE_OPERATIONS = [
  dynamodb.Operation.GET_ITEM,
  dynamodb.Operation.BATCH_GET_ITEM,
  dynamodb.Operation.QUERY,
  dynamodb.Operation.PUT_ITEM,
  dynamodb.Operation.UPDATE_ITEM,
  dynamodb.Operation.DELETE_ITEM,
  dynamodb.Operation.BATCH_WRITE_ITEM,
  dynamodb.Operation.TRANSACT_WRITE_ITEMS,
] as const;

/** Requests a regional web ACL blocked, over all its rules, in 5-minute sums. */
export function wafBlockedRequests(webAclMetricName: string, region: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: 'AWS/WAFV2',
    metricName: 'BlockedRequests',
    dimensionsMap: { WebACL: webAclMetricName, Rule: 'ALL', Region: region },
    period: THRESHOLDS.trendPeriod,
    statistic: cloudwatch.Stats.SUM,
  });
}

/**
 * The sum of metrics that are published only when they are not zero (throttles, errors). In metric
 * math a missing value makes `a + b` missing, so each is filled with 0 first; otherwise the sum
 * would exist only in periods where every one of them had data, and the alarm would never fire.
 */
export function sumOf(metrics: Record<string, cloudwatch.IMetric>, label: string): cloudwatch.MathExpression {
  return new cloudwatch.MathExpression({
    expression: Object.keys(metrics)
      .map((id) => `FILL(${id}, 0)`)
      .join(' + '),
    usingMetrics: metrics,
    period: THRESHOLDS.trendPeriod,
    label,
  });
}

/**
 * A DynamoDB metric CloudWatch reports per operation (ThrottledRequests, SystemErrors), summed over
 * the operations the functions use; the ids carry the table's and the metric's names, so several fit on one graph.
 */
export function tableOperationsSum(
  definition: TableDefinition,
  table: dynamodb.ITableV2,
  metricName: 'ThrottledRequests' | 'SystemErrors',
): cloudwatch.MathExpression {
  const prefix = `${definition.id}_${metricName}`.toLowerCase();
  const metrics = Object.fromEntries(
    TABLE_OPERATIONS.map((operation) => [
      `${prefix}_${operation.toLowerCase()}`,
      new cloudwatch.Metric({
        namespace: 'AWS/DynamoDB',
        metricName,
        dimensionsMap: { TableName: table.tableName, Operation: operation },
        period: THRESHOLDS.trendPeriod,
        statistic: cloudwatch.Stats.SUM,
      }),
    ]),
  );
  return sumOf(metrics, `${definition.id} ${metricName}`);
}

/**
 * The sum of the failures over total, in percent, or 0 while there are too few requests for a
 * share to mean anything. Filled, so that a period with requests and no failure reads 0.
 */
export function rate(
  failures: Record<string, cloudwatch.IMetric>,
  total: cloudwatch.IMetric,
  label: string,
): cloudwatch.MathExpression {
  const failed = Object.keys(failures)
    .map((id) => `FILL(${id}, 0)`)
    .join(' + ');
  return new cloudwatch.MathExpression({
    expression: `IF(FILL(total, 0) >= ${THRESHOLDS.minimumRequests}, 100 * (${failed}) / FILL(total, 1), 0)`,
    usingMetrics: { ...failures, total },
    period: THRESHOLDS.trendPeriod,
    label,
  });
}

/** 5xx answers of an API function, counted by its dispatcher (shared/metrics.ts), in 5-minute sums. */
export function serverErrorsOf(stageName: string, fn: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: SERVER_ERRORS_METRIC,
    dimensionsMap: { [METRICS_DIMENSION]: stageName, [FUNCTION_DIMENSION]: fn },
    period: THRESHOLDS.trendPeriod,
    statistic: cloudwatch.Stats.SUM,
  });
}
