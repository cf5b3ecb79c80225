/**
 * Cold starts of the Lambda bundles as `cdk synth` writes them (part of `npm run bench`): a fresh
 * Node.js process, from spawn to the first real answer of a representative request, next to a
 * floor bundle (one GetItem with the same SDK and esbuild options) and a hello-world bundle.
 *
 * These machines are shared and noisy (other work runs tests meanwhile), so only ratios within one
 * batch mean anything. Each function's batch runs the function, the floor, the floor again and
 * hello world in rotating order, round after round, so drift hits all four alike. It reports the
 * median and the minimum of each, the ratio of the medians (what the targets are checked on) and
 * of the minimums, the floor's spread, and the floor measured against itself: a function whose
 * ratio is within that noise is at the floor.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { functionBuildOptions } from '../../infra/constructs/functionBundling.ts';
import { NATIVE_MODULES } from '../../infra/constructs/functions.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName } from '../../shared/http/routes.ts';
import { readableStack } from '../../shared/stackTrace.ts';
import { bundleOf, synthStack, type TemplateJson } from '../infra/synth.ts';
import { bundleBreakdown } from './bundleContents.ts';
import { median, round } from './operations.ts';

/** Rounds per function (each round: the function, the floor twice, hello world). */
export const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 21);
/** BENCH_FUNCTIONS=editorial,moderation measures only those. */
const ONLY = process.env.BENCH_FUNCTIONS?.split(',').filter(Boolean);

/**
 * What the functions find in their environment in AWS and not locally: the media bucket and the
 * scheduler's group, target and role. With them the bundles build the S3 and Scheduler clients
 * as they do in AWS; the probes call neither service.
 */
const AWS_STAND_INS: Record<string, string> = {
  [ENV.mediaBucket]: 'bench-media',
  [ENV.scheduleGroup]: 'bench-group',
  [ENV.scheduledPublishArn]: 'arn:aws:lambda:eu-west-1:123456789012:function:bench',
  [ENV.schedulerRoleArn]: 'arn:aws:iam::123456789012:role/bench',
  [ENV.scheduleDlqArn]: 'arn:aws:sqs:eu-west-1:123456789012:bench',
};

/** Text from four of zod's non-English locales: any present means all 64 came along. */
const FOREIGN_LOCALES = ['Ongeldige invoer', 'Input non valido', 'erwartet', 'Nieprawid'];

export const PROBES: Record<FunctionName, { event: unknown; expect: number | undefined }> = {
  publicRead: {
    expect: 200,
    event: {
      resource: '/v1/articles',
      path: '/v1/articles',
      httpMethod: 'GET',
      headers: {},
      queryStringParameters: { limit: '20' },
      requestContext: { requestId: 'bench' },
    },
  },
  editorial: {
    // Opening an article: one Query (its head and newest revision), the same work as the floor's
    // one GetItem, so the ratio is the function's start. It answers 404: no article has this id.
    // (The unfiltered list, its earlier probe, is nine requests since it merges the status
    // partitions and reads heads and words apart: measured beside it, see docs/performance.md.)
    expect: 404,
    event: {
      resource: '/v1/admin/articles/{id}',
      path: '/v1/admin/articles/01JBENCH0000000000000000AA',
      httpMethod: 'GET',
      headers: {},
      pathParameters: { id: '01JBENCH0000000000000000AA' },
      requestContext: {
        requestId: 'bench',
        authorizer: { claims: { sub: 'bench', 'cognito:groups': 'editor' } },
      },
    },
  },
  commentSubmit: {
    // Reaches DynamoDB (the live snapshot lookup) and answers 404 for an article that is not there.
    expect: 404,
    event: {
      resource: '/v1/articles/{slug}/comments',
      path: '/v1/articles/none/comments',
      httpMethod: 'POST',
      headers: { 'Content-Type': 'application/json' },
      pathParameters: { slug: 'none' },
      body: JSON.stringify({ authorName: 'Bench', body: 'Hello' }),
      requestContext: { requestId: 'bench', identity: { sourceIp: '127.0.0.1' } },
    },
  },
  moderation: {
    expect: 200,
    event: {
      resource: '/v1/admin/comments',
      path: '/v1/admin/comments',
      httpMethod: 'GET',
      headers: {},
      requestContext: {
        requestId: 'bench',
        authorizer: { claims: { sub: 'bench', 'cognito:groups': 'moderator' } },
      },
    },
  },
  preview: {
    expect: 404,
    event: {
      resource: '/v1/preview/{token}',
      path: '/v1/preview/x.y',
      httpMethod: 'GET',
      headers: {},
      pathParameters: { token: 'x.y' },
      requestContext: { requestId: 'bench' },
    },
  },
  docs: {
    expect: 200,
    event: {
      resource: '/v1/openapi.json',
      path: '/v1/openapi.json',
      httpMethod: 'GET',
      headers: {},
      requestContext: { requestId: 'bench' },
    },
  },
  // Not an HTTP function: it answers the scheduler with an outcome (no status code).
  scheduledPublish: { expect: undefined, event: { articleId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', version: 1 } },
  // A batch that announces nothing: measures the relay's cold start without calling EventBridge.
  eventRelay: { expect: undefined, event: { Records: [] } },
  // A comment rejected on posting changes nothing public: measures the purge's cold start without calling CloudFront.
  cdnPurge: {
    expect: undefined,
    event: {
      'detail-type': 'CommentRejected',
      detail: { id: '01ARZ3NDEKTSV4RRFFQ69G5FAV', slug: 'bench', version: 0 },
    },
  },
  // Runs only on Lambda's arm64 (its sharp is linux-arm64): skipped below, listed for completeness.
  mediaProcess: { expect: undefined, event: { Records: [] } },
  // Cognito's trigger: a non-admin's token request passes through without a call.
  adminMfaGate: { expect: undefined, event: cognitoTokenEvent(['editor']) },
};

function cognitoTokenEvent(groups: string[]) {
  return {
    version: '1',
    triggerSource: 'TokenGeneration_Authentication',
    region: 'eu-west-1',
    userPoolId: 'eu-west-1_bench',
    userName: 'bench',
    callerContext: { awsSdkVersion: 'bench', clientId: 'bench' },
    request: { userAttributes: { sub: 'bench' }, groupConfiguration: { groupsToOverride: groups } },
    response: { claimsOverrideDetails: null },
  };
}

/** Imports the bundle, answers one event, prints the timings as the last line. */
const RUNNER = `
import { pathToFileURL } from 'node:url';
const started = performance.now();
const { handler } = await import(pathToFileURL(process.argv[2]).href);
const loaded = performance.now() - started;
const reply = await handler(JSON.parse(process.argv[3]), {});
const answered = performance.now() - started;
const { user, system } = process.cpuUsage();
const cpu = (user + system) / 1000;
process.stdout.write('\\n' + JSON.stringify({ loaded, answered, cpu, status: reply?.statusCode }) + '\\n');
`;

interface Run {
  /** Spawn to the answer's arrival in this process: what a cold start costs the first caller. */
  ms: number;
  /** Inside the child: import of the bundle, and import to answer. */
  loaded: number;
  answered: number;
  /**
   * CPU time of the whole process up to the answer (user + system, all threads, Node's own start
   * included). Waiting for a core on a busy machine adds to the wall time, not to this.
   */
  cpu: number;
  status: number | undefined;
}

/** One fresh process; resolves when it has exited (so runs never overlap), timed to its answer. */
function runOnce(runner: string, bundle: string, event: unknown, env: Record<string, string>) {
  return new Promise<Run>((resolve, reject) => {
    const t0 = performance.now();
    let answeredAt = 0;
    const child = spawn(process.execPath, [runner, bundle, JSON.stringify(event)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += String(chunk);
    });
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (!answeredAt && /\n\{"loaded".*\n/.test(out)) answeredAt = performance.now();
    });
    child.on('error', reject);
    child.on('close', () => {
      try {
        const line = out.split('\n').findLast((l) => l.startsWith('{"loaded"')) ?? '';
        const { loaded, answered, cpu, status } = JSON.parse(line) as Omit<Run, 'ms'>;
        resolve({ ms: answeredAt - t0, loaded, answered, cpu, status });
      } catch {
        reject(new Error(`${bundle} gave no answer: ${out.slice(-500)}${err.slice(-1500)}`));
      }
    });
  });
}

/** The functions' esbuild options (CmsFunction), for the hello-world and floor bundles. */
async function buildFloor(entry: string, outdir: string): Promise<string> {
  const outfile = join(outdir, 'index.mjs');
  await build(functionBuildOptions(entry, outfile));
  return outfile;
}

interface Stats {
  median: number;
  min: number;
  max: number;
}
const statsOf = (xs: readonly number[]): Stats => ({
  median: round(median(xs), 1),
  min: round(Math.min(...xs), 1),
  max: round(Math.max(...xs), 1),
});

export interface BundleFigures {
  name: string;
  bytes: number;
  locales: number;
  top: { pkg: string; bytes: number }[];
  runs: number;
  cold: Stats;
  floor: Stats;
  /** The floor's second series in the same rounds: its ratio to the first is the batch's noise. */
  floorAgain: Stats;
  hello: Stats;
  /** Import of the bundle inside the child, median (the rest is the first request). */
  loadMs: number;
  floorLoadMs: number;
  /** CPU ms to the answer, medians: the function's and the floor's. */
  cpuMs: number;
  floorCpuMs: number;
  vsFloor: number;
  vsFloorMin: number;
  cpuVsFloor: number;
  floorVsFloorCpu: number;
  floorVsFloor: number;
  vsHello: number;
}

/** The order of the four series in round i: rotated, so none always runs first or after another. */
const rotation = <T>(xs: readonly T[], i: number) => xs.map((_, k) => xs[(k + i) % xs.length] as T);

export async function coldStarts(
  localEnv: Record<string, string>,
  outdir: string,
  target: (ok: boolean, what: string) => void,
): Promise<BundleFigures[]> {
  const env = { ...localEnv, ...AWS_STAND_INS };
  console.log('\n== Lambda bundles (as cdk synth writes them): fresh process to first answer ==');
  const synthStarted = performance.now();
  const { app, stack } = synthStack('dev', { bundle: true, outdir });
  const template = app.synth().getStackByName(stack.stackName).template as TemplateJson;
  console.log(`synth with bundling: ${Math.round(performance.now() - synthStarted)} ms`);
  const runner = join(outdir, 'runner.mjs');
  writeFileSync(runner, RUNNER);
  const hello = await buildFloor('tests/bench/floor/hello.ts', join(outdir, 'hello'));
  const floor = await buildFloor('tests/bench/floor/getItem.ts', join(outdir, 'floor'));
  console.log(
    `hello world ${statSync(hello).size} bytes, floor (one GetItem) ${statSync(floor).size} bytes; ${COLD_RUNS} rounds per function, each running the function, the floor twice and hello world in rotating order; ms from spawn to the answer, median (min)`,
  );
  console.log(
    'function           bytes   cold ms (min)   floor ms (min)  floor range   hello  vs floor (min)  floor/floor   cpu ms  floor cpu  cpu vs floor (floor/floor)  top contributors',
  );
  const out: BundleFigures[] = [];
  for (const name of Object.keys(FUNCTIONS) as FunctionName[]) {
    if (ONLY && !ONLY.includes(name)) continue;
    if (NATIVE_MODULES[name]) {
      console.log(`${name.padEnd(16)} skipped: its native modules are built for Lambda (linux-arm64)`);
      continue;
    }
    const { file } = bundleOf(stack, template, name, outdir);
    const probe = PROBES[name];
    const series = [
      { key: 'cold', bundle: file, event: probe.event },
      { key: 'floor', bundle: floor, event: {} },
      { key: 'floorAgain', bundle: floor, event: {} },
      { key: 'hello', bundle: hello, event: {} },
    ] as const;
    const samples = Object.fromEntries(series.map((s) => [s.key, [] as Run[]])) as Record<
      (typeof series)[number]['key'],
      Run[]
    >;
    // One discarded run of each first: it pays for reading the bundle from disk into the page cache.
    for (const s of series) await runOnce(runner, s.bundle, s.event, env);
    for (let i = 0; i < COLD_RUNS; i += 1) {
      for (const s of rotation(series, i)) {
        const run = await runOnce(runner, s.bundle, s.event, env);
        if (s.key === 'cold' && run.status !== probe.expect)
          throw new Error(`${name} answered ${run.status}`);
        samples[s.key].push(run);
      }
    }
    const ms = (key: keyof typeof samples) => samples[key].map((r) => r.ms);
    const cpu = (key: keyof typeof samples) => samples[key].map((r) => r.cpu);
    const [cold, floorStats, floorAgain, helloStats] = [
      statsOf(ms('cold')),
      statsOf(ms('floor')),
      statsOf(ms('floorAgain')),
      statsOf(ms('hello')),
    ];
    const breakdown = await bundleBreakdown(`functions/${name}.ts`, join(outdir, `metafile-${name}`));
    const text = readFileSync(file, 'utf8');
    const figures: BundleFigures = {
      name,
      bytes: statSync(file).size,
      locales: FOREIGN_LOCALES.filter((marker) => text.includes(marker)).length,
      top: breakdown.top,
      runs: COLD_RUNS,
      cold,
      floor: floorStats,
      floorAgain,
      hello: helloStats,
      loadMs: round(median(samples.cold.map((r) => r.loaded)), 1),
      floorLoadMs: round(median(samples.floor.map((r) => r.loaded)), 1),
      cpuMs: round(median(cpu('cold')), 1),
      floorCpuMs: round(median(cpu('floor')), 1),
      vsFloor: round(cold.median / floorStats.median),
      vsFloorMin: round(cold.min / floorStats.min),
      cpuVsFloor: round(median(cpu('cold')) / median(cpu('floor'))),
      floorVsFloorCpu: round(median(cpu('floorAgain')) / median(cpu('floor'))),
      floorVsFloor: round(floorAgain.median / floorStats.median),
      vsHello: round(cold.median / helloStats.median),
    };
    out.push(figures);
    const pair = (s: Stats) => `${Math.round(s.median)} (${Math.round(s.min)})`;
    console.log(
      `${name.padEnd(16)} ${String(figures.bytes).padStart(7)} ${pair(cold).padStart(15)} ${pair(floorStats).padStart(16)} ${`${Math.round(floorStats.min)}-${Math.round(floorStats.max)}`.padStart(12)} ${String(Math.round(helloStats.median)).padStart(7)} ${`${figures.vsFloor.toFixed(2)}x (${figures.vsFloorMin.toFixed(2)}x)`.padStart(15)} ${`${figures.floorVsFloor.toFixed(2)}x`.padStart(12)} ${String(Math.round(figures.cpuMs)).padStart(8)} ${String(Math.round(figures.floorCpuMs)).padStart(10)} ${`${figures.cpuVsFloor.toFixed(2)}x (${figures.floorVsFloorCpu.toFixed(2)}x)`.padStart(27)}  ${figures.top
        .map(({ pkg, bytes }) => `${pkg} ${Math.round(bytes / 1024)} KB`)
        .join(', ')}`,
    );
    const bound = name === 'publicRead' ? 1.05 : 1.15;
    target(
      figures.vsFloor <= bound,
      `${name} cold start ${figures.vsFloor.toFixed(2)}x the floor bundle (target ${bound}x): ${Math.round(cold.median)} vs ${Math.round(floorStats.median)} ms (min ${figures.vsFloorMin.toFixed(2)}x; the floor against itself ${figures.floorVsFloor.toFixed(2)}x; CPU time ${figures.cpuVsFloor.toFixed(2)}x)`,
    );
  }
  if (out.length > 0) {
    const noise = out.map((f) => Math.abs(f.floorVsFloor - 1));
    const cpuNoise = out.map((f) => Math.abs(f.floorVsFloorCpu - 1));
    console.log(
      `noise: the floor against itself within ${(Math.max(...noise) * 100).toFixed(0)}% in every batch (median ${(median(noise) * 100).toFixed(0)}%), its CPU time within ${(Math.max(...cpuNoise) * 100).toFixed(0)}% (median ${(median(cpuNoise) * 100).toFixed(0)}%); floor medians ${Math.round(Math.min(...out.map((f) => f.floor.median)))}-${Math.round(Math.max(...out.map((f) => f.floor.median)))} ms across batches`,
    );
  }

  // The price of a readable trace, paid on a container's first logged error instead of at every
  // cold start: reading and parsing the largest bundle's map and mapping one frame.
  const { file } = bundleOf(stack, template, 'editorial', outdir);
  const error = new Error('bench');
  const lines = readFileSync(file, 'utf8').split('\n');
  const longest = lines.reduce((best, line, i) => (line.length > (lines[best]?.length ?? 0) ? i : best), 0);
  error.stack = `Error: bench\n    at f (file://${file}:${longest + 1}:${Math.floor((lines[longest]?.length ?? 0) / 2)})`;
  const t0 = performance.now();
  const mapped = readableStack(error) ?? '';
  console.log(
    `first logged error, editorial: map read and frame mapped in ${(performance.now() - t0).toFixed(0)} ms: ${mapped.split('\n')[1]?.trim()}`,
  );
  return out;
}
