import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  Aws,
  type aws_apigateway as apigateway,
  aws_cloudfront as cloudfront,
  aws_cognito as cognito,
  Duration,
  aws_cloudfront_origins as origins,
  SecretValue,
  aws_s3 as s3,
  aws_s3_deployment as s3deploy,
  type aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ORIGIN_SECRET_HEADER } from '../../shared/http/clientAddress.ts';
import { cachedQueryParameters } from '../../shared/http/routes.ts';
import { consoleCsp } from '../consoleCsp.ts';
import { originOf } from '../domain.ts';
import { EMBED_LOADER, LOADER_CACHE_SECONDS, VERSION_CACHE_SECONDS } from '../embed.ts';
import type { StageConfig } from '../stage.ts';
import {
  CALLBACK_PATH,
  PUBLIC_API_HEADERS,
  SPA_FUNCTION_CODE,
  UNCACHED_API_PATHS,
} from './consoleRouting.ts';
import { distributionDomainProps } from './customDomain.ts';
import { MEDIA_CACHE_SECONDS, type MediaLibrary, MediaOrigin } from './media.ts';

export interface ConsoleProps {
  readonly stage: StageConfig;
  readonly restApi: apigateway.RestApi;
  readonly userPool: cognito.IUserPool;
  /** The media library, served under /media/* from its bucket. */
  readonly media: MediaLibrary;
  /** The Vite build of web/ (web/dist). */
  readonly assetDir: string;
  /**
   * What CloudFront sends the API as X-Origin-Verify. `versionId` pins the value deployed (after a
   * rotation: CloudFormation re-reads a secret only when the reference in the template changes).
   */
  readonly originSecret: { readonly secret: secretsmanager.ISecret; readonly versionId?: string };
}

/**
 * The web console in AWS: a private bucket with the build, served by CloudFront through Origin
 * Access Control, with /v1/* routed to the API on the same origin, and Cognito's managed login
 * (authorization code + PKCE) for signing in.
 */
export class Console extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  readonly url: string;
  /** The console's origin (scheme and host): the custom domain's, or the distribution's. */
  readonly origin: string;

  constructor(
    scope: Construct,
    id: string,
    { stage, restApi, userPool, media, assetDir, originSecret }: ConsoleProps,
  ) {
    super(scope, id);
    if (!existsSync(join(assetDir, 'index.html'))) {
      throw new Error(`No console build in ${assetDir}: run npm start once, or npx vite build web`);
    }

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: stage.removalPolicy,
      autoDeleteObjects: !stage.isProd,
    });

    const spa = new cloudfront.Function(this, 'SpaDeepLinks', {
      comment: 'Console deep links: paths without a file extension get index.html',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(SPA_FUNCTION_CODE),
    });

    // Cognito's managed login for this console (its app client follows the distribution).
    this.domain = new cognito.UserPoolDomain(this, 'Login', {
      userPool,
      cognitoDomain: { domainPrefix: `newsroom-${stage.name}-${Aws.ACCOUNT_ID}` },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const loginHost = `${this.domain.domainName}.auth.${Aws.REGION}.amazoncognito.com`;

    // The console's own headers: its Content-Security-Policy (what it may load and call: itself,
    // the media bucket for uploads, Cognito for tokens) and the usual hardening, all overriding.
    const consoleHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ConsoleHeaders', {
      comment: 'Newsroom console: Content-Security-Policy and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleCsp({
            uploadOrigin: `https://${media.regionalDomainName}`,
            loginOrigin: `https://${loginHost}`,
          }),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
    });

    // Every request CloudFront sends the API carries the origin secret: only with it does the API
    // believe the viewer address. A dynamic reference: the template holds the secret's ARN, and
    // CloudFormation puts the value into the distribution's configuration at deploy time.
    const originSecretValue = SecretValue.secretsManager(
      originSecret.secret.secretArn,
      originSecret.versionId ? { versionId: originSecret.versionId } : {},
    );
    const api = new origins.RestApiOrigin(restApi, {
      customHeaders: { [ORIGIN_SECRET_HEADER]: originSecretValue.unsafeUnwrap() },
    });
    const uncached: cloudfront.BehaviorOptions = {
      origin: api,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // With caching disabled, this policy forwards Authorization (and If-Match) to the API.
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    // Public reads: cached as the API says (Cache-Control), keyed by the query parameters the API
    // reads (from the route table): `?utm_...` variants of a page share one copy.
    const publicApiCache = new cloudfront.CachePolicy(this, 'PublicApiCache', {
      comment: 'Public API reads: the origin Cache-Control decides, keyed by the parameters the API reads',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(1),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.allowList(...cachedQueryParameters()),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
    });

    // Media keys are immutable (a new upload is a new id): a year at the edge and in browsers.
    const mediaCache = new cloudfront.CachePolicy(this, 'MediaCache', {
      comment: 'Media library originals and renditions: immutable keys, cached for a year',
      minTtl: Duration.days(1),
      defaultTtl: Duration.seconds(MEDIA_CACHE_SECONDS),
      maxTtl: Duration.seconds(MEDIA_CACHE_SECONDS),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    });
    const mediaAccess = new cloudfront.S3OriginAccessControl(this, 'MediaAccess', {
      description: 'CloudFront reads the media bucket (originals and renditions)',
    });

    const publicApiRequest = new cloudfront.OriginRequestPolicy(this, 'PublicApiRequest', {
      comment: 'Public API: the headers it reads, and the viewer address that tells readers apart',
      headerBehavior: cloudfront.OriginRequestHeaderBehavior.allowList(...PUBLIC_API_HEADERS),
      queryStringBehavior: cloudfront.OriginRequestQueryStringBehavior.all(),
      cookieBehavior: cloudfront.OriginRequestCookieBehavior.none(),
    });

    // The comments widget, loaded by the newsroom's own pages: none of the console's headers (its
    // CSP and frame rules are for the console's document, not for a script other sites run), CORS
    // for the site origins (a module script is fetched in CORS mode), readable cross-origin.
    const embedHeaders = new cloudfront.ResponseHeadersPolicy(this, 'EmbedHeaders', {
      comment: 'Comments widget: CORS for the newsroom site origins',
      ...(stage.siteOrigins.length > 0
        ? {
            corsBehavior: {
              accessControlAllowOrigins: [...stage.siteOrigins],
              accessControlAllowMethods: ['GET', 'HEAD'],
              accessControlAllowHeaders: ['*'],
              accessControlAllowCredentials: false,
              originOverride: true,
            },
          }
        : {}),
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [{ header: 'Cross-Origin-Resource-Policy', value: 'cross-origin', override: true }],
      },
    });
    const consoleOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Newsroom CMS console (${stage.name})`,
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      ...distributionDomainProps(this, stage.domain),
      defaultBehavior: {
        origin: consoleOrigin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: consoleHeaders,
        compress: true,
        functionAssociations: [{ function: spa, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/embed/*': {
          origin: consoleOrigin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          responseHeadersPolicy: embedHeaders,
          compress: true,
        },
        '/media/*': {
          origin: new MediaOrigin(media, mediaAccess),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: mediaCache,
          responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
          // Images are compressed already.
          compress: false,
        },
        ...Object.fromEntries(UNCACHED_API_PATHS.map((path) => [path, uncached])),
        '/v1/*': {
          ...uncached,
          cachePolicy: publicApiCache,
          originRequestPolicy: publicApiRequest,
        },
      },
    });
    // The newsroom's own host when it has one: login callbacks and links use it.
    const origin = stage.domain
      ? originOf(stage.domain)
      : `https://${this.distribution.distributionDomainName}`;
    this.url = `${origin}/`;
    this.origin = origin;

    // Cognito's managed login, for this console only: code flow with PKCE, a public client.
    this.client = new cognito.UserPoolClient(this, 'Client', {
      userPool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${origin}${CALLBACK_PATH}`],
        logoutUrls: [`${origin}/`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    new cognito.CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });

    // Hashed build files never change: cached for a year. The shell and its run-time config
    // (read by the console at start: which Cognito domain and client) are revalidated each time.
    new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [s3deploy.Source.asset(join(assetDir, 'assets'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'assets/',
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(Duration.days(365)),
        s3deploy.CacheControl.immutable(),
      ],
      prune: false,
    });
    new s3deploy.BucketDeployment(this, 'DeployShell', {
      sources: [
        s3deploy.Source.asset(assetDir, {
          exclude: ['assets', 'assets/**', 'embed', 'embed/**', '.source-hash'],
        }),
        s3deploy.Source.jsonData('config.json', {
          auth: {
            kind: 'cognito',
            domain: loginHost,
            clientId: this.client.userPoolClientId,
          },
        }),
      ],
      destinationBucket: this.bucket,
      cacheControl: [s3deploy.CacheControl.noCache()],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
    });

    // The widget: versioned modules for a year (a build never changes one), and the stable loader
    // pages name, revalidated after a few minutes and invalidated on deploy, so a new version
    // reaches pages at once. Versions are not pruned: a page holding a cached loader still finds
    // the module it names.
    const embedDir = join(assetDir, 'embed');
    if (!existsSync(join(embedDir, EMBED_LOADER))) {
      throw new Error(`No comments widget build in ${embedDir}: run npm start once`);
    }
    new s3deploy.BucketDeployment(this, 'DeployEmbedVersions', {
      sources: [s3deploy.Source.asset(embedDir, { exclude: [EMBED_LOADER] })],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'embed/',
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(Duration.seconds(VERSION_CACHE_SECONDS)),
        s3deploy.CacheControl.immutable(),
      ],
      contentType: 'text/javascript; charset=utf-8',
      prune: false,
    });
    new s3deploy.BucketDeployment(this, 'DeployEmbedLoader', {
      sources: [s3deploy.Source.data(EMBED_LOADER, readFileSync(join(embedDir, EMBED_LOADER), 'utf8'))],
      destinationBucket: this.bucket,
      destinationKeyPrefix: 'embed/',
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(Duration.seconds(LOADER_CACHE_SECONDS)),
      ],
      contentType: 'text/javascript; charset=utf-8',
      prune: false,
      distribution: this.distribution,
      distributionPaths: [`/embed/${EMBED_LOADER}`],
    });
  }
}
