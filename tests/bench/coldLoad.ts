/**
 * `npx tsx tests/bench/coldLoad.ts [runs] <bundle.mjs>...`: a fresh Node.js process importing each
 * bundle (no request: what a cold start pays before the handler runs), with and without
 * `--enable-source-maps`, all variants interleaved run by run so the shared machine's drift hits
 * them alike. Prints medians (import, process wall time, CPU time) and ratios to the first variant.
 * Useful to compare two builds of the same function (e.g. before and after a change, built by
 * tests/bench/bundleContents.ts' options). The functions that read a key at load read a dev keys
 * file written for the run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { localSecrets, localSecretsFile } from '../../infra/local/devAuth.ts';
import { ENV } from '../../shared/env.ts';

const args = process.argv.slice(2);
const runs = /^\d+$/.test(args[0] ?? '') ? Number(args.shift()) : 15;
const variants = args.flatMap((file) => [
  { label: `${file}`, file, options: [] as string[] },
  { label: `${file} --enable-source-maps`, file, options: ['--enable-source-maps'] },
]);
const SCRIPT = (file: string) =>
  `const t0 = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const c = process.cpuUsage(); process.stdout.write(JSON.stringify({ load: performance.now() - t0, cpu: (c.user + c.system) / 1000 }));`;

/** The dev keys file, for the functions that read a key at load (as they would Secrets Manager). */
const keysDir = mkdtempSync(join(tmpdir(), 'cms-cold-load-'));
localSecrets(keysDir);
process.on('exit', () => rmSync(keysDir, { recursive: true, force: true }));

/** Every variable a function reads at load (stand-ins: nothing is called), no local endpoint. */
const CHILD_ENV: Record<string, string> = {
  PATH: process.env.PATH ?? '',
  AWS_REGION: 'eu-west-1',
  ...Object.fromEntries(
    Object.values(ENV)
      .filter((name) => name !== ENV.dynamodbEndpoint && name !== ENV.webhookUrl)
      .map((name) => [
        name,
        name.endsWith('_ARN') ? 'arn:aws:lambda:eu-west-1:123456789012:function:x' : 'bench',
      ]),
  ),
  [ENV.localSecretsFile]: localSecretsFile(keysDir),
  [ENV.corsOrigins]: 'https://news.example.org',
};

const samples = variants.map(() => ({ load: [] as number[], wall: [] as number[], cpu: [] as number[] }));
for (let i = 0; i < runs + 1; i += 1) {
  variants.forEach((variant, v) => {
    const started = performance.now();
    const child = spawnSync(
      process.execPath,
      [...variant.options, '--input-type=module', '-e', SCRIPT(variant.file)],
      {
        encoding: 'utf8',
        env: CHILD_ENV,
      },
    );
    const wall = performance.now() - started;
    // The first round only warms the page cache.
    if (child.status !== 0) throw new Error(`${variant.label} failed to load:\n${child.stderr.slice(-2000)}`);
    if (i > 0) {
      const { load, cpu } = JSON.parse(child.stdout) as { load: number; cpu: number };
      samples[v]?.load.push(load);
      samples[v]?.cpu.push(cpu);
      samples[v]?.wall.push(wall);
    }
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const base = median(samples[0]?.wall ?? []);
const baseCpu = median(samples[0]?.cpu ?? []);
// CPU time (the process's own, Node's start included) moves less than wall time on a shared machine.
console.log(
  `median of ${runs} interleaved runs: import ms, process wall ms and its ratio to the first, CPU ms to the end of the import and its ratio`,
);
variants.forEach((variant, v) => {
  const wall = median(samples[v]?.wall ?? []);
  const cpu = median(samples[v]?.cpu ?? []);
  console.log(
    `${median(samples[v]?.load ?? [])
      .toFixed(0)
      .padStart(
        6,
      )} ${wall.toFixed(0).padStart(6)}  ${(wall / base).toFixed(2)}x ${cpu.toFixed(0).padStart(6)}  ${(cpu / baseCpu).toFixed(2)}x  ${variant.label}`,
  );
});
