import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DEFAULT_STAGE, stackNameOf } from './deployed.ts';
import { ensureConsoleBuilt } from './local/console.ts';
import { CmsStack } from './stack.ts';

// `cdk deploy -c stage=prod` for production; the default is a disposable dev stage.
const app = new App();
// cdk-nag's AwsSolutions checks: synth fails on a finding infra/nag.ts does not acknowledge with a reason.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
const stage: unknown = app.node.tryGetContext('stage') ?? DEFAULT_STAGE;
if (typeof stage !== 'string') throw new Error('Context "stage" must be a string, e.g. -c stage=prod');

// `-c commentWaf=true|false` overrides the stage's default (on in prod only).
const commentWaf: unknown = app.node.tryGetContext('commentWaf');
if (commentWaf !== undefined && !['true', 'false', true, false].includes(commentWaf as string | boolean)) {
  throw new Error('Context "commentWaf" must be true or false');
}

// `-c webhooks=https://a.example/hook,https://b.example/hook` adds webhook targets for the events.
const webhooks: unknown = app.node.tryGetContext('webhooks');
if (webhooks !== undefined && typeof webhooks !== 'string')
  throw new Error('Context "webhooks" must be a comma-separated list');

// `-c corsOrigins=https://desk.example.org,https://admin.example.org`: origins whose browsers may call
// the token-bearing routes from elsewhere (the console itself is same-origin and needs none).
const corsOrigins: unknown = app.node.tryGetContext('corsOrigins');
if (corsOrigins !== undefined && typeof corsOrigins !== 'string')
  throw new Error('Context "corsOrigins" must be a comma-separated list of origins');

// `-c siteOrigins=https://www.example.org,https://beta.example.org`: the newsroom's sites, whose pages
// may load the comments widget (/embed/comments.js). Nothing else about the API's access changes.
const siteOrigins: unknown = app.node.tryGetContext('siteOrigins');
if (siteOrigins !== undefined && typeof siteOrigins !== 'string')
  throw new Error('Context "siteOrigins" must be a comma-separated list of origins');

// `-c alarmEmail=ops@example.org`: subscribes that address to the alarm topic (it confirms by mail).
const alarmEmail: unknown = app.node.tryGetContext('alarmEmail');
if (
  alarmEmail !== undefined &&
  (typeof alarmEmail !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(alarmEmail))
)
  throw new Error('Context "alarmEmail" must be an email address, e.g. -c alarmEmail=ops@example.org');

// `-c domain=cms.example.org -c certificateArn=arn:aws:acm:us-east-1:...`: the console and the API on
// the newsroom's own host (both or neither; checked in infra/domain.ts). `-c hostedZoneId=Z...` adds
// the alias records to that Route 53 zone; without it, the DnsRecord output says what to create.
const domainContext = Object.fromEntries(
  (['domain', 'certificateArn', 'hostedZoneId'] as const).flatMap((key) => {
    const value: unknown = app.node.tryGetContext(key);
    if (value === undefined) return [];
    if (typeof value !== 'string' || !value.trim())
      throw new Error(`Context "${key}" must be a non-empty string`);
    return [[key, value]];
  }),
) as { domain?: string; certificateArn?: string; hostedZoneId?: string };

// `-c originSecretVersion=<VersionId>`: the origin secret's version CloudFront sends, after a rotation
// (docs/runbook.md: CloudFormation re-reads a secret only when the reference to it changes).
const originSecretVersion: unknown = app.node.tryGetContext('originSecretVersion');
if (
  originSecretVersion !== undefined &&
  (typeof originSecretVersion !== 'string' || !/^[A-Za-z0-9-]{32,64}$/.test(originSecretVersion))
)
  throw new Error('Context "originSecretVersion" must be a secret version id, as put-secret-value prints it');

// The console's build is deployed to S3: (re)build it first when missing or stale.
await ensureConsoleBuilt((line) => console.error(line));

new CmsStack(app, stackNameOf(stage), {
  ...(typeof webhooks === 'string' && webhooks.trim()
    ? { webhooks: webhooks.split(',').map((u) => u.trim()) }
    : {}),
  stage,
  ...(typeof corsOrigins === 'string' && corsOrigins.trim()
    ? { corsOrigins: corsOrigins.split(',').map((o) => o.trim()) }
    : {}),
  ...(typeof siteOrigins === 'string' && siteOrigins.trim()
    ? { siteOrigins: siteOrigins.split(',').map((o) => o.trim()) }
    : {}),
  ...(commentWaf === undefined ? {} : { commentWaf: commentWaf === true || commentWaf === 'true' }),
  ...(typeof alarmEmail === 'string' ? { alarmEmail } : {}),
  ...domainContext,
  ...(typeof originSecretVersion === 'string' ? { originSecretVersion } : {}),
  description: `Newsroom CMS (${stage}): serverless headless CMS`,
});
