import { join } from 'node:path';
import { CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { FUNCTIONS, type FunctionName } from '../shared/http/routes.ts';
import { TABLES } from '../shared/store/tables.ts';
import { Alarms } from './constructs/alarms.ts';
import { Api } from './constructs/api.ts';
import { Auth } from './constructs/auth.ts';
import { CdnPurge } from './constructs/cdnPurge.ts';
import { Console } from './constructs/console.ts';
import { DomainRecords } from './constructs/customDomain.ts';
import { OpsDashboard } from './constructs/dashboard.ts';
import { Data } from './constructs/data.ts';
import { Functions } from './constructs/functions.ts';
import { MediaLibrary } from './constructs/media.ts';
import { Outbox } from './constructs/outbox.ts';
import { Publishing } from './constructs/publishing.ts';
import { CommentShield } from './constructs/waf.ts';
import { OUTPUTS } from './deployed.ts';
import { parseCustomDomain } from './domain.ts';
import { suppressNagFindings } from './nagAcknowledge.ts';
import { type StageConfig, stageConfig } from './stage.ts';

export interface CmsStackProps extends StackProps {
  /** 'prod' is production; anything else is a disposable stage. */
  readonly stage: string;
  /** Put a WAF web ACL in front of the public comment route; defaults to on in prod only. */
  readonly commentWaf?: boolean;
  /** https URLs that receive ArticlePublished / ArticleUnpublished events. */
  readonly webhooks?: readonly string[];
  /** An address subscribed to the alarm topic (`-c alarmEmail=`); subscribe others by hand. */
  readonly alarmEmail?: string;
  /** Origins whose browsers may call the token-bearing routes (`-c corsOrigins=`); none by default. */
  readonly corsOrigins?: readonly string[];
  /** The newsroom's sites, whose pages may load the comments widget (`-c siteOrigins=`). */
  readonly siteOrigins?: readonly string[];
  /**
   * The console's and the API's own host (`-c domain=`), with an ACM certificate for it in
   * us-east-1 (`-c certificateArn=`); both or neither. Checked at synth (infra/domain.ts).
   */
  readonly domain?: string;
  readonly certificateArn?: string;
  /** A Route 53 hosted zone for `domain` (`-c hostedZoneId=`): the stack adds the alias records to it. */
  readonly hostedZoneId?: string;
  /** The built web console; defaults to web/dist (app.ts builds it when missing or stale). */
  readonly consoleDir?: string;
  /**
   * The version of the origin secret CloudFront sends (`-c originSecretVersion=`), after a rotation
   * (docs/runbook.md). Unset: the secret's current value when the distribution was last updated.
   */
  readonly originSecretVersion?: string;
}

/** The functions behind API routes (the others run on schedules, streams and Cognito triggers). */
export const API_FUNCTIONS = (Object.keys(FUNCTIONS) as FunctionName[]).filter(
  (name) => FUNCTIONS[name].trigger === 'api',
);

/** The whole CMS for one stage. Environment-agnostic: synthesizes with no account or region. */
export class CmsStack extends Stack {
  readonly stage: StageConfig;
  readonly data: Data;
  readonly auth: Auth;
  readonly functions: Functions;
  readonly api: Api;
  readonly publishing: Publishing;
  readonly console: Console;
  readonly alarms: Alarms;
  readonly outbox: Outbox;
  readonly cdnPurge: CdnPurge;
  readonly commentShield?: CommentShield;
  readonly dashboard: OpsDashboard;
  readonly media: MediaLibrary;

  constructor(scope: Construct, id: string, props: CmsStackProps) {
    super(scope, id, props);
    const stage = stageConfig(props.stage, {
      commentWaf: props.commentWaf,
      corsOrigins: props.corsOrigins,
      siteOrigins: props.siteOrigins,
      domain: parseCustomDomain(props),
    });
    this.stage = stage;

    this.data = new Data(this, 'Data', { stage });
    this.auth = new Auth(this, 'Auth', { stage });
    this.publishing = new Publishing(this, 'Publishing', {
      stage,
      ...(props.webhooks ? { webhooks: props.webhooks } : {}),
    });
    this.media = new MediaLibrary(this, 'Media', { stage });
    this.functions = new Functions(this, 'Functions', {
      stage,
      tableOf: (table) => this.data.table(table),
      publishing: this.publishing,
      media: this.media,
    });
    this.alarms = new Alarms(this, 'Alarms', {
      stageName: stage.name,
      removalPolicy: stage.removalPolicy,
      ...(props.alarmEmail ? { email: props.alarmEmail } : {}),
    });
    this.media.process(this.functions.byName.mediaProcess, this.alarms);
    this.alarms.onDeadLetters(
      'ScheduleDeadLetters',
      this.publishing.deadLetters,
      'Schedule triggers that could not be delivered',
    );
    // Events follow from committed writes: the tables' streams feed the relay function.
    this.outbox = new Outbox(this, 'Outbox', {
      relay: this.functions.byName.eventRelay,
      tableOf: (table) => this.data.table(table),
      alarms: this.alarms,
      removalPolicy: stage.removalPolicy,
    });
    this.auth.requireAdminMfa(this.functions.byName.adminMfaGate);
    this.api = new Api(this, 'Api', {
      stage,
      functions: this.functions.byName,
      userPool: this.auth.userPool,
    });

    this.alarms.onApi(this.api.restApi);
    this.alarms.onFunctions(this.functions.byName, API_FUNCTIONS);
    const tables = TABLES.map((definition) => ({ definition, table: this.data.table(definition) }));
    this.alarms.onTables(tables);

    if (stage.commentWaf) {
      this.commentShield = new CommentShield(this, 'CommentShield', {
        stage: this.api.restApi.deploymentStage,
        stageName: stage.name,
      });
      this.alarms.onWafBlocks(this.commentShield);
    }

    this.console = new Console(this, 'Console', {
      stage,
      restApi: this.api.restApi,
      userPool: this.auth.userPool,
      media: this.media,
      assetDir: props.consoleDir ?? join(import.meta.dirname, '..', 'web', 'dist'),
      originSecret: {
        secret: this.functions.originSecret,
        ...(props.originSecretVersion ? { versionId: props.originSecretVersion } : {}),
      },
    });
    // Browsers may upload to the media bucket from the console's own origin only.
    this.media.allowUploadsFrom([this.console.origin]);
    // After the console: the purge needs the distribution, which needs the API and its functions.
    this.cdnPurge = new CdnPurge(this, 'CdnPurge', {
      fn: this.functions.byName.cdnPurge,
      distribution: this.console.distribution,
      bus: this.publishing.bus,
      alarms: this.alarms,
      removalPolicy: stage.removalPolicy,
    });

    this.dashboard = new OpsDashboard(this, 'Dashboard', {
      stageName: stage.name,
      alarms: this.alarms,
      restApi: this.api.restApi,
      functions: this.functions.byName,
      apiFunctions: API_FUNCTIONS,
      tables,
      deadLetters: [
        { label: 'schedule triggers', queue: this.publishing.deadLetters },
        { label: 'events', queue: this.outbox.deadLetters },
        { label: 'CDN purges', queue: this.cdnPurge.deadLetters },
        { label: 'media uploads', queue: this.media.deadLetters },
      ],
      ...(this.commentShield ? { webAclMetricName: this.commentShield.webAclMetricName } : {}),
    });

    new CfnOutput(this, 'ApiUrl', {
      value: this.api.restApi.url,
      description: 'Base URL; routes start with v1/',
    });
    new CfnOutput(this, 'EventBusName', {
      value: this.publishing.bus.eventBusName,
      description: 'ArticlePublished / ArticleUnpublished and the comment events go here',
    });
    new CfnOutput(this, 'DashboardUrl', {
      value: this.dashboard.url,
      description: 'Health, latency, data and business figures on one CloudWatch dashboard',
    });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'Subscribe to hear every alarm (docs/runbook.md: what each alarm means and what to do)',
    });
    new CfnOutput(this, OUTPUTS.userPoolId, { value: this.auth.userPool.userPoolId });
    new CfnOutput(this, OUTPUTS.userPoolClientId, { value: this.auth.client.userPoolClientId });
    new CfnOutput(this, 'ConsoleUrl', { value: this.console.url, description: 'The web console' });
    if (stage.domain) {
      new DomainRecords(this, 'DomainRecords', {
        domain: stage.domain,
        distribution: this.console.distribution,
      });
    }
    new CfnOutput(this, 'ConsoleLoginUrl', {
      value: this.console.domain.baseUrl(),
      description: "Cognito's managed login for the console",
    });

    // The cdk-nag findings this stack accepts, each with its reason (infra/nag.ts).
    suppressNagFindings(this);

    Tags.of(this).add('app', 'newsroom-cms');
    Tags.of(this).add('stage', stage.name);
  }
}
