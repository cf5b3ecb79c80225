import { describe, expect, it } from 'vitest';
import { UNCACHED_API_PATHS } from '../../infra/constructs/consoleRouting.ts';
import { ORIGIN_SECRET_HEADER, VIEWER_ADDRESS_HEADER } from '../../shared/http/clientAddress.ts';
import type { RouteDefinition } from '../../shared/http/routes/define.ts';
import { ROUTES as DECLARED } from '../../shared/http/routes.ts';
import { PURGE_EVENT_TYPES } from '../../shared/integrations/cdnPaths.ts';
import { EVENT_SOURCE } from '../../shared/integrations/events.ts';
import { logicalIdOf, resourcesOfType, statementsOfRole, synthesized, type TemplateJson } from './synth.ts';

/**
 * The CDN in front of the delivery API: what CloudFront may cache and for how long, and the purge
 * that keeps long-cached public answers fresh (a rule on the bus, a function with one permission,
 * retries, a dead-letter queue with an alarm).
 */
const { stack, template: json } = await synthesized('prod');
const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });

const distributionId = logicalIdOf(stack, stack.console.distribution);
const fnId = logicalIdOf(stack, stack.functions.byName.cdnPurge);
const queueId = logicalIdOf(stack, stack.cdnPurge.deadLetters);
const ruleId = logicalIdOf(stack, stack.cdnPurge.rule);
const busId = logicalIdOf(stack, stack.publishing.bus);
/** The route table, widened to its declared type (each literal route lacks the fields it omits). */
const ROUTES: readonly RouteDefinition[] = DECLARED;
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

/** A resource's properties, typed loosely; a missing resource fails the test that asked. */
function props<P>(id: string): P {
  const found = json.Resources[id];
  if (!found) throw new Error(`No resource ${id} in the template`);
  return found.Properties as P;
}

interface Behavior {
  PathPattern: string;
  CachePolicyId: unknown;
  OriginRequestPolicyId: unknown;
  TargetOriginId: string;
}
const behaviors = (props(distributionId) as { DistributionConfig: { CacheBehaviors: Behavior[] } })
  .DistributionConfig.CacheBehaviors;
const behaviorFor = (path: string) => behaviors.find((b) => b.PathPattern === path) as Behavior;

interface CachePolicyConfig {
  MinTTL: number;
  DefaultTTL: number;
  MaxTTL: number;
  ParametersInCacheKeyAndForwardedToOrigin: {
    QueryStringsConfig: { QueryStringBehavior: string; QueryStrings?: string[] };
    HeadersConfig: { HeaderBehavior: string; Headers?: string[] };
    CookiesConfig: { CookieBehavior: string };
  };
}
const publicPolicy = (
  props((behaviorFor('/v1/*').CachePolicyId as { Ref: string }).Ref) as {
    CachePolicyConfig: CachePolicyConfig;
  }
).CachePolicyConfig;

/** The seconds of a Cache-Control directive, or undefined. */
const directive = (header: string, name: string) => {
  const match = new RegExp(`(?:^|,\\s*)${name}=(\\d+)`).exec(header);
  return match ? Number(match[1]) : undefined;
};

describe('what CloudFront caches', () => {
  it('public reads: the API decides (no TTL of its own), up to a day; keyed by the parameters it reads', () => {
    expect(publicPolicy.MinTTL).toBe(0);
    expect(publicPolicy.DefaultTTL).toBe(0);
    expect(publicPolicy.MaxTTL).toBe(86_400);
    // Lists differ by section, tag, limit and cursor, threads by sort, searches by their words and
    // range, feeds by section, tag or author: each combination is its own copy. Anything else (`?utm_source=...`, `?fbclid=...`) is
    // not in the key: one copy for all.
    const queryKey = publicPolicy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig;
    expect(queryKey.QueryStringBehavior).toBe('whitelist');
    expect([...(queryKey.QueryStrings ?? [])].sort()).toEqual(
      ['author', 'cursor', 'from', 'limit', 'q', 'section', 'since', 'sort', 'tag', 'to'].sort(),
    );
    // Every parameter a cached route declares is in the key (a filter left out would serve one
    // filter's page for another's).
    for (const route of ROUTES.filter((r) => r.method === 'GET' && r.ok.cache !== undefined)) {
      const declared = Object.keys(
        (route.query?._zod.def as { shape?: Record<string, unknown> } | undefined)?.shape ?? {},
      );
      for (const name of [...declared, ...(route.paged ? ['limit', 'cursor'] : [])])
        expect(queryKey.QueryStrings, `${route.id} reads ${name}`).toContain(name);
    }
    // No header (so no Authorization) and no cookie in the key: one copy serves every reader.
    expect(publicPolicy.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig).toEqual({
      HeaderBehavior: 'none',
    });
    expect(publicPolicy.ParametersInCacheKeyAndForwardedToOrigin.CookiesConfig).toEqual({
      CookieBehavior: 'none',
    });
  });

  it('admin routes and previews are never cached', () => {
    for (const path of UNCACHED_API_PATHS) expect(behaviorFor(path).CachePolicyId).toBe(CACHING_DISABLED);
    for (const route of ROUTES.filter(
      (r) => r.path.startsWith('/v1/admin') || r.path.startsWith('/v1/preview'),
    )) {
      expect(route.ok.cache, route.id).toBeUndefined();
    }
  });

  it('public GETs: the CDN keeps them longer than browsers (purged on change), within the policy maximum', () => {
    const cached = ROUTES.filter((r) => r.access === 'public' && r.method === 'GET' && r.fn === 'publicRead');
    expect(cached.map((r) => r.path).sort()).toEqual(
      [
        '/v1/articles',
        '/v1/articles/{slug}',
        '/v1/articles/{slug}/comments',
        '/v1/articles/{slug}/comments/featured',
        '/v1/articles/{slug}/comments/{id}/replies',
        '/v1/search',
        '/v1/feeds/rss',
        '/v1/feeds/atom',
        '/v1/sitemaps/{sitemap}',
        '/v1/articles/{slug}/entries',
        '/v1/articles/{slug}/entries/pinned',
        '/v1/articles/{slug}/entries/key-events',
        '/v1/articles/{slug}/entries/{entry}',
        '/v1/authors/{slug}',
        '/v1/authors/{slug}/articles',
        '/v1/fronts/{front}',
        '/v1/sections',
        '/v1/sections/{section}',
        '/v1/tags',
        '/v1/tags/{tag}',
      ].sort(),
    );
    for (const route of cached) {
      const header = route.ok.cache ?? '';
      const browser = directive(header, 'max-age') ?? 0;
      const shared = directive(header, 's-maxage') ?? 0;
      expect(header, route.id).toMatch(/^public, /);
      expect(browser, route.id).toBeLessThanOrEqual(60);
      expect(shared, route.id).toBeGreaterThan(browser);
      expect(shared, route.id).toBeLessThanOrEqual(publicPolicy.MaxTTL);
    }
    // What no event announces (a comment held back by reports, an erasure) leaves a thread in a minute.
    const thread = cached.find((r) => r.path === '/v1/articles/{slug}/comments');
    expect(directive(thread?.ok.cache ?? '', 's-maxage')).toBeLessThanOrEqual(60);
    // Feeds and sitemaps are purged on publish, correction and unpublish (cdnPaths.ts), so the CDN
    // may keep them as long as an article; the news sitemap's 48 hours then hold within that hour.
    for (const path of ['/v1/feeds/rss', '/v1/feeds/atom', '/v1/sitemaps/{sitemap}']) {
      const route = cached.find((r) => r.path === path);
      expect(directive(route?.ok.cache ?? '', 's-maxage'), path).toBe(3600);
    }
    // Writes are never cached.
    for (const route of ROUTES.filter((r) => r.method !== 'GET'))
      expect(route.ok.cache, route.id).toBeUndefined();
  });
});

describe('the purge on publish', () => {
  it('a rule on the stack bus matches exactly the events that change public answers', () => {
    const rule = props(ruleId) as {
      EventBusName: unknown;
      EventPattern: unknown;
      State?: string;
    };
    expect(rule.EventBusName).toEqual(ref(busId));
    expect(rule.EventPattern).toEqual({
      source: [EVENT_SOURCE],
      'detail-type': [...PURGE_EVENT_TYPES],
    });
    expect([...PURGE_EVENT_TYPES]).toEqual([
      'ArticlePublished',
      'ArticleUnpublished',
      'CommentApproved',
      'CommentRejected',
      'FrontUpdated',
      'LiveEntryPosted',
      'LiveEntryUpdated',
      'LiveEntryRemoved',
      'SectionChanged',
      'TagChanged',
      'AuthorChanged',
      'SiteSettingsChanged',
      'ArticlesRelabelled',
    ]);
  });

  it('targets the purge function, with retries and a dead-letter queue', () => {
    const { Targets } = props(ruleId) as {
      Targets: { Arn: unknown; DeadLetterConfig?: { Arn: unknown }; RetryPolicy?: unknown }[];
    };
    expect(Targets).toHaveLength(1);
    expect(Targets[0]).toMatchObject({
      Arn: getAtt(fnId, 'Arn'),
      DeadLetterConfig: { Arn: getAtt(queueId, 'Arn') },
      RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 3600 },
    });
    // Only this rule may invoke it.
    const permissions = resourcesOfType<{ FunctionName: unknown; Principal: string; SourceArn: unknown }>(
      json,
      'AWS::Lambda::Permission',
    ).filter(([, p]) => JSON.stringify(p.Properties.FunctionName ?? '').includes(fnId));
    expect(permissions.map(([, p]) => [p.Properties.Principal, p.Properties.SourceArn])).toEqual([
      ['events.amazonaws.com', getAtt(ruleId, 'Arn')],
    ]);
  });

  it('a purge that keeps failing is retried by Lambda, then dead-lettered; the queue alarms', () => {
    const [config, ...others] = resourcesOfType<{
      FunctionName: unknown;
      MaximumRetryAttempts: number;
      MaximumEventAgeInSeconds: number;
      DestinationConfig: { OnFailure: { Destination: unknown } };
    }>(json, 'AWS::Lambda::EventInvokeConfig').filter(([, c]) =>
      JSON.stringify(c.Properties.FunctionName ?? '').includes(fnId),
    );
    expect(others).toEqual([]);
    expect(config?.[1].Properties).toMatchObject({
      FunctionName: ref(fnId),
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 3600,
      DestinationConfig: { OnFailure: { Destination: getAtt(queueId, 'Arn') } },
    });
    const alarms = resourcesOfType<{
      Namespace: string;
      MetricName: string;
      Dimensions: { Value: unknown }[];
      Threshold: number;
    }>(json, 'AWS::CloudWatch::Alarm').filter(([, a]) =>
      JSON.stringify(a.Properties.Dimensions ?? '').includes(queueId),
    );
    expect(alarms).toHaveLength(1);
    expect(alarms[0]?.[1].Properties).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
    });
    const queue = props(queueId) as {
      SqsManagedSseEnabled: boolean;
      MessageRetentionPeriod: number;
    };
    expect(queue).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
  });

  it('the function knows the distribution and may only invalidate it (and dead-letter to its queue)', () => {
    const fn = props(fnId) as {
      Role: { 'Fn::GetAtt': [string, string] };
      Environment: { Variables: Record<string, unknown> };
    };
    expect(fn.Environment.Variables.CDN_DISTRIBUTION_ID).toEqual(ref(distributionId));
    // No table, no secret, no bus: nothing else in its environment.
    expect(Object.keys(fn.Environment.Variables).sort()).toEqual([
      'CDN_DISTRIBUTION_ID',
      'CMS_FUNCTION',
      'CMS_STAGE',
    ]);
    const statements = statementsOfRole(json, fn.Role['Fn::GetAtt'][0]);
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: 'cloudfront:CreateInvalidation',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              ref('AWS::Partition'),
              ':cloudfront::',
              ref('AWS::AccountId'),
              ':distribution/',
              ref(distributionId),
            ],
          ],
        },
      },
      {
        Effect: 'Allow',
        Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'],
        Resource: getAtt(queueId, 'Arn'),
      },
    ]);
    // No other function of the CMS may invalidate (CDK's console deployment does, for index.html).
    const grantees = resourcesOfType<{ PolicyDocument: unknown; Roles: { Ref: string }[] }>(
      json,
      'AWS::IAM::Policy',
    )
      .filter(([, p]) =>
        JSON.stringify(p.Properties.PolicyDocument).includes('cloudfront:CreateInvalidation'),
      )
      .flatMap(([, p]) => p.Properties.Roles.map((role) => role.Ref))
      .filter((role) => !role.startsWith('CustomCDKBucketDeployment'));
    expect(grantees).toEqual([fn.Role['Fn::GetAtt'][0]]);
  });
});

interface Origin {
  Id: string;
  CustomOriginConfig?: unknown;
  OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
}
function originsOf(template: TemplateJson, id: string): Origin[] {
  const distribution = template.Resources[id];
  if (!distribution) throw new Error(`No distribution ${id} in the template`);
  return (distribution.Properties as { DistributionConfig: { Origins: Origin[] } }).DistributionConfig
    .Origins;
}

describe('the viewer address, for the API', () => {
  const originSecretId = logicalIdOf(stack, stack.functions.originSecret);

  it('/v1/* forwards CloudFront-Viewer-Address to the API, and Host never (API Gateway refuses another host)', () => {
    const policyId = (behaviorFor('/v1/*').OriginRequestPolicyId as { Ref: string }).Ref;
    const headers = (
      props(policyId) as {
        OriginRequestPolicyConfig: { HeadersConfig: { HeaderBehavior: string; Headers: string[] } };
      }
    ).OriginRequestPolicyConfig.HeadersConfig;
    expect(headers.HeaderBehavior).toBe('whitelist');
    const names = headers.Headers.map((h) => h.toLowerCase());
    expect(names).toContain(VIEWER_ADDRESS_HEADER);
    expect(names).not.toContain('host');
    // What the public routes read: the client fingerprint's user agent, bodies, CORS preflights.
    for (const name of ['user-agent', 'content-type', 'origin', 'access-control-request-method'])
      expect(names).toContain(name);
    // Every route under /v1/* is public: no token to forward there.
    const underV1 = ROUTES.filter(
      (r) => !UNCACHED_API_PATHS.some((p) => r.path.startsWith(p.replace('/*', '/'))),
    );
    expect(underV1.every((r) => r.access === 'public')).toBe(true);
  });

  it('every request to the API carries the origin secret, by a reference to it: never its value', () => {
    const origins = originsOf(json, distributionId);
    const api = origins.filter((o) => o.CustomOriginConfig);
    expect(api).toHaveLength(1);
    const apiOrigin = api[0] as Origin;
    expect(apiOrigin.OriginCustomHeaders?.map((h) => h.HeaderName.toLowerCase())).toEqual([
      ORIGIN_SECRET_HEADER,
    ]);
    const value = JSON.stringify(apiOrigin.OriginCustomHeaders?.[0]?.HeaderValue);
    expect(value).toContain('{{resolve:secretsmanager:');
    expect(value).toContain(JSON.stringify({ Ref: originSecretId }));
    // Unpinned: the secret's current value when the distribution is deployed.
    expect(value).toMatch(/:SecretString:::}}/);
    // The API origin serves every /v1 behaviour; the S3 origins never see the secret.
    for (const path of ['/v1/*', ...UNCACHED_API_PATHS])
      expect(behaviorFor(path).TargetOriginId).toBe(apiOrigin.Id);
    for (const o of origins.filter((o) => !o.CustomOriginConfig))
      expect(o.OriginCustomHeaders).toBeUndefined();
    // The secret is generated in Secrets Manager: nothing in the template is its value.
    const secret = props(originSecretId) as {
      GenerateSecretString?: { PasswordLength: number };
      SecretString?: string;
    };
    expect(secret.GenerateSecretString?.PasswordLength).toBe(64);
    expect(secret.SecretString).toBeUndefined();
  });

  it('after a rotation, -c originSecretVersion pins the version CloudFront sends (so CloudFormation re-reads it)', async () => {
    const version = '3f1c2a7e-5b6d-4e8f-9a0b-1c2d3e4f5a6b';
    const { stack: pinned, template: pinnedJson } = await synthesized('dev', {
      originSecretVersion: version,
    });
    const origin = originsOf(pinnedJson, logicalIdOf(pinned, pinned.console.distribution)).find(
      (o) => o.CustomOriginConfig,
    );
    expect(JSON.stringify(origin?.OriginCustomHeaders?.[0]?.HeaderValue)).toContain(
      `:SecretString:::${version}}}`,
    );
  });
});
