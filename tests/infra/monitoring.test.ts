import { describe, expect, it } from 'vitest';
import { TABLE_OPERATIONS, THRESHOLDS } from '../../infra/constructs/alarmMetrics.ts';
import { DASHBOARD_BUSINESS_METRICS } from '../../infra/constructs/dashboard.ts';
import { API_FUNCTIONS, type CmsStack } from '../../infra/stack.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/http/routes.ts';
import {
  BUSINESS_METRICS,
  FUNCTION_DIMENSION,
  METRICS_DIMENSION,
  METRICS_NAMESPACE,
  SERVER_ERRORS_METRIC,
} from '../../shared/metrics.ts';
import { TABLES } from '../../shared/store/tables.ts';
import { logicalIdOf, resourcesOfType, synthesized, type TemplateJson } from './synth.ts';

// What wakes the on-call engineer and what they look at: every alarm of the template (metric,
// statistic, threshold, where it goes) and the one dashboard. Production has the comment WAF.
const prod = await synthesized('prod');
const prodJson = prod.template;
const dev = await synthesized('dev');
const devJson = dev.template;

interface MetricStat {
  Metric: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: unknown }[] };
  Period: number;
  Stat: string;
}
interface AlarmProps {
  AlarmName: string;
  AlarmDescription: string;
  Namespace?: string;
  MetricName?: string;
  Dimensions?: { Name: string; Value: unknown }[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period?: number;
  Metrics?: { Id: string; Expression?: string; MetricStat?: MetricStat; ReturnData?: boolean }[];
  Threshold: number;
  ComparisonOperator: string;
  EvaluationPeriods: number;
  TreatMissingData: string;
  AlarmActions: unknown[];
  OKActions: unknown[];
}

function alarmsOf(stack: CmsStack, json: TemplateJson): Map<string, AlarmProps> {
  const prefix = `newsroom-cms-${stack.stage.name}-`;
  return new Map(
    resourcesOfType<AlarmProps>(json, 'AWS::CloudWatch::Alarm').map(([, a]) => [
      a.Properties.AlarmName.slice(prefix.length),
      a.Properties,
    ]),
  );
}
const alarms = alarmsOf(prod.stack, prodJson);
const alarm = (id: string): AlarmProps => {
  const found = alarms.get(id);
  if (!found) throw new Error(`No alarm ${id}`);
  return found;
};
const ref = (stack: CmsStack, construct: Parameters<typeof logicalIdOf>[1]) => ({
  Ref: logicalIdOf(stack, construct),
});
const fnRef = (name: FunctionName) => ref(prod.stack, prod.stack.functions.byName[name]);
const apiName = { Name: 'ApiName', Value: 'newsroom-cms-prod' };
const mathMetrics = (a: AlarmProps) =>
  (a.Metrics ?? []).flatMap((m) => (m.MetricStat ? [{ id: m.Id, ...m.MetricStat }] : []));
const expressionOf = (a: AlarmProps) => a.Metrics?.find((m) => m.ReturnData !== false)?.Expression ?? '';

const ALL_FUNCTIONS = Object.keys(FUNCTIONS) as FunctionName[];
const expectedIds = (waf: boolean) => [
  'ScheduleDeadLetters',
  'EventDeadLetters',
  'PurgeDeadLetters',
  'MediaDeadLetters',
  'Api5xx',
  'Api5xxRate',
  'ApiLatencyP99',
  ...ALL_FUNCTIONS.flatMap((name) => [`Errors-${name}`, `Throttles-${name}`]),
  ...API_FUNCTIONS.flatMap((name) => [`ServerErrorRate-${name}`, `DurationP99-${name}`]),
  ...TABLES.flatMap((t) => [
    `TableThrottles-${t.id}`,
    `TableSystemErrors-${t.id}`,
    ...t.indexes.map((index) => `IndexThrottles-${t.id}-${index.name}`),
  ]),
  ...(waf ? ['WafBlocked'] : []),
];

describe('every alarm', () => {
  it('the template has exactly these alarms: WAF blocks only where the WAF is on', () => {
    expect([...alarms.keys()].sort()).toEqual(expectedIds(true).sort());
    expect([...alarmsOf(dev.stack, devJson).keys()].sort()).toEqual(expectedIds(false).sort());
    expect(API_FUNCTIONS).toEqual([
      'publicRead',
      'editorial',
      'commentSubmit',
      'moderation',
      'preview',
      'docs',
    ]);
  });

  it('is named per stage, notifies the topic on alarm and on recovery, says what to do, and treats no data as healthy', () => {
    const topic = ref(prod.stack, prod.stack.alarms.topic);
    for (const [id, a] of alarms) {
      expect(a.AlarmName, id).toBe(`newsroom-cms-prod-${id}`);
      expect(a.AlarmActions, id).toEqual([topic]);
      expect(a.OKActions, id).toEqual([topic]);
      expect(a.TreatMissingData, id).toBe('notBreaching');
      // The runbook row is named in the description (a family's row by its pattern).
      expect(a.AlarmDescription, id).toMatch(/docs\/runbook\.md, [A-Za-z0-9<> -]+\)\.$/);
      expect(a.AlarmDescription.length, id).toBeGreaterThan(60);
    }
  });
});

describe('the API', () => {
  it('Api5xx: any 5xx in a minute', () => {
    expect(alarm('Api5xx')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [apiName],
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
    });
  });

  it('Api5xxRate: over 5 % of requests in 5 minutes, once there are 20 requests', () => {
    const a = alarm('Api5xxRate');
    expect(a).toMatchObject({
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
    });
    expect(expressionOf(a)).toBe('IF(FILL(total, 0) >= 20, 100 * (FILL(failures, 0)) / FILL(total, 1), 0)');
    expect(mathMetrics(a)).toEqual([
      {
        id: 'failures',
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: '5XXError', Dimensions: [apiName] },
        Period: 300,
        Stat: 'Sum',
      },
      {
        id: 'total',
        Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: [apiName] },
        Period: 300,
        Stat: 'Sum',
      },
    ]);
  });

  it('ApiLatencyP99: p99 above 3 s for 15 minutes', () => {
    expect(alarm('ApiLatencyP99')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: [apiName],
      ExtendedStatistic: 'p99',
      Period: 300,
      Threshold: 3000,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
    });
  });
});

describe('the functions', () => {
  it.each(ALL_FUNCTIONS)('%s: any failure in a minute, any throttle in 5 minutes', (name) => {
    const dims = [{ Name: 'FunctionName', Value: fnRef(name) }];
    expect(alarm(`Errors-${name}`)).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: dims,
      Statistic: 'Sum',
      Period: 60,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(alarm(`Throttles-${name}`)).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Throttles',
      Dimensions: dims,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it.each(API_FUNCTIONS)(
    '%s (behind the API): failure rate over 5 %, p99 duration over 3 s for 15 minutes',
    (name) => {
      const dims = [{ Name: 'FunctionName', Value: fnRef(name) }];
      const rate = alarm(`ServerErrorRate-${name}`);
      expect(rate).toMatchObject({ Threshold: 5, ComparisonOperator: 'GreaterThanThreshold' });
      // Failed invocations (502/504) plus the 500s the dispatcher answered and counted, over invocations.
      expect(expressionOf(rate)).toBe(
        'IF(FILL(total, 0) >= 20, 100 * (FILL(failed, 0) + FILL(answered5xx, 0)) / FILL(total, 1), 0)',
      );
      expect(mathMetrics(rate).map((m) => [m.id, m.Metric, m.Stat])).toEqual([
        ['failed', { Namespace: 'AWS/Lambda', MetricName: 'Errors', Dimensions: dims }, 'Sum'],
        [
          'answered5xx',
          {
            Namespace: METRICS_NAMESPACE,
            MetricName: SERVER_ERRORS_METRIC,
            Dimensions: [
              { Name: FUNCTION_DIMENSION, Value: name },
              { Name: METRICS_DIMENSION, Value: 'prod' },
            ],
          },
          'Sum',
        ],
        ['total', { Namespace: 'AWS/Lambda', MetricName: 'Invocations', Dimensions: dims }, 'Sum'],
      ]);
      // The function is told its name, the dimension its dispatcher counts 5xx answers by.
      const fnResource = prodJson.Resources[logicalIdOf(prod.stack, prod.stack.functions.byName[name])];
      const vars = (
        fnResource?.Properties as { Environment?: { Variables: Record<string, unknown> } } | undefined
      )?.Environment?.Variables;
      expect(vars).toMatchObject({ [ENV.functionName]: name, [ENV.stage]: 'prod' });
      expect(alarm(`DurationP99-${name}`)).toMatchObject({
        Namespace: 'AWS/Lambda',
        MetricName: 'Duration',
        Dimensions: dims,
        ExtendedStatistic: 'p99',
        Period: 300,
        Threshold: THRESHOLDS.latencyP99Ms,
        EvaluationPeriods: 3,
      });
    },
  );
});

describe('the tables', () => {
  it.each(TABLES.map((t) => [t.id, t] as const))(
    '%s: throttled requests and system errors over its operations, filled with 0',
    (_, definition) => {
      const tableRef = ref(prod.stack, prod.stack.data.table(definition));
      for (const [id, metricName, threshold] of [
        [`TableThrottles-${definition.id}`, 'ThrottledRequests', 1],
        [`TableSystemErrors-${definition.id}`, 'SystemErrors', 5],
      ] as const) {
        const a = alarm(id);
        expect(a).toMatchObject({
          Threshold: threshold,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        });
        const metrics = mathMetrics(a);
        expect(metrics.map((m) => m.Metric.Dimensions)).toEqual(
          TABLE_OPERATIONS.map((operation) => [
            { Name: 'Operation', Value: operation },
            { Name: 'TableName', Value: tableRef },
          ]),
        );
        for (const m of metrics)
          expect(m).toMatchObject({
            Metric: { Namespace: 'AWS/DynamoDB', MetricName: metricName },
            Stat: 'Sum',
            Period: 300,
          });
        // Every operation filled: a sum of sparse metrics would otherwise be missing, never breaching.
        expect(expressionOf(a)).toBe(metrics.map((m) => `FILL(${m.id}, 0)`).join(' + '));
      }
    },
  );

  it('every index: read and write throttle events', () => {
    for (const definition of TABLES) {
      const tableRef = ref(prod.stack, prod.stack.data.table(definition));
      for (const index of definition.indexes) {
        const a = alarm(`IndexThrottles-${definition.id}-${index.name}`);
        expect(a.Threshold).toBe(1);
        expect(expressionOf(a)).toBe('FILL(reads, 0) + FILL(writes, 0)');
        expect(mathMetrics(a).map((m) => [m.Metric.MetricName, m.Metric.Dimensions, m.Stat])).toEqual(
          ['ReadThrottleEvents', 'WriteThrottleEvents'].map((name) => [
            name,
            [
              { Name: 'GlobalSecondaryIndexName', Value: index.name },
              { Name: 'TableName', Value: tableRef },
            ],
            'Sum',
          ]),
        );
      }
    }
  });
});

describe('the comment WAF and the dead-letter queues', () => {
  it('WafBlocked: 50 blocked requests in 5 minutes, on the web ACL named as its metric', () => {
    const shield = prod.stack.commentShield;
    if (!shield) throw new Error('prod has the comment WAF');
    const acl = prodJson.Resources[prod.stack.getLogicalId(shield.webAcl)]?.Properties as {
      Name: string;
      VisibilityConfig: { MetricName: string };
    };
    expect(acl.Name).toBe('newsroom-cms-prod-api');
    expect(acl.VisibilityConfig.MetricName).toBe(acl.Name);
    expect(alarm('WafBlocked')).toMatchObject({
      Namespace: 'AWS/WAFV2',
      MetricName: 'BlockedRequests',
      Dimensions: [
        { Name: 'Region', Value: { Ref: 'AWS::Region' } },
        { Name: 'Rule', Value: 'ALL' },
        { Name: 'WebACL', Value: 'newsroom-cms-prod-api' },
      ],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 50,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('the schedule, event and media processing dead-letter queues: their first message', () => {
    for (const [id, queue] of [
      ['ScheduleDeadLetters', prod.stack.publishing.deadLetters],
      ['EventDeadLetters', prod.stack.outbox.deadLetters],
      ['MediaDeadLetters', prod.stack.media.deadLetters],
    ] as const) {
      expect(alarm(id)).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [
          { Name: 'QueueName', Value: { 'Fn::GetAtt': [logicalIdOf(prod.stack, queue), 'QueueName'] } },
        ],
        Statistic: 'Maximum',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
      });
    }
  });
});

/** The dashboard body with each CloudFormation reference written as <logicalId>, parsed. */
function dashboardOf(json: TemplateJson): { widgets: Widget[] } {
  const dashboards = resourcesOfType<{ DashboardName: string; DashboardBody: unknown }>(
    json,
    'AWS::CloudWatch::Dashboard',
  );
  expect(dashboards).toHaveLength(1);
  const body = dashboards[0]?.[1].Properties.DashboardBody as { 'Fn::Join': [string, unknown[]] };
  const text = body['Fn::Join'][1]
    .map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`))
    .join('');
  return JSON.parse(text) as { widgets: Widget[] };
}
interface Widget {
  type: string;
  y: number;
  properties: {
    markdown?: string;
    title?: string;
    metrics?: unknown[][];
    alarms?: string[];
    period?: number;
    stat?: string;
  };
}

describe('the dashboard', () => {
  const { widgets } = dashboardOf(prodJson);
  const byTitle = (title: string) => {
    const found = widgets.find((w) => w.properties.title === title);
    if (!found) throw new Error(`No widget ${title}`);
    return found;
  };

  it('reads top to bottom: health, latency, data, business', () => {
    const headings = widgets.filter((w) => w.type === 'text').map((w) => w.properties.markdown ?? '');
    expect(headings.map((h) => h.split(':')[0])).toEqual([
      '## Health',
      '## Latency',
      '## Data',
      '## Business',
    ]);
    const rowOf = (title: string) => byTitle(title).y;
    expect(rowOf('Alarms')).toBeLessThan(rowOf('API latency (ms)'));
    expect(rowOf('API latency (ms)')).toBeLessThan(rowOf('Throttled requests and system errors'));
    expect(rowOf('Throttled requests and system errors')).toBeLessThan(rowOf('Articles published per hour'));
  });

  it('shows the state of every alarm at the top', () => {
    const shown = byTitle('Alarms').properties.alarms ?? [];
    expect(shown).toHaveLength(alarms.size);
  });

  it('shows articles published and comments posted, held, approved per hour, from the embedded metrics', () => {
    expect(DASHBOARD_BUSINESS_METRICS).toEqual([
      'ArticlesPublished',
      'CommentsPosted',
      'CommentsHeld',
      'CommentsApproved',
    ]);
    const business = [
      byTitle('Articles published per hour'),
      byTitle('Comments posted, held and approved per hour'),
    ];
    const lines = business.flatMap((w) => w.properties.metrics ?? []);
    expect(lines.map((line) => line.slice(0, 4))).toEqual(
      DASHBOARD_BUSINESS_METRICS.map((name) => [METRICS_NAMESPACE, name, METRICS_DIMENSION, 'prod']),
    );
    for (const line of lines) {
      const options = line[4] as { stat: string; period: number; label: string };
      expect(options).toMatchObject({ stat: 'Sum', period: 3600 });
      expect(Object.values(BUSINESS_METRICS)).toContain(options.label);
    }
  });

  it('has latency, data and WAF graphs, and the dev stage (no WAF) leaves the WAF graph out', () => {
    for (const title of [
      'API requests and errors per minute',
      'Function failures, 5xx answers and throttles per minute',
      'Dead-letter queues (messages waiting)',
      'API function duration p99 (ms)',
      'Consumed capacity per 5 minutes',
      'Comment WAF: blocked requests per 5 minutes',
    ])
      expect(byTitle(title)).toBeDefined();
    expect(dashboardOf(devJson).widgets.map((w) => w.properties.title)).not.toContain(
      'Comment WAF: blocked requests per 5 minutes',
    );
  });

  it('is named per stage and its URL is an output', () => {
    const [, dashboard] =
      resourcesOfType<{ DashboardName: string }>(prodJson, 'AWS::CloudWatch::Dashboard')[0] ?? [];
    expect(dashboard?.Properties.DashboardName).toBe('newsroom-cms-prod');
    expect(JSON.stringify(prodJson.Outputs?.DashboardUrl?.Value)).toContain(
      '#dashboards:name=newsroom-cms-prod',
    );
  });

  // cfn-lint releases whose schemas predate Tags on AWS::CloudWatch::Dashboard report E3002 here;
  // CloudFormation's resource reference lists the property and CDK tags it (see docs/security.md).
  it('carries the stack tags, as every taggable resource does', () => {
    const [, dashboard] =
      resourcesOfType<{ Tags?: { Key: string; Value: string }[] }>(
        prodJson,
        'AWS::CloudWatch::Dashboard',
      )[0] ?? [];
    expect(dashboard?.Properties.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'app', Value: 'newsroom-cms' },
        { Key: 'stage', Value: 'prod' },
      ]),
    );
  });
});
