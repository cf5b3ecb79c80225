import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { expect } from 'vitest';
import { NATIVE_MODULES, secretsOf } from '../../infra/constructs/functions.ts';
import { apiIdentity } from '../../infra/local/gateway.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName, type HttpMethod, ROUTES } from '../../shared/http/routes.ts';
import { SECRET_KEYS } from '../../shared/secrets.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';
import { scratchDir } from '../support/runCache.ts';
import { createTestSections, TEST_SECTIONS } from '../support/taxonomy.ts';
import { bundleOf, synthesized } from './synth.ts';

/**
 * The bundles exactly as `cdk deploy` would upload them, each loaded in a fresh Node.js process
 * with no node_modules in reach and only the variables the template gives it (plus what Lambda
 * itself provides), then invoked with API Gateway REST proxy events against DynamoDB Local.
 * Catches what only shows after deploying: a missing require shim, an externalized package, an
 * env var infra forgot.
 *
 * Split by concern, files that run side by side: bundleNative (the native modules for Lambda),
 * bundleSizes (one minified file each, within its budget), bundleApiProbes and bundleEventProbes
 * (each function loaded and probed). All four read the same bundled synth, made once per run.
 */

export const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/**
 * Which file probes each function: a new function in the route table does not compile here until
 * it has a home, and there a probe.
 */
export const PROBED_BY = {
  publicRead: 'api',
  editorial: 'api',
  commentSubmit: 'api',
  moderation: 'api',
  preview: 'api',
  docs: 'api',
  adminMfaGate: 'events',
  scheduledPublish: 'events',
  mediaProcess: 'events',
  eventRelay: 'events',
  cdnPurge: 'events',
} as const satisfies Record<FunctionName, 'api' | 'events'>;

/** The functions one probe file covers. */
export type ProbedBy<File extends 'api' | 'events'> = {
  [Name in FunctionName]: (typeof PROBED_BY)[Name] extends File ? Name : never;
}[FunctionName];

export interface Bundle {
  file: string;
  /** The function's variables as the template sets them: literals, or deploy-time references. */
  variables: Record<string, unknown>;
}

/**
 * Every function's bundle, from the run's synth with bundling (tests/infra/synth.ts): the first
 * file to ask runs esbuild, the others wait for it. The time is that synth's, or the wait for it.
 */
export async function runBundles(): Promise<{ bundles: Map<FunctionName, Bundle>; synthMs: number }> {
  const started = performance.now();
  const { stack, template, outdir } = await synthesized('dev', { bundle: true });
  const synthMs = performance.now() - started;
  const bundles = new Map(FUNCTION_NAMES.map((name) => [name, bundleOf(stack, template, name, outdir)]));
  return { bundles, synthMs };
}

// ---------------------------------------------------------------------------------------------
// Events in the shape API Gateway's REST proxy integration (payload v1) delivers them

export interface EventInput {
  method: HttpMethod;
  /** The route's path template, as in ROUTES: what the function sees as `event.resource`. */
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Claims the Cognito authorizer would attach. */
  claims?: Record<string, string>;
}

export function restEvent(input: EventInput): APIGatewayProxyEvent {
  if (!ROUTES.some((r) => r.method === input.method && r.path === input.resource)) {
    throw new Error(`Probe for ${input.method} ${input.resource}, which is not in the route table`);
  }
  const path = input.resource.replace(/\{(\w+)\}/g, (_, name: string) => input.pathParameters?.[name] ?? '');
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'User-Agent': 'bundle-test',
    'X-Forwarded-For': '203.0.113.7',
    ...(input.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...input.headers,
  };
  const requestId = randomUUID();
  return {
    resource: input.resource,
    path,
    httpMethod: input.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: input.query ?? null,
    multiValueQueryStringParameters: input.query
      ? Object.fromEntries(Object.entries(input.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body: input.body === undefined ? null : JSON.stringify(input.body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: input.claims ? { claims: input.claims } : null,
      protocol: 'HTTP/1.1',
      httpMethod: input.method,
      path: `/dev${path}`,
      stage: 'dev',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'res123',
      resourcePath: input.resource,
      identity: apiIdentity('203.0.113.7', 'bundle-test'),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// What to send a function, and what a working bundle answers

export interface Reply {
  statusCode: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

export interface Probe {
  name: string;
  /** An API Gateway request, or `{ raw }` for a function another service invokes (the scheduler). */
  event: EventInput | { raw: unknown };
  check: (reply: Reply, earlier: Reply[]) => void;
}

// ---------------------------------------------------------------------------------------------
// Running a bundle in its own process

/** Imports the bundle, invokes the handler with each event in turn, prints the results as JSON. */
const RUNNER = `
import { pathToFileURL } from 'node:url';
const [bundle, events] = [process.argv[2], JSON.parse(process.argv[3])];
const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const loadedMs = performance.now() - started;
const results = [];
for (const event of events) results.push(await handler(event, {}));
const firstReplyMs = performance.now() - started;
process.stdout.write(JSON.stringify({ loadedMs, firstReplyMs, results }));
`;

interface RunOutput {
  loadedMs: number;
  firstReplyMs: number;
  results: APIGatewayProxyResult[];
}

function runBundle(runner: string, bundle: string, events: unknown[], env: Record<string, string>) {
  return new Promise<RunOutput>((resolve, reject) => {
    // cwd is the temp dir: no node_modules anywhere up the tree, so the bundle must be complete.
    const child = spawn(process.execPath, [runner, bundle, JSON.stringify(events)], {
      cwd: join(bundle, '..', '..'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      // Minified bundles put whole modules on one line; keep the readable part of the trace.
      const trace = stderr
        .split('\n')
        .map((line) => (line.length > 300 ? `${line.slice(0, 300)}...` : line))
        .join('\n');
      if (code !== 0) reject(new Error(`Bundle process exited with ${code}:\n${trace}`));
      else {
        try {
          // The runner's report is the last line; the function's own logs come before it.
          const lines = stdout.trim().split('\n');
          resolve(JSON.parse(lines[lines.length - 1] ?? '') as RunOutput);
        } catch {
          reject(new Error(`Unreadable output:\n${stdout}\n${stderr}`));
        }
      }
    });
  });
}

/** A stand-in ARN for a secret variable; the Secrets Manager stand-in below answers for it. */
function secretArnFor(arnEnv: string): string {
  return `arn:aws:secretsmanager:eu-west-1:123456789012:secret:bundle-${arnEnv.toLowerCase()}-AbCdEf`;
}

/**
 * Variables that only mean something in AWS (the event bus, the scheduler's group, role, target
 * and queue). The probes never call those services, so a stand-in value lets the bundle load.
 */
const AWS_ONLY: Partial<Record<string, string>> = {
  ...Object.fromEntries(Object.values(SECRET_KEYS).map(({ arnEnv }) => [arnEnv, secretArnFor(arnEnv)])),
  [ENV.eventBusName]: 'bundle-test-bus',
  [ENV.scheduleGroup]: 'bundle-test-group',
  [ENV.scheduledPublishArn]: 'arn:aws:lambda:eu-west-1:123456789012:function:bundle-test',
  [ENV.schedulerRoleArn]: 'arn:aws:iam::123456789012:role/bundle-test',
  [ENV.scheduleDlqArn]: 'arn:aws:sqs:eu-west-1:123456789012:bundle-test',
  [ENV.cdnDistributionId]: 'EBUNDLETEST',
  [ENV.mediaBucket]: 'bundle-test-media',
};

export interface ProbeHarness {
  /** This file's own tables in the run's DynamoDB Local. */
  testEnv: TestEnv;
  /** A folder of this file's own: the runner, the host copies, what a probe writes. */
  dir: string;
  /**
   * Loads the function's bundle in a fresh process, sends it the probes' events in turn and checks
   * each reply, then that each secret it uses was read once in that cold start.
   */
  probe(name: FunctionName, probes: Probe[], extraEnv?: Record<string, string>): Promise<void>;
  close(): void;
}

/** What a probe file needs around the bundles; start it in beforeAll, close it in afterAll. */
export async function startProbeHarness(bundles: Map<FunctionName, Bundle>): Promise<ProbeHarness> {
  /**
   * Secrets Manager's GetSecretValue, as the bundled SDK client calls it (JSON 1.1 over HTTP), for
   * the stand-in ARNs only. No emulator of Secrets Manager runs here; this one answers the single
   * operation the functions use and counts the calls, so the test sees each key read once per cold
   * start by the real client code in the bundle.
   */
  const secretCalls: string[] = [];
  const secretServer = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += String(chunk);
    });
    request.on('end', () => {
      const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
      const known = Object.values(SECRET_KEYS).find(({ arnEnv }) => secretArnFor(arnEnv) === SecretId);
      secretCalls.push(String(SecretId));
      response.setHeader('Content-Type', 'application/x-amz-json-1.1');
      if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' || !known) {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such secret' }));
        return;
      }
      response.end(
        JSON.stringify({ ARN: SecretId, Name: known.arnEnv, SecretString: randomUUID(), VersionId: 'v1' }),
      );
    });
  });
  await new Promise<void>((resolve) => secretServer.listen(0, '127.0.0.1', resolve));
  const testEnv = await createTestEnv();
  // The sections the probes' articles name, as records (articles must name one).
  await createTestSections(testEnv, TEST_SECTIONS);
  const dir = scratchDir('bundle-probes');
  const runner = join(dir, 'runner.mjs');
  writeFileSync(runner, RUNNER);

  /**
   * A function with native modules carries them for Lambda (linux-arm64), which cannot run here: it
   * runs from a copy of its bundle beside this machine's build of the same packages.
   */
  const hostRunnable = new Map<FunctionName, string>();
  for (const [name, modules] of Object.entries(NATIVE_MODULES) as [FunctionName, string[]][]) {
    const copy = join(dir, `host-${name}`);
    mkdirSync(join(copy, 'node_modules'), { recursive: true });
    const file = bundles.get(name)?.file ?? '';
    copyFileSync(file, join(copy, 'index.mjs'));
    copyFileSync(`${file}.map`, join(copy, 'index.mjs.map'));
    for (const module of modules) {
      symlinkSync(
        join(import.meta.dirname, '..', '..', 'node_modules', module),
        join(copy, 'node_modules', module),
      );
    }
    hostRunnable.set(name, join(copy, 'index.mjs'));
  }

  /**
   * The child's environment: what the template sets (deploy-time values, such as the table name and
   * the secret, replaced by the test's), what Lambda provides (region, credentials), and the
   * DynamoDB Local endpoint. Nothing inherited from this process.
   */
  function childEnv(bundle: Bundle, extraEnv: Record<string, string>): Record<string, string> {
    const vars = testEnv.vars;
    const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
    for (const [key, value] of Object.entries(bundle.variables)) {
      if (typeof value === 'string') env[key] = value;
      else {
        const local = vars[key] ?? AWS_ONLY[key];
        if (local === undefined)
          throw new Error(`The template sets ${key}, which this test cannot supply locally`);
        env[key] = local;
      }
    }
    for (const key of ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', ENV.dynamodbEndpoint]) {
      const value = vars[key];
      if (value !== undefined) env[key] = value;
    }
    // The keys come from "Secrets Manager" as in AWS, not from the local dev keys file.
    const { port } = secretServer.address() as AddressInfo;
    env.AWS_ENDPOINT_URL_SECRETS_MANAGER = `http://127.0.0.1:${port}`;
    return { ...env, ...extraEnv };
  }

  return {
    testEnv,
    dir,
    async probe(name, probes, extraEnv = {}) {
      const bundle = bundles.get(name);
      if (!bundle) throw new Error(`No bundle for function ${name}`);
      if (!probes.length) throw new Error(`No probe for function ${name}: add one to its PROBES`);
      secretCalls.length = 0;
      const output = await runBundle(
        runner,
        hostRunnable.get(name) ?? bundle.file,
        probes.map((p) => ('raw' in p.event ? p.event.raw : restEvent(p.event))),
        childEnv(bundle, extraEnv),
      );
      console.info(
        `${name}: module loaded in ${Math.round(output.loadedMs)} ms, ${probes.length} replies after ${Math.round(output.firstReplyMs)} ms`,
      );
      const replies: Reply[] = output.results.map((result) =>
        typeof result?.statusCode === 'number'
          ? {
              statusCode: result.statusCode,
              headers: (result.headers ?? {}) as Record<string, string>,
              body: result.body ? (JSON.parse(result.body) as Record<string, unknown>) : {},
            }
          : { statusCode: 0, headers: {}, body: result as unknown as Record<string, unknown> },
      );
      probes.forEach((probe, i) => {
        const reply = replies[i];
        expect(reply, probe.name).toBeDefined();
        probe.check(reply as Reply, replies.slice(0, i));
      });
      // Each key it uses read once in this cold start, whatever the number of requests.
      // The origin secret, which rotates, is read as its current and its previous version.
      const expected = secretsOf(name).flatMap((key) =>
        Array(key === 'origin' ? 2 : 1).fill(secretArnFor(SECRET_KEYS[key].arnEnv)),
      );
      expect(secretCalls.sort()).toEqual(expected.sort());
    },
    close() {
      secretServer.close();
    },
  };
}
