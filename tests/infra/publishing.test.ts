import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { FUNCTION_USES } from '../../infra/constructs/functions.ts';
import { WEBHOOK_KEY_HEADER } from '../../infra/constructs/publishing.ts';
import { CmsStack } from '../../infra/stack.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/http/routes.ts';
import { COMMENTS_TABLE, CONTENT_TABLE, SEARCH_TABLE } from '../../shared/store/tables.ts';
import { scratchDir } from '../support/runCache.ts';
import { logicalIdOf, resourcesOfType, synthesized, type TemplateJson } from './synth.ts';

// Synthesized without bundling: these tests read the template.
const { stack, template: json } = await synthesized('dev');
// A stack with webhooks, synthesized as the file loads, where no test's timeout runs.
const hooked = Template.fromStack(
  new CmsStack(new App({ context: { 'aws:cdk:bundling-stacks': [] }, outdir: scratchDir('cdk') }), 'Hooked', {
    stage: 'dev',
    webhooks: ['https://frontend.example.org/revalidate', 'https://search.example.org/hook'],
  }),
).toJSON() as TemplateJson;
const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attr: string) => ({ 'Fn::GetAtt': [id, attr] });
const fnProps = (name: FunctionName) =>
  json.Resources[logicalIdOf(stack, stack.functions.byName[name])]?.Properties as {
    Environment?: { Variables: Record<string, unknown> };
    Role: { 'Fn::GetAtt': [string, string] };
  };

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
  Condition?: unknown;
}
function statementsOf(name: FunctionName): Statement[] {
  const roleId = fnProps(name).Role['Fn::GetAtt'][0];
  return resourcesOfType<{ Roles: unknown[]; PolicyDocument: { Statement: Statement[] } }>(
    json,
    'AWS::IAM::Policy',
  )
    .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(JSON.stringify(ref(roleId))))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}
const actionsOf = (name: FunctionName) => statementsOf(name).flatMap((s) => [s.Action].flat());

describe('scheduled publishing', () => {
  const groupId = stack.getLogicalId(stack.publishing.scheduleGroup);
  const roleId = logicalIdOf(stack, stack.publishing.schedulerRole);
  const queueId = logicalIdOf(stack, stack.publishing.deadLetters);
  const targetId = logicalIdOf(stack, stack.functions.byName.scheduledPublish);

  it('has a schedule group named for the stage', () => {
    const group = json.Resources[groupId];
    expect(group?.Type).toBe('AWS::Scheduler::ScheduleGroup');
    expect(group?.Properties.Name).toBe('newsroom-cms-dev');
  });

  it('has a role only EventBridge Scheduler of this account may assume, which may invoke only the target', () => {
    const role = json.Resources[roleId]?.Properties as {
      AssumeRolePolicyDocument: {
        Statement: { Principal: { Service: string }; Condition: Record<string, unknown> }[];
      };
    };
    const trust = role.AssumeRolePolicyDocument.Statement[0];
    expect(trust?.Principal.Service).toBe('scheduler.amazonaws.com');
    expect(trust?.Condition).toHaveProperty('StringEquals');
    const policies = resourcesOfType<{ Roles: unknown[]; PolicyDocument: { Statement: Statement[] } }>(
      json,
      'AWS::IAM::Policy',
    )
      .filter(([, p]) => JSON.stringify(p.Properties.Roles).includes(JSON.stringify(ref(roleId))))
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const invoke = policies.find((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
    expect(JSON.stringify(invoke?.Resource)).toContain(targetId);
    const send = policies.find((s) => [s.Action].flat().includes('sqs:SendMessage'));
    expect(send?.Resource).toEqual(getAtt(queueId, 'Arn'));
  });

  it('keeps undeliverable triggers in an encrypted dead-letter queue for two weeks', () => {
    const queue = json.Resources[queueId]?.Properties as {
      MessageRetentionPeriod: number;
      SqsManagedSseEnabled: boolean;
    };
    expect(queue.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    expect(queue.SqsManagedSseEnabled).toBe(true);
  });

  it('lets only the functions that schedule create and delete schedules, in this group, passing only this role', () => {
    for (const name of FUNCTION_NAMES) {
      const schedules = FUNCTION_USES[name].includes('schedules');
      const actions = actionsOf(name);
      expect(actions.includes('scheduler:CreateSchedule'), name).toBe(schedules);
      expect(actions.includes('iam:PassRole'), name).toBe(schedules);
      expect(actions).not.toContain('scheduler:*');
      if (!schedules) continue;
      const create = statementsOf(name).find((s) => [s.Action].flat().includes('scheduler:CreateSchedule'));
      expect(JSON.stringify(create?.Resource)).toContain(':schedule/newsroom-cms-dev/*');
      const pass = statementsOf(name).find((s) => [s.Action].flat().includes('iam:PassRole'));
      expect(pass?.Resource).toEqual(getAtt(roleId, 'Arn'));
      const vars = fnProps(name).Environment?.Variables ?? {};
      expect(vars[ENV.scheduledPublishArn]).toEqual(getAtt(targetId, 'Arn'));
      expect(vars[ENV.schedulerRoleArn]).toEqual(getAtt(roleId, 'Arn'));
      expect(vars[ENV.scheduleDlqArn]).toEqual(getAtt(queueId, 'Arn'));
    }
  });
});

describe('events', () => {
  const busId = logicalIdOf(stack, stack.publishing.bus);

  it('creates the event bus, and only the publishing functions may put events on it', () => {
    expect(json.Resources[busId]?.Type).toBe('AWS::Events::EventBus');
    for (const name of FUNCTION_NAMES) {
      const publishes = FUNCTION_USES[name].includes('events');
      expect(actionsOf(name).includes('events:PutEvents'), name).toBe(publishes);
      expect(fnProps(name).Environment?.Variables[ENV.eventBusName] !== undefined, name).toBe(publishes);
    }
    // Only the outbox relay: no service announces anything itself after its commit.
    expect(FUNCTION_NAMES.filter((name) => FUNCTION_USES[name].includes('events'))).toEqual(['eventRelay']);
    const put = statementsOf('eventRelay').find((s) => [s.Action].flat().includes('events:PutEvents'));
    expect(put?.Resource).toEqual(getAtt(busId, 'Arn'));
  });

  it('has no webhook targets unless the stack is given some', () => {
    expect(resourcesOfType(json, 'AWS::Events::ApiDestination')).toHaveLength(0);
  });

  it('sends both event types to each webhook through an API destination with a generated key', () => {
    const t = hooked;
    const destinations = resourcesOfType<{ InvocationEndpoint: string; HttpMethod: string }>(
      t,
      'AWS::Events::ApiDestination',
    );
    expect(destinations.map(([, d]) => d.Properties.InvocationEndpoint).sort()).toEqual([
      'https://frontend.example.org/revalidate',
      'https://search.example.org/hook',
    ]);
    const [, rule] =
      resourcesOfType<{ EventPattern: { 'detail-type': string[] }; Targets: unknown[] }>(
        t,
        'AWS::Events::Rule',
      )[0] ?? [];
    expect(rule?.Properties.EventPattern['detail-type'].sort()).toEqual([
      'ArticlePublished',
      'ArticleUnpublished',
    ]);
    expect(rule?.Properties.Targets).toHaveLength(2);
    const [, connection] =
      resourcesOfType<{
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: string; ApiKeyValue: unknown } };
      }>(t, 'AWS::Events::Connection')[0] ?? [];
    expect(connection?.Properties.AuthParameters.ApiKeyAuthParameters.ApiKeyName).toBe(WEBHOOK_KEY_HEADER);
    expect(JSON.stringify(connection?.Properties.AuthParameters.ApiKeyAuthParameters.ApiKeyValue)).toContain(
      'resolve:secretsmanager',
    );
    expect(
      () => new CmsStack(new App(), 'Bad', { stage: 'dev', webhooks: ['http://insecure.example'] }),
    ).toThrow(/https/);
  });
});

describe('the outbox', () => {
  const relayId = logicalIdOf(stack, stack.functions.byName.eventRelay);
  const dlqId = logicalIdOf(stack, stack.outbox.deadLetters);
  const tableIds = [CONTENT_TABLE, COMMENTS_TABLE].map((t) => logicalIdOf(stack, stack.data.table(t)));

  it('streams both tables with old and new images', () => {
    for (const id of tableIds) {
      const table = json.Resources[id]?.Properties as { StreamSpecification?: { StreamViewType: string } };
      expect(table.StreamSpecification, id).toEqual({ StreamViewType: 'NEW_AND_OLD_IMAGES' });
    }
  });

  it('feeds each stream to the relay, retrying bounded, bisecting, reporting items, dead-lettering', () => {
    const mappings = resourcesOfType<Record<string, any>>(json, 'AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(2);
    const streams = mappings.map(([, m]) => JSON.stringify(m.Properties.EventSourceArn)).sort();
    expect(streams).toEqual(tableIds.map((id) => JSON.stringify(getAtt(id, 'StreamArn'))).sort());
    const sortKeys = mappings.map(([, m]) => JSON.parse(m.Properties.FilterCriteria.Filters[0].Pattern));
    expect(sortKeys).toEqual(
      expect.arrayContaining([
        {
          dynamodb: {
            Keys: {
              sk: {
                S: [
                  'LIVE',
                  'WORKING',
                  'RESOLVED',
                  'SITE',
                  'COVERAGE',
                  { prefix: 'MEDIA#' },
                  { prefix: 'ENTRY#' },
                  { prefix: 'AUTHOR#' },
                  { prefix: 'RELABEL#' },
                ],
              },
            },
          },
        },
        { dynamodb: { Keys: { sk: { S: ['COMMENT'] } } } },
      ]),
    );
    // Sections and tags (and their renamed slugs) are keyed by partition: a second filter, ORed.
    const byPartition = mappings.flatMap(([, m]) =>
      m.Properties.FilterCriteria.Filters.slice(1).map((f: { Pattern: string }) => JSON.parse(f.Pattern)),
    );
    expect(byPartition).toEqual([
      { dynamodb: { Keys: { pk: { S: ['SECTIONS', 'TAGS', 'SECTIONS#MOVED', 'TAGS#MOVED'] } } } },
    ]);
    for (const [, { Properties: m }] of mappings) {
      expect(m.FunctionName).toEqual(ref(relayId));
      expect(m).toMatchObject({
        StartingPosition: 'TRIM_HORIZON',
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: 5,
        MaximumRecordAgeInSeconds: 6 * 3600,
        ParallelizationFactor: 1,
        DestinationConfig: { OnFailure: { Destination: getAtt(dlqId, 'Arn') } },
      });
      expect(m.BatchSize).toBeLessThanOrEqual(100);
      expect(m.MaximumBatchingWindowInSeconds).toBeLessThanOrEqual(1);
    }
  });

  it('keeps undelivered batches in an encrypted, TLS-only queue for two weeks', () => {
    const queue = json.Resources[dlqId]?.Properties as {
      MessageRetentionPeriod: number;
      SqsManagedSseEnabled: boolean;
    };
    expect(queue).toMatchObject({ MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true });
    const policies = resourcesOfType<{
      Queues: unknown[];
      PolicyDocument: { Statement: Record<string, any>[] };
    }>(json, 'AWS::SQS::QueuePolicy').filter(([, p]) => JSON.stringify(p.Properties.Queues).includes(dlqId));
    const denyPlain = policies
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .find((st) => st.Effect === 'Deny');
    expect(denyPlain?.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });

  it('grants the relay exactly: read both streams, put events on the bus, send to its queue, keep the search index', () => {
    const statements = statementsOf('eventRelay');
    const actions = new Set(statements.flatMap((st) => [st.Action].flat()));
    expect([...actions].sort()).toEqual(
      [
        // A working copy's words (one Query) and its library images, the search index's postings
        // and entries, and the feeds' and sitemaps' own partitions of the content table.
        'dynamodb:GetItem',
        'dynamodb:BatchGetItem',
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
        'events:PutEvents',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:SendMessage',
      ].sort(),
    );
    for (const st of statements) {
      expect(st.Effect).toBe('Allow');
      const acts = [st.Action].flat();
      // ListStreams takes no resource; every other action names this stack's streams, bus or queue.
      if (acts.every((a) => a === 'dynamodb:ListStreams')) expect(st.Resource).toBe('*');
      else expect(st.Resource).not.toBe('*');
    }
    const streamRead = statements.filter((st) => [st.Action].flat().includes('dynamodb:GetRecords'));
    expect(JSON.stringify(streamRead.map((st) => st.Resource)).match(/StreamArn/g)).toHaveLength(2);
    // Writes go to the search table, and to the content table only under the feeds' and sitemaps'
    // leading keys (dynamodb:LeadingKeys): never to an article, a revision or a setting.
    const writes = statements.filter((st) => [st.Action].flat().includes('dynamodb:BatchWriteItem'));
    expect(JSON.stringify(writes.map((st) => st.Resource))).toContain(
      logicalIdOf(stack, stack.data.table(SEARCH_TABLE)),
    );
    for (const st of writes.filter((w) => JSON.stringify(w.Resource).includes(tableIds[0] ?? '-'))) {
      expect(JSON.stringify(st.Condition)).toContain('dynamodb:LeadingKeys');
    }
    expect(fnProps('eventRelay').Environment?.Variables).toHaveProperty(ENV.searchTable);
    expect(fnProps('eventRelay').Environment?.Variables).not.toHaveProperty(ENV.cursorSecretArn);
  });

  it('lets the relay put resolved fronts only: PutItem under the FRONT#* leading keys of the content table', () => {
    const fronts = statementsOf('eventRelay').filter((st) =>
      JSON.stringify(st.Condition ?? {}).includes('FRONT#'),
    );
    expect(fronts).toHaveLength(1);
    expect([fronts[0]?.Action].flat()).toEqual(['dynamodb:PutItem']);
    expect(JSON.stringify(fronts[0]?.Resource)).toContain(tableIds[0]);
    expect(fronts[0]?.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['FRONT#*'] },
    });
    // No other statement lets it put to the content table without leading keys.
    for (const st of statementsOf('eventRelay')) {
      const content = JSON.stringify(st.Resource).includes(tableIds[0] ?? '-');
      if (content && [st.Action].flat().includes('dynamodb:PutItem')) expect(st.Condition).toBeDefined();
    }
  });

  it('alarms on the event and schedule dead-letter queues, to an encrypted TLS-only topic', () => {
    const alarms = resourcesOfType<Record<string, any>>(json, 'AWS::CloudWatch::Alarm');
    const topicId = logicalIdOf(stack, stack.alarms.topic);
    const scheduleDlqId = logicalIdOf(stack, stack.publishing.deadLetters);
    for (const queueId of [dlqId, scheduleDlqId]) {
      const alarm = alarms.find(([, a]) => JSON.stringify(a.Properties.Dimensions).includes(queueId));
      expect(alarm, queueId).toBeDefined();
      expect(alarm?.[1].Properties).toMatchObject({
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [ref(topicId)],
      });
    }
    const topic = json.Resources[topicId]?.Properties as { KmsMasterKeyId?: unknown };
    expect(topic.KmsMasterKeyId).toBeDefined();
    const topicPolicy = resourcesOfType<{ PolicyDocument: { Statement: Record<string, any>[] } }>(
      json,
      'AWS::SNS::TopicPolicy',
    )
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .find((st) => st.Effect === 'Deny');
    expect(topicPolicy?.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    expect(json.Outputs?.AlarmTopicArn?.Value).toEqual(ref(topicId));
  });
});

describe('preview links', () => {
  it('signs with a generated secret whose ARN only the editorial and preview functions receive', () => {
    const secretId = logicalIdOf(stack, stack.functions.previewSecret);
    for (const name of FUNCTION_NAMES) {
      const value = fnProps(name).Environment?.Variables[ENV.previewSecretArn];
      if (FUNCTION_USES[name].includes('previews')) expect(value).toEqual(ref(secretId));
      else expect(value, name).toBeUndefined();
    }
    expect(FUNCTION_USES.preview).toEqual(['previews']);
    expect(JSON.stringify(json)).not.toMatch(/"SecretString":"/);
  });

  it('lets the preview function read and nothing else: single items, and a working copy with its revision', () => {
    const dynamo = actionsOf('preview').filter((a) => a.startsWith('dynamodb:'));
    // A working copy is its head and its newest revision, read in one Query (workingCopy.ts); the
    // preview page reads its library images in one BatchGetItem.
    expect(dynamo).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
  });
});
