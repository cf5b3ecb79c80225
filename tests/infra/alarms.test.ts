import { describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionName } from '../../shared/http/routes.ts';
import { logicalIdOf, resourcesOfType, synthesized, type TemplateJson } from './synth.ts';

/** An operator hears of 5xx answers and failing functions, on one SNS topic. */
const { stack, template: json } = await synthesized('prod');
const withEmail = await synthesized('prod', { alarmEmail: 'desk-ops@example.org' });

interface AlarmProps {
  Namespace: string;
  MetricName: string;
  Dimensions: { Name: string; Value: unknown }[];
  Threshold: number;
  Statistic: string;
  AlarmActions: unknown[];
}
const alarms = resourcesOfType<AlarmProps>(json, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
const topic = { Ref: logicalIdOf(stack, stack.alarms.topic) };

describe('alarms', () => {
  it('alarm on any 5xx answer of the API', () => {
    const api = alarms.filter((a) => a.Namespace === 'AWS/ApiGateway' && a.MetricName === '5XXError');
    expect(api).toHaveLength(1);
    // The API's name is per stage (newsroom-cms-<stage>), so ApiName alone is this stage's API.
    expect(api[0]?.Dimensions.map((d) => d.Name)).toEqual(['ApiName']);
    expect(api[0]).toMatchObject({ Threshold: 1, Statistic: 'Sum', AlarmActions: [topic] });
  });

  it.each(Object.keys(FUNCTIONS) as FunctionName[])('alarm on errors of %s', (name) => {
    const fnRef = { Ref: logicalIdOf(stack, stack.functions.byName[name]) };
    const found = alarms.filter(
      (a) =>
        a.Namespace === 'AWS/Lambda' &&
        a.MetricName === 'Errors' &&
        JSON.stringify(a.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: fnRef }]),
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ Threshold: 1, Statistic: 'Sum', AlarmActions: [topic] });
  });

  it('notifies one topic that accepts only TLS, and says where it is', () => {
    expect(resourcesOfType(json, 'AWS::SNS::Topic')).toHaveLength(1);
    const policies = resourcesOfType<{
      PolicyDocument: { Statement: { Effect: string; Condition?: unknown }[] };
    }>(json, 'AWS::SNS::TopicPolicy');
    expect(JSON.stringify(policies)).toContain('aws:SecureTransport');
    expect(json.Outputs?.AlarmTopicArn?.Value).toEqual(topic);
  });

  it('subscribes the -c alarmEmail address to the topic, and no one without it', () => {
    const subscriptionsOf = (t: TemplateJson) =>
      resourcesOfType<{ Protocol: string; Endpoint: string; TopicArn: unknown }>(
        t,
        'AWS::SNS::Subscription',
      ).map(([, r]) => r.Properties);
    expect(subscriptionsOf(json)).toEqual([]);
    const subscribed = subscriptionsOf(withEmail.template);
    expect(subscribed).toEqual([
      {
        Protocol: 'email',
        Endpoint: 'desk-ops@example.org',
        TopicArn: { Ref: logicalIdOf(withEmail.stack, withEmail.stack.alarms.topic) },
      },
    ]);
  });
});
