import type { Acknowledgment, CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { gatewayMethods, ROUTES } from '../shared/http/routes.ts';
import { INCOMING_PREFIX, ORIGINALS_PREFIX, RENDITIONS_PREFIX } from '../shared/services/media/layout.ts';
import { CONTENT_TABLE, type TableDefinition } from '../shared/store/tables.ts';

/**
 * Every cdk-nag AwsSolutions finding this stack accepts, with the reason, in one place (applied to
 * the constructs by ./nagAcknowledge.ts). What could
 * be fixed was fixed instead (Node.js 24 runtime, API execution logging, a request validator,
 * symbols in passwords, a path-parameter validator). tests/infra/nag.test.ts synthesizes both stages with the checks and fails
 * on any finding not listed here.
 *
 * `paths` are construct paths below the stack; a path ending in `*` matches every child whose id
 * starts with what comes before it (CDK's custom resources carry a hash in their ids).
 */
export interface NagSuppressionGroup {
  readonly paths: readonly string[];
  /** cdk-nag 3 acknowledges each finding by its full id, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  readonly rules: readonly Acknowledgment[];
}

const PUBLIC_METHODS = ROUTES.filter((route) => route.access === 'public').flatMap((route) =>
  gatewayMethods(route).map((method) => `Api/RestApi/Default${route.path}/${method}`),
);
const OWN_FUNCTIONS = ['publicRead', 'editorial', 'commentSubmit', 'moderation', 'preview', 'docs'] as const;

const CDK_CUSTOM_RESOURCE =
  "A custom resource CDK itself provides (the console's S3 deployment, the media bucket's upload notification, and the bucket auto-delete in dev stages): its runtime, managed policy and S3 wildcards are CDK's, run only during deployments, and are not configurable here.";

/**
 * What the suppressions read of the stack (CmsStack has it), written structurally so this module
 * and the stack, which calls it, do not import each other.
 */
export interface NaggedStack extends Stack {
  readonly stage: { readonly name: string; readonly domain?: unknown };
  readonly data: { table(definition: TableDefinition): IConstruct };
  readonly publishing: { readonly scheduleGroup: { readonly name?: string | undefined } };
  readonly functions: { readonly byName: { readonly scheduledPublish: IConstruct } };
  readonly console: { readonly bucket: IConstruct };
}

/** The suppressions for this stack: wildcard findings name logical ids, so they are computed. */
export function nagSuppressions(stack: NaggedStack): readonly NagSuppressionGroup[] {
  const arnOf = (construct: IConstruct) =>
    `<${stack.getLogicalId(construct.node.defaultChild as CfnResource)}.Arn>`;
  const contentIndexes = `Resource::${arnOf(stack.data.table(CONTENT_TABLE))}/index/*`;
  const schedules = `Resource::arn:<AWS::Partition>:scheduler:<AWS::Region>:<AWS::AccountId>:schedule/${stack.publishing.scheduleGroup.name}/*`;
  const scheduledPublish = `Resource::${arnOf(stack.functions.byName.scheduledPublish)}:*`;
  const consoleObjects = `Resource::${arnOf(stack.console.bucket)}/*`;
  // Granted by name (infra/constructs/media.ts: mediaBucketName), as cdk-nag prints it.
  const mediaObjects = (prefix: string) =>
    `Resource::arn:<AWS::Partition>:s3:::cms-${stack.stage.name}-media-<AWS::AccountId>-<AWS::Region>/${prefix}*`;
  const lambdaBasic = 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';
  const cdkWildcards = [
    'Action::s3:Abort*',
    'Action::s3:DeleteObject*',
    'Action::s3:GetBucket*',
    'Action::s3:GetObject*',
    'Action::s3:List*',
    'Resource::*',
    consoleObjects,
    'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
  ];
  return [
    {
      paths: PUBLIC_METHODS,
      rules: [
        {
          id: 'AwsSolutions-APIG4',
          reason:
            'Public by design: live articles, approved comments, comment submission (throttled per method, WAF in prod), the OpenAPI document, and preview links (the path carries an HMAC-signed, expiring token checked by the function).',
        },
        {
          id: 'AwsSolutions-COG4',
          reason:
            'Readers and frontends have no account: these routes are the public product. Every route under /v1/admin uses the Cognito authorizer (asserted in tests/infra/stack.test.ts).',
        },
      ],
    },
    {
      paths: [
        'Functions/CursorSecret',
        'Functions/PreviewSecret',
        'Functions/FingerprintSecret',
        'Functions/OriginSecret',
      ],
      rules: [
        {
          id: 'AwsSolutions-SMG4',
          reason:
            'HMAC keys and a shared header value, not credentials to a system. Rotating the cursor key turns every open list cursor into a 400 (clients restart the list), the preview key every outstanding preview link into a 404, the fingerprint key forgets flood and duplicate markers (up to a day). The origin secret reaches CloudFront only by a deploy, so a rotation is a put-secret-value then a deploy pinned to the new version, with both values accepted between (docs/runbook.md). Rotated by hand.',
        },
      ],
    },
    {
      paths: [
        ...OWN_FUNCTIONS,
        'scheduledPublish',
        'mediaProcess',
        'eventRelay',
        'cdnPurge',
        'adminMfaGate',
      ].map((name) => `Functions/${name}/ServiceRole`),
      rules: [
        {
          id: `AwsSolutions-IAM4[${lambdaBasic}]`,
          reason:
            "Lambda's basic execution policy: CloudWatch Logs writes only. Every data, secret and event permission is an explicit statement scoped to its resource (asserted in tests/infra/stack.test.ts and secrets.test.ts).",
        },
      ],
    },
    {
      paths: [
        'Functions/editorial/ServiceRole/DefaultPolicy',
        'Functions/scheduledPublish/ServiceRole/DefaultPolicy',
      ],
      rules: [
        {
          id: `AwsSolutions-IAM5[${contentIndexes}]`,
          reason:
            'Query on the indexes of the content table only (the editorial lists use each of them); no Scan and no other table, and the table-level actions are listed one by one.',
        },
        {
          id: `AwsSolutions-IAM5[${schedules}]`,
          reason:
            "One EventBridge Scheduler schedule per scheduled article, named at run time: create and delete only, inside this stage's own schedule group.",
        },
      ],
    },
    {
      paths: [
        'Functions/editorial/ServiceRole/DefaultPolicy',
        'Functions/mediaProcess/ServiceRole/DefaultPolicy',
      ],
      rules: [
        {
          id: `AwsSolutions-IAM5[${mediaObjects(INCOMING_PREFIX)}]`,
          reason:
            'Uploads are named by media ids made at run time: the uploads prefix only, never served. The editorial function signs upload policies (PutObject) and deletes an upload of an image it deletes; the rendition function reads uploads and removes each once handled. Exact actions per function in infra/constructs/media.ts, asserted in tests/infra/media.test.ts.',
        },
        {
          id: `AwsSolutions-IAM5[${mediaObjects(ORIGINALS_PREFIX)}]`,
          reason:
            'Originals are named by media id and the digest of their bytes at run time: the originals prefix only. The rendition function copies an upload there and removes one that lost a race to complete its record; the editorial function deletes those of an image it deletes.',
        },
        {
          id: `AwsSolutions-IAM5[${mediaObjects(RENDITIONS_PREFIX)}]`,
          reason:
            'Renditions are named by media id, digest and width at run time: the renditions prefix only. The rendition function writes them (and removes those of an upload that lost a race), the editorial function deletes those of an image it deletes; nothing else.',
        },
      ],
    },
    {
      paths: ['Media/Bucket'],
      rules: [
        {
          id: 'AwsSolutions-S1',
          reason:
            'Uploads arrive only through presigned POSTs the API signs (recorded with their uploader), and CloudFront alone reads the bucket; server access logs would record those same requests again. Enable with a log bucket if the newsroom needs per-object access audits.',
        },
      ],
    },
    {
      paths: ['Publishing/SchedulerRole/DefaultPolicy'],
      rules: [
        {
          id: `AwsSolutions-IAM5[${scheduledPublish}]`,
          reason:
            "lambda:InvokeFunction on the scheduled-publish function and its versions (CDK's grantInvoke form); the scheduler can invoke nothing else.",
        },
      ],
    },
    {
      paths: ['Outbox/EventDeadLetters'],
      rules: [
        {
          id: 'AwsSolutions-SQS3',
          reason:
            "This queue is itself the on-failure destination of the outbox's stream mappings (records the relay could not deliver after its retries); a dead-letter queue of a dead-letter queue would only move the problem. Its alarm fires on the first message.",
        },
      ],
    },
    {
      paths: ['Data/Backups/Plan/Tables/Role'],
      rules: [
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
          reason:
            "AWS Backup's own policy for taking backups, kept current by AWS as services add backup APIs; the role is assumable by AWS Backup only and selected for the two tables.",
        },
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores]',
          reason:
            "AWS Backup's own policy for restores, so a restore from the vault needs no extra role at the worst moment.",
        },
      ],
    },
    {
      paths: ['CdnPurge/PurgeDeadLetters'],
      rules: [
        {
          id: 'AwsSolutions-SQS3',
          reason:
            "This queue is itself the dead-letter queue of the CDN purge (the bus rule's target and the purge function's on-failure destination); a dead-letter queue of a dead-letter queue would only move the problem. Its alarm fires on the first message.",
        },
      ],
    },
    {
      paths: ['Media/ProcessDeadLetters'],
      rules: [
        {
          id: 'AwsSolutions-SQS3',
          reason:
            "This queue is itself the dead-letter queue of the rendition function (its asynchronous invocations' on-failure destination); a dead-letter queue of a dead-letter queue would only move the problem. Its alarm fires on the first message.",
        },
      ],
    },
    {
      paths: ['Publishing/ScheduleDeadLetters'],
      rules: [
        {
          id: 'AwsSolutions-SQS3',
          reason:
            'This queue is itself the dead-letter queue of the publish schedules (set on each schedule at run time, which cdk-nag cannot see); a dead-letter queue of a dead-letter queue would only move the problem.',
        },
      ],
    },
    {
      paths: ['Api/RestApi'],
      rules: [
        {
          id: 'AwsSolutions-APIG3',
          reason:
            'The WAF (a rate rule per client address on the public comment route) is on in prod and optional elsewhere (-c commentWaf=true); every route is throttled per method, and dev stages are not public products.',
        },
        {
          id: 'AwsSolutions-APIG2',
          reason:
            "The API's validator checks each method's path parameters. Bodies, queries and If-Match are validated by the dispatcher from the same route declarations (zod), so a refusal is an RFC 9457 problem with per-field errors; a gateway body validator would need the schemas twice and answer in its own format.",
        },
      ],
    },
    {
      paths: ['Api/RestApi/CloudWatchRole'],
      rules: [
        {
          id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
          reason:
            "The account-level role API Gateway needs to write access and execution logs; AWS's managed policy for exactly that purpose, kept current by AWS.",
        },
      ],
    },
    {
      paths: ['Auth/UserPool'],
      rules: [
        {
          id: 'AwsSolutions-COG2',
          reason:
            'MFA is optional pool-wide (TOTP) because Cognito cannot require it per group; it is required of admins by the pre-token-generation trigger (functions/adminMfaGate.ts).',
        },
        {
          id: 'AwsSolutions-COG3',
          reason:
            'Threat protection (advanced security) needs the Plus feature plan, priced per active user; sign-in is invite-only, passwords are long, admins need TOTP. Revisit if the newsroom grows.',
        },
        {
          id: 'AwsSolutions-COG8',
          reason:
            'The Plus feature plan is priced per active user; its threat protection is weighed against invite-only sign-in, 12-character passwords and TOTP for admins (see COG3).',
        },
      ],
    },
    {
      paths: ['Console/Bucket'],
      rules: [
        {
          id: 'AwsSolutions-S1',
          reason:
            "The console's build only, readable by CloudFront alone (Origin Access Control, public access blocked) and written only by the deployment; server access logs would record CloudFront's own reads.",
        },
      ],
    },
    {
      paths: ['Console/Distribution'],
      rules: [
        {
          id: 'AwsSolutions-CFR3',
          reason:
            "Standard logs need a log bucket with ACLs enabled; the API behind /v1 has its own access logs. Enable when the newsroom wants viewer analytics of the console's static files.",
        },
        // With -c domain, the distribution has its own certificate and TLSv1.2_2021: nothing to accept.
        ...(stack.stage.domain
          ? []
          : [
              {
                id: 'AwsSolutions-CFR4',
                reason:
                  "Without -c domain the distribution uses CloudFront's default *.cloudfront.net certificate, whose minimum protocol cannot be set; with a custom domain and its own certificate the floor is TLSv1.2_2021.",
              },
            ]),
        {
          id: 'AwsSolutions-CFR1',
          reason: 'A newsroom is read and edited from anywhere: no geographic restriction.',
        },
        {
          id: 'AwsSolutions-CFR2',
          reason:
            'The console is static files; the API behind it is throttled per method, with a WAF on the public comment route in prod.',
        },
      ],
    },
    {
      paths: [
        'Custom::CDKBucketDeployment*',
        'Custom::S3AutoDeleteObjectsCustomResourceProvider*',
        'BucketNotificationsHandler*',
      ],
      rules: [
        { id: 'AwsSolutions-L1', reason: CDK_CUSTOM_RESOURCE },
        { id: `AwsSolutions-IAM4[${lambdaBasic}]`, reason: CDK_CUSTOM_RESOURCE },
        ...cdkWildcards.map((finding) => ({
          id: `AwsSolutions-IAM5[${finding}]`,
          reason: CDK_CUSTOM_RESOURCE,
        })),
      ],
    },
  ];
}
