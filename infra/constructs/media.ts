import {
  Aws,
  aws_cloudfront as cloudfront,
  Duration,
  aws_lambda_destinations as destinations,
  aws_iam as iam,
  type aws_lambda as lambda,
  aws_s3 as s3,
  aws_s3_notifications as s3n,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { FunctionName } from '../../shared/http/routes.ts';
import { MEDIA_LIMITS } from '../../shared/schemas/facts.ts';
import { INCOMING_PREFIX, ORIGINALS_PREFIX, RENDITIONS_PREFIX } from '../../shared/services/media/layout.ts';
import type { StageConfig } from '../stage.ts';
import type { Alarms } from './alarms.ts';

/**
 * What each function may do in the media bucket, by key prefix: the single map the grants and the
 * tests read. The editorial function signs upload policies (a presigned POST carries the signer's
 * s3:PutObject, on the uploads prefix only) and deletes an image's files; the rendition function
 * reads uploads (and crop requests: an empty object per image, written by the editorial function),
 * writes originals, renditions and crops, and removes uploads once handled (and the files
 * of an upload that lost a race to complete its record). See shared/services/media/layout.ts.
 */
export const MEDIA_ACCESS: Partial<
  Record<FunctionName, readonly { action: string; prefixes: readonly string[] }[]>
> = {
  editorial: [
    { action: 's3:PutObject', prefixes: [INCOMING_PREFIX] },
    { action: 's3:DeleteObject', prefixes: [INCOMING_PREFIX, ORIGINALS_PREFIX, RENDITIONS_PREFIX] },
  ],
  mediaProcess: [
    // Originals too: the crops are cut from them again when a focal point moves (docs/crops.md).
    { action: 's3:GetObject', prefixes: [INCOMING_PREFIX, ORIGINALS_PREFIX] },
    { action: 's3:PutObject', prefixes: [ORIGINALS_PREFIX, RENDITIONS_PREFIX] },
    { action: 's3:DeleteObject', prefixes: [INCOMING_PREFIX, ORIGINALS_PREFIX, RENDITIONS_PREFIX] },
  ],
};

/** How often Lambda retries a failed processing of an upload before it is dead-lettered. */
export const MEDIA_PROCESS_RETRIES = 2;

/** What CloudFront may read: originals and renditions, never an upload, nor anything else. */
export const MEDIA_READABLE = [ORIGINALS_PREFIX, RENDITIONS_PREFIX] as const;

/** Media keys never change (ids are not reused): a year at the edge. */
export const MEDIA_CACHE_SECONDS = 365 * 24 * 60 * 60;

export interface MediaProps {
  readonly stage: StageConfig;
}

/**
 * The media bucket's name, fixed by stage, account and region (at most 58 characters). Because it
 * is known without the bucket, the functions' grants and environment and CloudFront's origin need
 * no token from the bucket resource, so the bucket's CORS rule can name the distribution's domain
 * without a dependency cycle (bucket -> distribution -> API -> functions -> bucket).
 */
export const mediaBucketName = (stageName: string) =>
  `cms-${stageName}-media-${Aws.ACCOUNT_ID}-${Aws.REGION}`;

/**
 * The media library's bucket: private (public access blocked, bucket-owner-enforced ownership),
 * encrypted, TLS only, versioned in production. Browsers upload into it with presigned POSTs
 * (hence CORS for POST), CloudFront alone reads it (see MediaOrigin), and every upload
 * notifies the rendition function.
 */
export class MediaLibrary extends Construct {
  readonly bucket: s3.Bucket;
  /** Uploads whose processing failed every attempt (see process). */
  readonly deadLetters: sqs.Queue;
  /** The bucket's name, from mediaBucketName: no reference to the bucket resource. */
  readonly bucketName: string;
  /** Its regional endpoint, for CloudFront's origin; also no reference to the resource. */
  readonly regionalDomainName: string;

  constructor(scope: Construct, id: string, { stage }: MediaProps) {
    super(scope, id);
    this.bucketName = mediaBucketName(stage.name);
    this.regionalDomainName = `${this.bucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: stage.isProd,
      removalPolicy: stage.removalPolicy,
      autoDeleteObjects: !stage.isProd,
      lifecycleRules: [
        // Uploads whose form was never completed leave nothing behind.
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // The processing removes every upload it is told of; this removes what it never was told
        // of (a notification lost for good), long after any record could still wait for it.
        {
          prefix: INCOMING_PREFIX,
          expiration: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });
    this.deadLetters = new sqs.Queue(this, 'ProcessDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      removalPolicy: stage.removalPolicy,
    });
  }

  /**
   * The console posts files straight to the bucket, from these origins only (its own: the custom
   * domain, or the distribution's). The presigned policy is what admits an upload (key, type,
   * size, expiry, signature); CORS decides which pages may send it with progress and read the answer.
   */
  allowUploadsFrom(origins: readonly string[]): void {
    this.bucket.addCorsRule({
      allowedMethods: [s3.HttpMethods.POST],
      allowedOrigins: [...origins],
      allowedHeaders: ['*'],
      maxAge: 3000,
    });
  }

  /** An object ARN pattern in the bucket, by name (see mediaBucketName). */
  arnForObjects(pattern: string): string {
    return `arn:${Aws.PARTITION}:s3:::${this.bucketName}/${pattern}`;
  }

  /**
   * Every upload (the uploads prefix only) invokes the rendition function, asynchronously. A
   * processing that throws (a storage error) is retried by Lambda, and after its last attempt the
   * event goes to the dead-letter queue, which alarms. Its record, still pending, reads as failed
   * once MEDIA_LIMITS.pendingSeconds have passed (shared/store/mediaStore.ts), which outlasts the
   * form's validity and these retries.
   */
  process(fn: lambda.IFunction, alarms: Alarms): void {
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), {
      prefix: INCOMING_PREFIX,
    });
    fn.configureAsyncInvoke({
      retryAttempts: MEDIA_PROCESS_RETRIES,
      maxEventAge: Duration.seconds(MEDIA_LIMITS.processingSeconds),
      onFailure: new destinations.SqsDestination(this.deadLetters),
    });
    alarms.onDeadLetters(
      'MediaDeadLetters',
      this.deadLetters,
      'Uploads whose processing failed after its retries (their images stay pending, then fail)',
    );
  }

  /** The statements of MEDIA_ACCESS for one function, on this bucket. */
  grant(name: FunctionName, fn: lambda.IFunction): void {
    for (const { action, prefixes } of MEDIA_ACCESS[name] ?? []) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: [action],
          resources: prefixes.map((prefix) => this.arnForObjects(`${prefix}*`)),
        }),
      );
    }
  }
}

/**
 * The media bucket as a CloudFront origin through Origin Access Control, readable by this
 * distribution only and only under MEDIA_READABLE (S3BucketOrigin would grant the whole bucket).
 */
export class MediaOrigin extends cloudfront.OriginBase {
  constructor(
    private readonly media: MediaLibrary,
    private readonly oac: cloudfront.IOriginAccessControl,
  ) {
    super(media.regionalDomainName);
  }

  override bind(scope: Construct, options: cloudfront.OriginBindOptions): cloudfront.OriginBindConfig {
    const config = super.bind(scope, options);
    this.media.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: MEDIA_READABLE.map((prefix) => this.media.bucket.arnForObjects(`${prefix}*`)),
        conditions: {
          StringEquals: {
            'AWS:SourceArn': `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${options.distributionId}`,
          },
        },
      }),
    );
    if (!config.originProperty) throw new Error('The media origin has no origin property');
    return {
      ...config,
      originProperty: { ...config.originProperty, originAccessControlId: this.oac.originAccessControlId },
    };
  }

  /** Origin Access Control, not an identity: the identity field stays empty. */
  protected override renderS3OriginConfig(): cloudfront.CfnDistribution.S3OriginConfigProperty {
    return { originAccessIdentity: '' };
  }
}
