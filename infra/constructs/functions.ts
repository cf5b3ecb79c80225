import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  Duration,
  type aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_logs as logs,
  type RemovalPolicy,
  aws_secretsmanager as secretsmanager,
} from 'aws-cdk-lib';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName, ROUTES } from '../../shared/http/routes.ts';
import { SECRET_KEYS, type SecretKey } from '../../shared/secrets.ts';
import type { TableDefinition } from '../../shared/store/tables.ts';
import {
  ACCESS_LEVELS,
  type DataAccess,
  FUNCTION_ACCESS,
  grantedIndexes,
  type TableGrant,
} from '../access.ts';
import type { StageConfig } from '../stage.ts';
import { FUNCTION_BUNDLING } from './functionBundling.ts';
import type { MediaLibrary } from './media.ts';
import type { Publishing } from './publishing.ts';

export {
  ACCESS_LEVELS,
  type AccessLevel,
  type DataAccess,
  FUNCTION_ACCESS,
  grantedIndexes,
  type TableGrant,
} from '../access.ts';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What else each function uses besides tables. Each capability brings its environment variables
 * and its grants (see Functions below), and nothing else gets them.
 */
export type Capability =
  | 'cursors'
  | 'previews'
  | 'fingerprints'
  | 'viewers'
  | 'events'
  | 'schedules'
  | 'invalidations'
  | 'media';
export const FUNCTION_USES: Record<FunctionName, readonly Capability[]> = {
  publicRead: ['cursors'],
  // media: signs upload policies and deletes an image's files (MEDIA_ACCESS in ./media.ts).
  editorial: ['cursors', 'previews', 'schedules', 'media'],
  // viewers: keys readers by the address CloudFront states, believed only with the origin secret.
  commentSubmit: ['fingerprints', 'viewers'],
  // Trust and bans key a commenter by the keyed hash of their email.
  moderation: ['cursors', 'fingerprints'],
  preview: ['previews'],
  docs: [],
  scheduledPublish: [],
  mediaProcess: ['media'],
  // The only function that puts events: the services write, the streams announce.
  eventRelay: ['events'],
  // Its distribution id and CreateInvalidation come from infra/constructs/cdnPurge.ts, wired after the
  // console: the distribution depends on the API, which depends on the API functions.
  cdnPurge: ['invalidations'],
  adminMfaGate: [],
};

/** The signing key each capability needs: its secret's ARN variable and read grant come with it. */
export const SECRET_OF = {
  cursors: 'cursor',
  previews: 'preview',
  fingerprints: 'fingerprint',
  viewers: 'origin',
} as const satisfies Partial<Record<Capability, SecretKey>>;

/** The secrets a function may read, derived from its capabilities. */
export const secretsOf = (name: FunctionName): SecretKey[] =>
  FUNCTION_USES[name].flatMap((capability) =>
    capability in SECRET_OF ? [SECRET_OF[capability as keyof typeof SECRET_OF]] : [],
  );

const SECRET_DESCRIPTIONS: Record<SecretKey, string> = {
  cursor: 'HMAC key that makes list cursors tamper-evident',
  preview: 'HMAC key that signs preview links',
  fingerprint: 'HMAC key of the comment client hash (address and user agent)',
  origin:
    'Sent by CloudFront to the API as the X-Origin-Verify header: proves a request came through the CDN',
};

/** Functions that never touch DynamoDB need less memory (Lambda's CPU scales with it). */
const MEMORY_MB: Partial<Record<FunctionName, number>> = {
  docs: 256,
  adminMfaGate: 256,
  cdnPurge: 256,
  // Decoding a 20 MB photograph and encoding four WebP renditions: memory and the CPU it brings.
  mediaProcess: 1536,
};
export const TIMEOUT_SECONDS: Partial<Record<FunctionName, number>> = { mediaProcess: 60 };

/**
 * Packages with native binaries that esbuild cannot bundle: left out of the bundle and installed
 * beside it for Lambda's platform (linux, arm64, glibc) whatever machine synthesizes, at the
 * version package.json pins. sharp ships libvips as the npm packages @img/sharp-linux-arm64 and
 * @img/sharp-libvips-linux-arm64, which this install picks.
 */
export const NATIVE_MODULES: Partial<Record<FunctionName, readonly string[]>> = { mediaProcess: ['sharp'] };
export const LAMBDA_PLATFORM = { os: 'linux', cpu: 'arm64', libc: 'glibc' } as const;

function pinnedVersion(pkg: string): string {
  const manifest = JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const version = manifest.dependencies?.[pkg];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version))
    throw new Error(`${pkg} needs an exact version in package.json`);
  return version;
}

/** Where native modules for Lambda are installed once and copied from (under the project root). */
export const NATIVE_CACHE_DIR = 'node_modules/.cache/lambda-native';

/**
 * The shell command that puts the native modules for Lambda beside the bundle. npm installs them
 * once into a cache folder keyed by Lambda's platform and the pinned versions; every later synth
 * copies from there (the install took 5-11 s of each synth with bundling). The install goes to a
 * folder of its own, renamed into place when complete, so a synth running at the same time never
 * copies a half-written cache. A version bump in package.json is a new key, a new install.
 */
export function nativeInstallCommand(
  outputDir: string,
  modules: readonly string[],
  projectRoot: string,
): string {
  const specs = modules.map((m) => `${m}@${pinnedVersion(m)}`);
  const { os, cpu, libc } = LAMBDA_PLATFORM;
  const cache = `${projectRoot.replace(/\/$/, '')}/${NATIVE_CACHE_DIR}/${os}-${cpu}-${libc}/${specs.join('+')}`;
  const install = `npm install --no-save --no-package-lock --no-audit --no-fund --omit=dev --ignore-scripts --os=${os} --cpu=${cpu} --libc=${libc} --prefix "$tmp" ${specs.join(' ')}`;
  return [
    `cache="${cache}"`,
    `if [ ! -f "$cache/.complete" ]; then tmp="$cache.installing.$$" && rm -rf "$tmp" && mkdir -p "$tmp" && { ${install} || { rm -rf "$tmp"; false; }; } && touch "$tmp/.complete" && { [ -d "$cache" ] && rm -rf "$tmp" || mv "$tmp" "$cache"; }; fi`,
    `cp -R "$cache/node_modules" "${outputDir}/"`,
  ].join(' && ');
}

export const touchesData = (name: FunctionName): boolean => FUNCTION_ACCESS[name].length > 0;
export const uses = (name: FunctionName, capability: Capability): boolean =>
  FUNCTION_USES[name].includes(capability);

export interface CmsFunctionProps {
  readonly name: FunctionName;
  readonly removalPolicy: RemovalPolicy;
  readonly environment?: Record<string, string>;
  readonly memorySize?: number;
  readonly timeoutSeconds?: number;
  /** Installed for Lambda's platform beside the bundle instead of bundled (NATIVE_MODULES). */
  readonly nativeModules?: readonly string[];
}

/** A NodejsFunction with this project's defaults fixed once: runtime, architecture, bundling, logs. */
export class CmsFunction extends NodejsFunction {
  constructor(scope: Construct, id: string, props: CmsFunctionProps) {
    super(scope, id, {
      entry: `${PROJECT_ROOT}functions/${props.name}.ts`,
      handler: 'handler',
      description: FUNCTIONS[props.name].description,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: `${PROJECT_ROOT}package-lock.json`,
      // The newest Node.js runtime Lambda offers in this aws-cdk-lib (cdk-nag AwsSolutions-L1).
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: Duration.seconds(props.timeoutSeconds ?? 10),
      // No --enable-source-maps: the map ships beside the bundle and is read only when an error is
      // logged (shared/stackTrace.ts), not parsed at every cold start.
      environment: props.environment,
      logGroup: new logs.LogGroup(scope, `${id}Logs`, {
        retention: logs.RetentionDays.ONE_MONTH,
        removalPolicy: props.removalPolicy,
      }),
      bundling: {
        // The options the benchmarks bundle with too (functionBundling.ts).
        format: OutputFormat.ESM,
        target: FUNCTION_BUNDLING.target,
        mainFields: [...FUNCTION_BUNDLING.mainFields],
        minify: FUNCTION_BUNDLING.minify,
        sourceMap: FUNCTION_BUNDLING.sourceMap,
        banner: FUNCTION_BUNDLING.banner,
        // Bundle the AWS SDK too (NodejsFunction leaves it out for nodejs18.x and later otherwise): the
        // version the tests ran against, not whichever one the runtime ships.
        externalModules: [...(props.nativeModules ?? [])],
        ...(props.nativeModules?.length
          ? {
              commandHooks: {
                beforeBundling: () => [],
                beforeInstall: () => [],
                afterBundling: (inputDir: string, outputDir: string) => [
                  nativeInstallCommand(outputDir, props.nativeModules ?? [], inputDir),
                ],
              },
            }
          : {}),
      },
    });
  }
}

export interface FunctionsProps {
  readonly stage: StageConfig;
  /** The deployed table for a definition of shared/store/tables.ts. */
  readonly tableOf: (definition: TableDefinition) => dynamodb.ITableV2;
  readonly publishing: Publishing;
  readonly media: MediaLibrary;
}

/** One Lambda per function group of shared/http/routes.ts, each with only its own grants. */
export class Functions extends Construct {
  readonly byName: Readonly<Record<FunctionName, CmsFunction>>;
  /**
   * The signing keys, generated here and never seen by anyone: not in the template, the code, a
   * log or a function's environment (which carries only the ARN; shared/secrets.ts reads the value
   * at run time). Not rotated automatically: see infra/nag.ts (AwsSolutions-SMG4) for why.
   */
  readonly secrets: Readonly<Record<SecretKey, secretsmanager.Secret>>;
  readonly cursorSecret: secretsmanager.Secret;
  readonly previewSecret: secretsmanager.Secret;
  readonly fingerprintSecret: secretsmanager.Secret;
  /**
   * CloudFront's proof to the API (infra/constructs/console.ts adds it as a custom origin header).
   * Rotated by hand with two values accepted meanwhile: docs/runbook.md, Rotate the origin secret.
   */
  readonly originSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, { stage, tableOf, publishing, media }: FunctionsProps) {
    super(scope, id);
    const secret = (key: SecretKey, constructId: string) =>
      new secretsmanager.Secret(this, constructId, {
        description: SECRET_DESCRIPTIONS[key],
        generateSecretString: { excludePunctuation: true, passwordLength: 64 },
        removalPolicy: stage.removalPolicy,
      });
    this.cursorSecret = secret('cursor', 'CursorSecret');
    this.previewSecret = secret('preview', 'PreviewSecret');
    this.fingerprintSecret = secret('fingerprint', 'FingerprintSecret');
    this.originSecret = secret('origin', 'OriginSecret');
    this.secrets = {
      cursor: this.cursorSecret,
      preview: this.previewSecret,
      fingerprint: this.fingerprintSecret,
      origin: this.originSecret,
    };

    const byName = {} as Record<FunctionName, CmsFunction>;
    for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
      const grants = FUNCTION_ACCESS[name];
      const environment: Record<string, string> = {};
      for (const { table } of grants) environment[table.envName] = tableOf(table).tableName;
      // Only the ARN: the value is read at run time, so GetFunctionConfiguration shows no key.
      for (const key of secretsOf(name)) environment[SECRET_KEYS[key].arnEnv] = this.secrets[key].secretArn;
      if (uses(name, 'events')) environment[ENV.eventBusName] = publishing.bus.eventBusName;
      if (uses(name, 'media')) environment[ENV.mediaBucket] = media.bucketName;
      environment[ENV.stage] = stage.name;
      environment[ENV.functionName] = name;
      const signedIn = ROUTES.some((route) => route.fn === name && route.access !== 'public');
      if (signedIn && stage.corsOrigins.length > 0)
        environment[ENV.corsOrigins] = stage.corsOrigins.join(',');

      const fn = new CmsFunction(this, name, {
        name,
        removalPolicy: stage.removalPolicy,
        environment,
        memorySize: MEMORY_MB[name],
        timeoutSeconds: TIMEOUT_SECONDS[name],
        nativeModules: NATIVE_MODULES[name],
      });
      for (const grant of grants) grantAccess(fn, tableOf(grant.table), grant);
      const readable = secretsOf(name).map((key) => this.secrets[key].secretArn);
      if (readable.length > 0) {
        // GetSecretValue only (grantRead would add DescribeSecret), on exactly these secrets.
        fn.addToRolePolicy(
          new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: readable }),
        );
      }
      if (uses(name, 'events')) publishing.bus.grantPutEventsTo(fn);
      if (uses(name, 'media')) media.grant(name, fn);
      byName[name] = fn;
    }
    this.byName = byName;

    // Scheduling: the target exists only once every function does, so this comes last.
    const target = byName.scheduledPublish;
    target.grantInvoke(publishing.schedulerRole);
    for (const name of FUNCTION_NAMES_USING('schedules')) {
      const fn = byName[name];
      fn.addEnvironment(ENV.scheduleGroup, publishing.scheduleGroup.name ?? '');
      fn.addEnvironment(ENV.scheduledPublishArn, target.functionArn);
      fn.addEnvironment(ENV.schedulerRoleArn, publishing.schedulerRole.roleArn);
      fn.addEnvironment(ENV.scheduleDlqArn, publishing.deadLetters.queueArn);
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
          resources: [publishing.scheduleArnPattern()],
        }),
      );
      publishing.schedulerRole.grantPassRole(fn.grantPrincipal);
    }
  }
}

const FUNCTION_NAMES_USING = (capability: Capability) =>
  (Object.keys(FUNCTION_USES) as FunctionName[]).filter((name) => uses(name, capability));

/** Explicit statements rather than grantReadData & co., which add Scan and table-level actions. */
function grantAccess(fn: lambda.IFunction, table: dynamodb.ITableV2, grant: TableGrant): void {
  const access: DataAccess = ACCESS_LEVELS[grant.level];
  if (access.table.length > 0) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...access.table],
        resources: [table.tableArn],
        ...(grant.leadingKeys
          ? {
              // A key ending in `*` is a prefix (StringLike); the others are exact.
              conditions: {
                [grant.leadingKeys.some((k) => k.includes('*'))
                  ? 'ForAllValues:StringLike'
                  : 'ForAllValues:StringEquals']: { 'dynamodb:LeadingKeys': [...grant.leadingKeys] },
              },
            }
          : {}),
      }),
    );
  }
  if (access.indexes.length > 0) {
    const resources = grantedIndexes(grant).map((name) => `${table.tableArn}/index/${name}`);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: [...access.indexes], resources }));
  }
}
