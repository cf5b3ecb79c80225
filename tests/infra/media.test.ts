import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LAMBDA_PLATFORM,
  NATIVE_CACHE_DIR,
  NATIVE_MODULES,
  nativeInstallCommand,
} from '../../infra/constructs/functions.ts';
import { MEDIA_CACHE_SECONDS } from '../../infra/constructs/media.ts';
import { ENV } from '../../shared/env.ts';
import { MEDIA_LIMITS } from '../../shared/schemas/facts.ts';
import {
  logicalIdOf,
  resourcesOfType,
  type Statement,
  statementsOfRole,
  synthesized,
  type TemplateJson,
} from './synth.ts';

/** The media library in the synthesized template: the bucket, who may touch it, and how it is served. */
// Synthesized as the file loads, where no test's timeout runs (shared with the run's other files).
const { stack, template } = await synthesized('dev');
const { template: prod } = await synthesized('prod');
const bucketId = logicalIdOf(stack, stack.media.bucket);
const custom = await synthesized('dev', {
  domain: 'cms.example.org',
  certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666',
});

const asArray = <T>(value: T | T[]) => (Array.isArray(value) ? value : [value]);

/** The bucket's fixed name as the template writes it: stage, account and region. */
const BUCKET_NAME = {
  'Fn::Join': ['', ['cms-dev-media-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
};

/** A statement's resources, with the bucket's ARN (by reference or by its fixed name) written as BUCKET. */
function resourcesOf(statement: Statement): string[] {
  return asArray(statement.Resource).map((r) =>
    JSON.stringify(r)
      .replace(new RegExp(`\\{"Fn::GetAtt":\\["${bucketId}","Arn"\\]\\}`, 'g'), 'BUCKET')
      .replace(
        /"arn:",\{"Ref":"AWS::Partition"\},":s3:::cms-dev-media-",\{"Ref":"AWS::AccountId"\},"-",\{"Ref":"AWS::Region"\},"/g,
        '"BUCKET',
      )
      .replace(/^\{"Fn::Join":\["",\[(.*)\]\]\}$/, '$1')
      .replace(/"/g, '')
      .replace(/,/g, ''),
  );
}

function roleOfFunction(name: 'editorial' | 'mediaProcess'): string {
  const fn = template.Resources[logicalIdOf(stack, stack.functions.byName[name])] as unknown as {
    Properties: { Role: { 'Fn::GetAtt': [string, string] } };
  };
  return fn.Properties.Role['Fn::GetAtt'][0];
}

/** "action on resource" for every statement of a role that is not about DynamoDB or logs. */
function s3Grants(name: 'editorial' | 'mediaProcess'): string[] {
  return statementsOfRole(template, roleOfFunction(name))
    .flatMap((statement) => {
      const actions = asArray(statement.Action).filter((a) => a.startsWith('s3:') || a === '*');
      return actions.flatMap((action) => resourcesOf(statement).map((r) => `${action} on ${r}`));
    })
    .sort();
}

describe('the media bucket', () => {
  it('is private, encrypted, owner-enforced, and versioned in prod only', () => {
    const bucket = template.Resources[bucketId]?.Properties as Record<string, unknown>;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(bucket.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(bucket.VersioningConfiguration).toBeUndefined();
    // Uploads nothing was told of are removed after a day (the processing removes the others).
    expect((bucket.LifecycleConfiguration as { Rules: unknown[] }).Rules).toContainEqual({
      Prefix: 'media/incoming/',
      ExpirationInDays: 1,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      Status: 'Enabled',
    });
    expect(bucket.BucketName).toEqual(BUCKET_NAME);
    const prodBucket = resourcesOfType<Record<string, unknown>>(prod, 'AWS::S3::Bucket').find(([id]) =>
      id.startsWith('MediaBucket'),
    );
    expect(prodBucket?.[1].Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(prodBucket?.[1].DeletionPolicy).toBe('Retain');
  });

  it('is readable by this distribution alone, and only originals and renditions; TLS only', () => {
    const [, policy] =
      resourcesOfType<{
        Bucket: unknown;
        PolicyDocument: { Statement: (Statement & Record<string, unknown>)[] };
      }>(template, 'AWS::S3::BucketPolicy').find(
        ([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify({ Ref: bucketId }),
      ) ?? [];
    const statements = policy?.Properties.PolicyDocument.Statement ?? [];
    const reads = statements.filter((s) => asArray(s.Action).includes('s3:GetObject'));
    expect(reads).toHaveLength(1);
    const [read] = reads;
    expect(read?.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(resourcesOf(read as Statement).sort()).toEqual([
      'BUCKET/media/originals/*',
      'BUCKET/media/renditions/*',
    ]);
    const distributionId = logicalIdOf(stack, stack.console.distribution);
    expect(JSON.stringify(read?.Condition)).toContain('AWS:SourceArn');
    expect(JSON.stringify(read?.Condition)).toContain(`{"Ref":"${distributionId}"}`);
    // enforceSSL: every request without TLS is denied.
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('takes browser uploads from the console’s origin only: the distribution’s, or the custom domain', () => {
    const distributionId = logicalIdOf(stack, stack.console.distribution);
    const bucket = template.Resources[bucketId]?.Properties as Record<string, unknown>;
    expect(bucket.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['POST'],
          AllowedOrigins: [
            { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] },
          ],
          AllowedHeaders: ['*'],
          MaxAge: 3000,
        },
      ],
    });
    const customTemplate = custom.template;
    const customBucket = customTemplate.Resources[logicalIdOf(custom.stack, custom.stack.media.bucket)]
      ?.Properties as { CorsConfiguration: { CorsRules: { AllowedOrigins: unknown }[] } };
    expect(customBucket.CorsConfiguration.CorsRules.map((rule) => rule.AllowedOrigins)).toEqual([
      ['https://cms.example.org'],
    ]);
    // CloudFront reaches the bucket by its fixed name: the distribution needs nothing of the bucket.
    const distribution = JSON.stringify(template.Resources[distributionId]);
    expect(distribution).not.toContain(`"${bucketId}"`);
  });

  it('announces each upload (the uploads prefix, never served) to the rendition function', () => {
    const [, notifications] =
      resourcesOfType<{
        BucketName: unknown;
        NotificationConfiguration: {
          LambdaFunctionConfigurations: {
            Events: string[];
            Filter: unknown;
            LambdaFunctionArn: unknown;
          }[];
        };
      }>(template, 'Custom::S3BucketNotifications')[0] ?? [];
    expect(notifications?.Properties.BucketName).toEqual({ Ref: bucketId });
    const fnId = logicalIdOf(stack, stack.functions.byName.mediaProcess);
    expect(notifications?.Properties.NotificationConfiguration.LambdaFunctionConfigurations).toEqual([
      {
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'media/incoming/' }] } },
        LambdaFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] },
      },
    ]);
  });
});

describe('the rendition function', () => {
  it('runs on arm64 with the memory and time a 20 MB photograph needs', () => {
    const fn = template.Resources[logicalIdOf(stack, stack.functions.byName.mediaProcess)]
      ?.Properties as Record<string, unknown>;
    expect(fn.Architectures).toEqual(['arm64']);
    expect(fn.MemorySize).toBe(1536);
    expect(fn.Timeout).toBe(60);
    // By its fixed name, not a reference: the function does not depend on the bucket resource.
    expect((fn.Environment as { Variables: Record<string, unknown> }).Variables[ENV.mediaBucket]).toEqual(
      BUCKET_NAME,
    );
  });

  it('may read and remove uploads, read originals (to cut crops again), write and remove originals and renditions: nothing else in S3', () => {
    expect(s3Grants('mediaProcess')).toEqual([
      's3:DeleteObject on BUCKET/media/incoming/*',
      's3:DeleteObject on BUCKET/media/originals/*',
      's3:DeleteObject on BUCKET/media/renditions/*',
      's3:GetObject on BUCKET/media/incoming/*',
      's3:GetObject on BUCKET/media/originals/*',
      's3:PutObject on BUCKET/media/originals/*',
      's3:PutObject on BUCKET/media/renditions/*',
    ]);
  });

  it('is retried twice after a failure, then dead-letters the upload into a queue that alarms', () => {
    const fnId = logicalIdOf(stack, stack.functions.byName.mediaProcess);
    const queueId = logicalIdOf(stack, stack.media.deadLetters);
    const configs = resourcesOfType<{
      FunctionName: unknown;
      MaximumRetryAttempts: number;
      MaximumEventAgeInSeconds: number;
      DestinationConfig: { OnFailure: { Destination: unknown } };
    }>(template, 'AWS::Lambda::EventInvokeConfig').filter(
      ([, c]) => JSON.stringify(c.Properties.FunctionName) === JSON.stringify({ Ref: fnId }),
    );
    expect(configs).toHaveLength(1);
    const config = configs[0]?.[1].Properties;
    expect(config?.MaximumRetryAttempts).toBe(2);
    expect(config?.MaximumEventAgeInSeconds).toBe(MEDIA_LIMITS.processingSeconds);
    expect(config?.DestinationConfig.OnFailure.Destination).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    // A record waits for its upload longer than the form is valid and the retries go on.
    expect(MEDIA_LIMITS.pendingSeconds).toBeGreaterThan(
      MEDIA_LIMITS.uploadSeconds + MEDIA_LIMITS.processingSeconds,
    );
    const [, alarm] =
      resourcesOfType<{
        AlarmName: string;
        Dimensions: { Name: string; Value: unknown }[];
        MetricName: string;
        Threshold: number;
        AlarmActions: unknown[];
      }>(template, 'AWS::CloudWatch::Alarm').find(([, a]) =>
        JSON.stringify(a.Properties.AlarmName).includes('MediaDeadLetters'),
      ) ?? [];
    expect(alarm?.Properties.MetricName).toBe('ApproximateNumberOfMessagesVisible');
    expect(alarm?.Properties.Dimensions).toEqual([
      { Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } },
    ]);
    expect(alarm?.Properties.Threshold).toBe(0);
    expect(alarm?.Properties.AlarmActions).toHaveLength(1);
  });

  it('may read and complete media records: GetItem and UpdateItem on the content table only', () => {
    const dynamo = statementsOfRole(template, roleOfFunction('mediaProcess')).flatMap((s) =>
      asArray(s.Action).filter((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo.sort()).toEqual(['dynamodb:GetItem', 'dynamodb:UpdateItem']);
  });

  it("installs sharp for Lambda's platform once, into a cache keyed by platform and pinned version", () => {
    expect(NATIVE_MODULES.mediaProcess).toEqual(['sharp']);
    const command = nativeInstallCommand('/out', ['sharp'], '/project');
    const { os, cpu, libc } = LAMBDA_PLATFORM;
    expect(command).toContain(`--os=${os} --cpu=${cpu} --libc=${libc}`);
    expect(command).toMatch(
      new RegExp(`cache="/project/${NATIVE_CACHE_DIR}/${os}-${cpu}-${libc}/sharp@\\d+\\.\\d+\\.\\d+"`),
    );
    expect(command).toMatch(/ sharp@\d+\.\d+\.\d+ /);
  });

  it('a synth with the cache filled copies it beside the bundle and runs no npm', () => {
    const root = mkdtempSync(join(tmpdir(), 'native-cache-'));
    try {
      const command = nativeInstallCommand(join(root, 'out'), ['sharp'], root);
      const cache = /cache="([^"]+)"/.exec(command)?.[1] ?? '';
      mkdirSync(join(cache, 'node_modules', '@img', 'sharp-linux-arm64'), { recursive: true });
      writeFileSync(join(cache, 'node_modules', '@img', 'sharp-linux-arm64', 'marker'), 'cached');
      writeFileSync(join(cache, '.complete'), '');
      mkdirSync(join(root, 'out'));
      // An npm that fails: an install attempt would fail the command.
      mkdirSync(join(root, 'bin'));
      writeFileSync(join(root, 'bin', 'npm'), '#!/bin/sh\nexit 97\n', { mode: 0o755 });
      execFileSync('bash', ['-c', command], {
        env: { PATH: `${join(root, 'bin')}:/usr/bin:/bin` },
        stdio: 'pipe',
      });
      expect(
        readFileSync(join(root, 'out', 'node_modules', '@img', 'sharp-linux-arm64', 'marker'), 'utf8'),
      ).toBe('cached');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the editorial function and the bucket', () => {
  it('may sign upload policies (PutObject on uploads only) and delete media files: nothing else', () => {
    expect(s3Grants('editorial')).toEqual([
      's3:DeleteObject on BUCKET/media/incoming/*',
      's3:DeleteObject on BUCKET/media/originals/*',
      's3:DeleteObject on BUCKET/media/renditions/*',
      's3:PutObject on BUCKET/media/incoming/*',
    ]);
  });
});

describe('serving media through CloudFront', () => {
  it('routes /media/* to the bucket through Origin Access Control, cached for a year', () => {
    const [, distribution] =
      resourcesOfType<{
        DistributionConfig: {
          Origins: {
            Id: string;
            DomainName: unknown;
            OriginAccessControlId?: unknown;
            S3OriginConfig?: unknown;
          }[];
          CacheBehaviors: {
            PathPattern: string;
            TargetOriginId: string;
            CachePolicyId: unknown;
            AllowedMethods: string[];
          }[];
        };
      }>(template, 'AWS::CloudFront::Distribution')[0] ?? [];
    const config = distribution?.Properties.DistributionConfig;
    const behaviour = config?.CacheBehaviors.find((b) => b.PathPattern === '/media/*');
    expect(behaviour?.AllowedMethods).toEqual(['GET', 'HEAD']);
    const origin = config?.Origins.find((o) => o.Id === behaviour?.TargetOriginId);
    // The bucket's regional endpoint, from its fixed name.
    expect(origin?.DomainName).toEqual({
      'Fn::Join': [
        '',
        [
          'cms-dev-media-',
          { Ref: 'AWS::AccountId' },
          '-',
          { Ref: 'AWS::Region' },
          '.s3.',
          { Ref: 'AWS::Region' },
          '.',
          { Ref: 'AWS::URLSuffix' },
        ],
      ],
    });
    expect(origin?.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [expect.any(String), 'Id'] });
    expect(origin?.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });

    const policyId = (behaviour?.CachePolicyId as { Ref: string } | undefined)?.Ref ?? '';
    const cache = template.Resources[policyId]?.Properties as {
      CachePolicyConfig: { DefaultTTL: number; MaxTTL: number; MinTTL: number };
    };
    expect(cache.CachePolicyConfig.DefaultTTL).toBe(MEDIA_CACHE_SECONDS);
    expect(cache.CachePolicyConfig.MaxTTL).toBe(MEDIA_CACHE_SECONDS);
    expect(MEDIA_CACHE_SECONDS).toBe(31_536_000);
  });
});
