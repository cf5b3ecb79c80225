import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { CONSOLE_SECURITY_HEADERS, consoleCsp } from '../../infra/consoleCsp.ts';
import {
  CALLBACK_PATH,
  SPA_FUNCTION_CODE,
  UNCACHED_API_PATHS,
} from '../../infra/constructs/consoleRouting.ts';
import { cachedQueryParameters } from '../../shared/http/routes.ts';
import { logicalIdOf, resourcesOfType, synthesized } from './synth.ts';

// The web console in AWS: private bucket, CloudFront with OAC, /v1/* to the API on the same origin,
// deep links by a CloudFront Function, Cognito managed login with code + PKCE, config at run time.
const { stack, template: json, outdir } = await synthesized('dev');
const template = Template.fromJSON(json);
const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });

const bucketId = logicalIdOf(stack, stack.console.bucket);
const distributionId = logicalIdOf(stack, stack.console.distribution);
const clientId = logicalIdOf(stack, stack.console.client);
const domainId = logicalIdOf(stack, stack.console.domain);

// CloudFront's managed policies, by their documented ids.
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const CACHING_OPTIMIZED = '658327ea-f89d-4fab-a63d-7e88639e58f6';
const ALL_VIEWER_EXCEPT_HOST_HEADER = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  CachePolicyId: unknown;
  ResponseHeadersPolicyId?: unknown;
  OriginRequestPolicyId?: string;
  AllowedMethods?: string[];
  ViewerProtocolPolicy: string;
  FunctionAssociations?: { EventType: string; FunctionARN: unknown }[];
}
interface DistributionConfig {
  DefaultRootObject: string;
  DefaultCacheBehavior: Behavior;
  CacheBehaviors: Behavior[];
  CustomErrorResponses?: unknown[];
  Origins: {
    Id: string;
    DomainName: unknown;
    OriginPath?: string;
    OriginAccessControlId?: unknown;
    S3OriginConfig?: { OriginAccessIdentity: string };
  }[];
}
const distribution = (
  (json.Resources[distributionId] ?? { Properties: {} }).Properties as {
    DistributionConfig: DistributionConfig;
  }
).DistributionConfig;
const originOf = (behavior: Behavior) => distribution.Origins.find((o) => o.Id === behavior.TargetOriginId);
const behaviorFor = (path: string) => {
  const found = distribution.CacheBehaviors.find((b) => b.PathPattern === path);
  if (!found) throw new Error(`No behaviour for ${path}`);
  return found;
};

describe('console bucket', () => {
  it('is private, encrypted and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    expect(json.Resources[bucketId]?.Properties).not.toHaveProperty('WebsiteConfiguration');
  });

  it('lets only this distribution read it, through Origin Access Control', () => {
    const policies = resourcesOfType<{ Bucket: unknown; PolicyDocument: { Statement: any[] } }>(
      json,
      'AWS::S3::BucketPolicy',
    ).filter(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify(ref(bucketId)));
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
    const read = statements.find((s) => s.Principal?.Service === 'cloudfront.amazonaws.com');
    expect(read?.Effect).toBe('Allow');
    expect(read?.Action).toBe('s3:GetObject');
    expect(JSON.stringify(read?.Condition)).toContain(distributionId);
    expect(statements.some((s) => s.Effect === 'Allow' && s.Principal === '*')).toBe(false);

    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    const s3Origin = originOf(distribution.DefaultCacheBehavior);
    expect(s3Origin?.DomainName).toEqual(getAtt(bucketId, 'RegionalDomainName'));
    expect(s3Origin?.OriginAccessControlId).toBeDefined();
    expect(s3Origin?.S3OriginConfig?.OriginAccessIdentity ?? '').toBe('');
  });
});

describe('console distribution', () => {
  it('serves the build by default, over HTTPS, with index.html at the root', () => {
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(distribution.DefaultCacheBehavior.CachePolicyId).toBe(CACHING_OPTIMIZED);
  });

  it('routes /v1/* to the API Gateway stage on the same origin', () => {
    for (const path of [...UNCACHED_API_PATHS, '/v1/*']) {
      const origin = originOf(behaviorFor(path));
      expect(JSON.stringify(origin?.DomainName)).toContain(logicalIdOf(stack, stack.api.restApi));
      // The stage, taken from the API's URL: /v1/... reaches API Gateway as /<stage>/v1/...
      expect(JSON.stringify(origin?.OriginPath)).toContain(
        logicalIdOf(stack, stack.api.restApi.deploymentStage),
      );
      expect(behaviorFor(path).AllowedMethods).toEqual(
        expect.arrayContaining(['GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS']),
      );
    }
  });

  it('never caches admin routes or previews, and forwards Authorization to them', () => {
    for (const path of UNCACHED_API_PATHS) {
      expect(behaviorFor(path).CachePolicyId).toBe(CACHING_DISABLED);
      // With caching disabled, the all-viewer origin request policy forwards Authorization and If-Match.
      expect(behaviorFor(path).OriginRequestPolicyId).toBe(ALL_VIEWER_EXCEPT_HOST_HEADER);
    }
    // CloudFront takes the first matching pattern: the admin routes must come before /v1/*.
    const order = distribution.CacheBehaviors.map((b) => b.PathPattern);
    expect(order.indexOf('/v1/admin/*')).toBeLessThan(order.indexOf('/v1/*'));
    expect(order.indexOf('/v1/preview/*')).toBeLessThan(order.indexOf('/v1/*'));
  });

  it('caches public reads only as the API allows, keyed by the query parameters the API reads', () => {
    const policyId = (behaviorFor('/v1/*').CachePolicyId as { Ref: string }).Ref;
    const policy = json.Resources[policyId]?.Properties as { CachePolicyConfig: any };
    expect(policy.CachePolicyConfig.DefaultTTL).toBe(0);
    expect(policy.CachePolicyConfig.MinTTL).toBe(0);
    // `?utm_...` and other parameters no route reads are not in the key (tests/infra/cdn.test.ts).
    expect(policy.CachePolicyConfig.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig).toEqual({
      QueryStringBehavior: 'whitelist',
      QueryStrings: cachedQueryParameters(),
    });
  });

  it('answers deep links with a CloudFront Function on the default behaviour, not error responses', () => {
    expect(distribution.CustomErrorResponses ?? []).toEqual([]);
    const [association, ...others] = distribution.DefaultCacheBehavior.FunctionAssociations ?? [];
    expect(others).toEqual([]);
    expect(association?.EventType).toBe('viewer-request');
    const [functionId] = resourcesOfType<{ FunctionCode: string; FunctionConfig: { Runtime: string } }>(
      json,
      'AWS::CloudFront::Function',
    ).map(([id]) => id);
    expect(association?.FunctionARN).toEqual(getAtt(functionId ?? '', 'FunctionARN'));
    for (const path of [...UNCACHED_API_PATHS, '/v1/*'])
      expect(behaviorFor(path).FunctionAssociations ?? []).toEqual([]);
    template.hasResourceProperties('AWS::CloudFront::Function', {
      FunctionCode: SPA_FUNCTION_CODE,
      FunctionConfig: { Runtime: 'cloudfront-js-2.0' },
    });
  });

  it("the function's rewrite: console paths get index.html, files pass through", () => {
    const handler = new Function(`${SPA_FUNCTION_CODE}; return handler;`)() as (event: {
      request: { uri: string };
    }) => { uri: string };
    const rewrite = (uri: string) => handler({ request: { uri } }).uri;
    expect(rewrite('/')).toBe('/index.html');
    expect(rewrite('/articles/01HZX3K4M5N6P7Q8R9S0T1V2W3')).toBe('/index.html');
    expect(rewrite('/comments')).toBe('/index.html');
    expect(rewrite('/callback')).toBe('/index.html');
    expect(rewrite('/assets/index-abc123.js')).toBe('/assets/index-abc123.js');
    expect(rewrite('/config.json')).toBe('/config.json');
    expect(rewrite('/favicon.svg')).toBe('/favicon.svg');
  });
});

/** A template string with its references written {Ref} and {Id.Attribute}, to read it whole. */
function flatten(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { 'Fn::Join'?: [string, unknown[]]; Ref?: string; 'Fn::GetAtt'?: [string, string] };
  if (v['Fn::Join']) return v['Fn::Join'][1].map(flatten).join(v['Fn::Join'][0]);
  if (v.Ref) return `{${v.Ref}}`;
  if (v['Fn::GetAtt']) return `{${v['Fn::GetAtt'].join('.')}}`;
  throw new Error(`Cannot flatten ${JSON.stringify(value)}`);
}

describe('console response headers', () => {
  const policyRef = distribution.DefaultCacheBehavior.ResponseHeadersPolicyId as { Ref: string };
  const config = (
    (json.Resources[policyRef.Ref] ?? { Properties: {} }).Properties as { ResponseHeadersPolicyConfig: any }
  ).ResponseHeadersPolicyConfig;
  const security = config.SecurityHeadersConfig;
  const csp = flatten(security.ContentSecurityPolicy.ContentSecurityPolicy);
  const directives = new Map<string, string[]>(
    csp.split('; ').map((d) => {
      const [name = '', ...sources] = d.split(' ');
      return [name, sources];
    }),
  );

  it("sends the console's Content-Security-Policy, the one npm start sends, with AWS's two origins", () => {
    expect(security.ContentSecurityPolicy.Override).toBe(true);
    const mediaBucket = resourcesOfType<{ BucketName: unknown }>(json, 'AWS::S3::Bucket').find(([, b]) =>
      flatten(b.Properties.BucketName ?? '').includes('-media-'),
    );
    const bucketName = flatten(mediaBucket?.[1].Properties.BucketName);
    expect(csp).toBe(
      consoleCsp({
        uploadOrigin: `https://${bucketName}.s3.{AWS::Region}.{AWS::URLSuffix}`,
        loginOrigin: `https://{${domainId}}.auth.{AWS::Region}.amazoncognito.com`,
      }),
    );
  });

  it('lets no injected script run: scripts and styles from the console only, no plugins, no framing', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('img-src')).toEqual(["'self'"]);
    expect(csp).not.toMatch(/unsafe|\*|data:|blob:/);
    // The presigned POST's target (S3's regional endpoint of the media bucket) and Cognito's token endpoint.
    expect(directives.get('connect-src')).toHaveLength(3);
  });

  it('and the same hardening headers as npm start, over the whole console behaviour only', () => {
    expect(security.FrameOptions).toEqual({
      FrameOption: CONSOLE_SECURITY_HEADERS['X-Frame-Options'],
      Override: true,
    });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.ReferrerPolicy).toEqual({
      ReferrerPolicy: CONSOLE_SECURITY_HEADERS['Referrer-Policy'],
      Override: true,
    });
    expect(security.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 31_536_000,
      Override: true,
    });
    for (const path of [...UNCACHED_API_PATHS, '/v1/*', '/media/*'])
      expect(behaviorFor(path).ResponseHeadersPolicyId).not.toEqual(policyRef);
  });
});

describe('console sign-in (Cognito managed login)', () => {
  it('has its own public client: authorization code flow only, no secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      UserPoolId: ref(logicalIdOf(stack, stack.auth.userPool)),
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      EnableTokenRevocation: true,
    });
  });

  it('sets the callback and logout URLs from the distribution domain', () => {
    const client = json.Resources[clientId]?.Properties as { CallbackURLs: unknown[]; LogoutURLs: unknown[] };
    const url = (path: string) => ({
      'Fn::Join': ['', ['https://', getAtt(distributionId, 'DomainName'), path]],
    });
    expect(client.CallbackURLs).toEqual([url(CALLBACK_PATH)]);
    expect(client.LogoutURLs).toEqual([url('/')]);
  });

  it('has a managed login domain with the newer managed login and its default branding', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    template.hasResourceProperties('AWS::Cognito::ManagedLoginBranding', {
      ClientId: ref(clientId),
      UseCognitoProvidedValues: true,
    });
  });
});

describe('console deployment', () => {
  const deployments = resourcesOfType<{
    DestinationBucketName: unknown;
    DestinationBucketKeyPrefix?: string;
    SourceObjectKeys: string[];
    SourceMarkers: Record<string, unknown>[];
    SystemMetadata?: Record<string, string>;
    DistributionId?: unknown;
    DistributionPaths?: string[];
  }>(json, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties);

  it('deploys the build to the bucket: hashed assets cached for a year, the shell revalidated', () => {
    // The console's two, and the comments widget's two (tests/infra/embed.test.ts).
    expect(deployments).toHaveLength(4);
    for (const d of deployments) expect(d.DestinationBucketName).toEqual(ref(bucketId));
    const assets = deployments.find((d) => d.DestinationBucketKeyPrefix === 'assets/');
    expect(assets?.SystemMetadata?.['cache-control']).toContain('immutable');
    const shell = deployments.find((d) => d.DestinationBucketKeyPrefix === undefined);
    expect(shell?.SystemMetadata?.['cache-control']).toBe('no-cache');
    expect(shell?.DistributionId).toEqual(ref(distributionId));
    expect(shell?.DistributionPaths).toEqual(['/index.html', '/config.json']);
  });

  it('writes /config.json with the managed login domain and the client id, read by the console at run time', () => {
    const shell = deployments.find((d) => d.DestinationBucketKeyPrefix === undefined);
    const index = shell?.SourceMarkers.findIndex((m) => Object.keys(m).length > 0) ?? -1;
    const markers = shell?.SourceMarkers[index] ?? {};
    const key = (shell?.SourceObjectKeys[index] ?? '').replace(/\.zip$/, '');
    const staged = join(outdir, `asset.${key}`, 'config.json');
    expect(existsSync(staged)).toBe(true);
    const config = JSON.parse(readFileSync(staged, 'utf8')) as { auth: Record<string, string> };
    const resolve = (text: string) =>
      text.replace(/<<marker:0xbaba:\d+>>/g, (marker) => JSON.stringify(markers[marker]));
    expect(config.auth.kind).toBe('cognito');
    expect(resolve(config.auth.clientId ?? '')).toBe(JSON.stringify(ref(clientId)));
    expect(resolve(config.auth.domain ?? '')).toBe(
      `${JSON.stringify(ref(domainId))}.auth.${JSON.stringify(ref('AWS::Region'))}.amazoncognito.com`,
    );
  });

  it('outputs ConsoleUrl, the distribution domain', () => {
    expect(json.Outputs?.ConsoleUrl?.Value).toEqual({
      'Fn::Join': ['', ['https://', getAtt(distributionId, 'DomainName'), '/']],
    });
  });
});
