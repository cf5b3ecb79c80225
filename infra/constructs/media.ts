import {
  Aws,
  aws_cloudfront as cloudfront,
  Duration,
  aws_iam as iam,
  type aws_lambda as lambda,
  aws_s3 as s3,
  aws_s3_notifications as s3n,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { FunctionName } from '../../shared/http/routes.ts';
import { ORIGINALS_PREFIX, RENDITIONS_PREFIX } from '../../shared/services/media/layout.ts';
import type { StageConfig } from '../stage.ts';

/**
 * What each function may do in the media bucket, by key prefix: the single map the grants and the
 * tests read. The editorial function signs upload policies (a presigned POST carries the signer's
 * s3:PutObject on the uploads) and deletes an image's files; the rendition function reads uploads,
 * writes renditions, and removes an upload that turned out not to be an image.
 */
export const MEDIA_ACCESS: Partial<
  Record<FunctionName, readonly { action: string; prefixes: readonly string[] }[]>
> = {
  editorial: [
    { action: 's3:PutObject', prefixes: [ORIGINALS_PREFIX] },
    { action: 's3:DeleteObject', prefixes: [ORIGINALS_PREFIX, RENDITIONS_PREFIX] },
  ],
  mediaProcess: [
    { action: 's3:GetObject', prefixes: [ORIGINALS_PREFIX] },
    { action: 's3:PutObject', prefixes: [RENDITIONS_PREFIX] },
    { action: 's3:DeleteObject', prefixes: [ORIGINALS_PREFIX] },
  ],
};

/** What CloudFront may read: originals and renditions, nothing else the bucket may ever hold. */
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
      // Uploads whose form was never completed leave nothing behind.
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
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

  /** Every upload (the originals prefix only) invokes the rendition function. */
  notify(fn: lambda.IFunction): void {
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(fn), {
      prefix: ORIGINALS_PREFIX,
    });
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
