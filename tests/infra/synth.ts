import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type CfnResource } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { stackNameOf } from '../../infra/deployed.ts';
import { CmsStack } from '../../infra/stack.ts';
import type { FunctionName } from '../../shared/http/routes.ts';
import { buildOnce, runCacheDir, scratchDir } from '../support/runCache.ts';

/** cdk.json's context, so tests synthesize with the same feature flags as `cdk synth`. */
function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

export interface SynthOptions {
  /** Run esbuild for the functions. Off by default: NodejsFunction then skips bundling entirely. */
  readonly bundle?: boolean;
  readonly outdir?: string;
  readonly commentWaf?: boolean;
  readonly corsOrigins?: readonly string[];
  readonly siteOrigins?: readonly string[];
  readonly alarmEmail?: string;
  readonly domain?: string;
  readonly certificateArn?: string;
  readonly hostedZoneId?: string;
  readonly originSecretVersion?: string;
}

export function synthStack(
  stage: string,
  {
    bundle = false,
    outdir,
    commentWaf,
    corsOrigins,
    siteOrigins,
    alarmEmail,
    originSecretVersion,
    ...domain
  }: SynthOptions = {},
) {
  const context: Record<string, unknown> = { ...cdkJsonContext(), stage };
  if (!bundle) context['aws:cdk:bundling-stacks'] = [];
  // Assets are staged as the stack is built: into the run's cache, which goes when the run ends.
  const app = new App({ context, outdir: outdir ?? scratchDir('cdk') });
  const stack = new CmsStack(app, stackNameOf(stage), {
    stage,
    // A stand-in for web/dist: the template does not depend on what the build contains.
    consoleDir: join(import.meta.dirname, 'fixtures', 'console'),
    ...(commentWaf === undefined ? {} : { commentWaf }),
    ...(corsOrigins ? { corsOrigins } : {}),
    ...(siteOrigins ? { siteOrigins } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(originSecretVersion ? { originSecretVersion } : {}),
    ...domain,
  });
  return { app, stack };
}

export interface Synthesized {
  /** The stack as constructed (not synthesized again): for logical ids and construct properties. */
  readonly stack: CmsStack;
  /** The template, as `cdk synth` writes it. */
  readonly template: TemplateJson;
  /** The cloud assembly (template, assets, bundles). Shared by every file of the run: read only. */
  readonly outdir: string;
}

/**
 * A stage synthesized once per run: synthesis (rendering the whole tree, staging assets, bundling
 * the functions with esbuild) is the slow part, seconds a stage. The first file of the run to ask
 * for a stage and options synthesizes it into the run's cache; every other file reads that assembly
 * and only constructs the stack, which is cheap, to look up logical ids. Outside vitest (the bench)
 * it synthesizes into a temporary folder.
 */
export async function synthesized(
  stage: string,
  options: Omit<SynthOptions, 'outdir'> = {},
): Promise<Synthesized> {
  const settings = { ...options, bundle: options.bundle === true };
  let built: ReturnType<typeof synthStack> | undefined;
  const synthesize = (outdir: string) => {
    built = synthStack(stage, { ...settings, outdir });
    built.app.synth();
  };
  const root = runCacheDir();
  let outdir: string;
  if (root) {
    const key = createHash('sha256')
      .update(JSON.stringify(Object.entries(settings).sort(([a], [b]) => a.localeCompare(b))))
      .digest('hex')
      .slice(0, 16);
    outdir = await buildOnce(root, `synth-${stage}-${key}`, synthesize);
  } else {
    outdir = scratchDir('synth');
    synthesize(outdir);
  }
  const template = JSON.parse(
    readFileSync(join(outdir, `${stackNameOf(stage)}.template.json`), 'utf8'),
  ) as TemplateJson;
  // Logical ids do not depend on bundling: a stack built without it names the same resources.
  const stack = built?.stack ?? synthStack(stage, { ...settings, bundle: false }).stack;
  return { stack, template, outdir };
}

/** The logical id CloudFormation knows a construct's main resource by. */
export function logicalIdOf(stack: CmsStack, construct: IConstruct): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnResource);
}

/** The bundle `cdk synth` wrote for a function (synthesized with bundling into `outdir`). */
export function bundleOf(stack: CmsStack, template: TemplateJson, name: FunctionName, outdir: string) {
  const fn = template.Resources[logicalIdOf(stack, stack.functions.byName[name])];
  if (!fn) throw new Error(`No function ${name} in the template`);
  const props = fn.Properties as {
    Code: { S3Key: string };
    Environment?: { Variables: Record<string, unknown> };
  };
  return {
    file: join(outdir, `asset.${props.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs'),
    variables: props.Environment?.Variables ?? {},
  };
}

/** A resource of the synthesized template, with the properties a test reads typed loosely. */
export interface TemplateResource<P = Record<string, unknown>> {
  readonly Type: string;
  readonly Properties: P;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface TemplateJson {
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, { Value: unknown }>;
}

export function resourcesOfType<P>(template: TemplateJson, type: string): [string, TemplateResource<P>][] {
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource as TemplateResource<P>]);
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

/** Every statement that applies to a role: inline policies and attached AWS::IAM::Policy resources. */
export function statementsOfRole(template: TemplateJson, roleId: string): Statement[] {
  const role = template.Resources[roleId] as TemplateResource<{
    Policies?: { PolicyDocument: { Statement: Statement[] } }[];
  }>;
  if (!role) throw new Error(`No role ${roleId} in the template`);
  const inline = (role.Properties.Policies ?? []).flatMap((p) => p.PolicyDocument.Statement);
  const attached = resourcesOfType<{ Roles: unknown[]; PolicyDocument: { Statement: Statement[] } }>(
    template,
    'AWS::IAM::Policy',
  )
    .filter(([, p]) => p.Properties.Roles.some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
  return [...inline, ...attached];
}

interface MethodProps {
  HttpMethod: string;
  ResourceId: { Ref?: string };
  Integration: { Type: string; IntegrationResponses?: { ResponseParameters?: Record<string, string> }[] };
}

/** Each OPTIONS method by its resource path, with its Access-Control-Allow-Origin mapping. */
export function preflights(template: TemplateJson): Map<string, string[]> {
  const resources = new Map(
    resourcesOfType<{ ParentId: { Ref?: string }; PathPart: string }>(template, 'AWS::ApiGateway::Resource'),
  );
  const pathOf = (id: string | undefined): string => {
    const r = id === undefined ? undefined : resources.get(id);
    return r ? `${pathOf(r.Properties.ParentId.Ref)}/${r.Properties.PathPart}` : '';
  };
  const out = new Map<string, string[]>();
  for (const [, m] of resourcesOfType<MethodProps>(template, 'AWS::ApiGateway::Method')) {
    if (m.Properties.HttpMethod !== 'OPTIONS') continue;
    const origins = (m.Properties.Integration.IntegrationResponses ?? []).map(
      (r) => r.ResponseParameters?.['method.response.header.Access-Control-Allow-Origin'] ?? '(none)',
    );
    out.set(pathOf(m.Properties.ResourceId.Ref), origins);
  }
  return out;
}
