import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { cpuTicks } from '../../infra/local/dynamo.ts';
import { CENSUS_KEY, DYNAMO_PID_VARIABLE } from './globalSetup.ts';
import type { RequestCensus } from './requestCensus.ts';

/** Linux reports CPU time in ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

/** The machine's CPU time so far, busy and in all (Linux: /proc/stat's first line); null elsewhere. */
function machineTicks(): { busy: number; all: number } | null {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/) ?? [];
    const n = fields.map(Number);
    const all = n.slice(0, 8).reduce((a, b) => a + b, 0);
    // idle and iowait are the 4th and 5th.
    return { busy: all - (n[3] ?? 0) - (n[4] ?? 0), all };
  } catch {
    return null;
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

/**
 * A benchmark figure at the end of the run, printed just before vitest's own summary (which stays
 * the last thing printed): the run's wall time, and per project its files, its wall span (first
 * file started to last file done) and its files' time added up. The load average goes with it:
 * the machine is shared, and a figure means little without it.
 */
export default class TimingReporter implements Reporter {
  private readonly started = Date.now();
  private readonly loadAtStart = load();
  private readonly machineAtStart = machineTicks();
  private readonly spans = new Map<string, { first: number; last: number }>();
  private workers: number | undefined;

  onInit(vitest: Vitest) {
    this.workers = vitest.config.maxWorkers;
  }

  onTestModuleQueued(module: TestModule) {
    const name = module.project.name;
    const span = this.spans.get(name);
    if (!span) this.spans.set(name, { first: Date.now(), last: Date.now() });
  }

  onTestModuleEnd(module: TestModule) {
    const span = this.spans.get(module.project.name);
    if (span) span.last = Date.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const lines = [...this.spans.entries()].map(([name, span]) => {
      const own = modules.filter((m) => m.project.name === name);
      const summed = own.reduce((total, m) => {
        const d = m.diagnostic();
        return total + d.prepareDuration + d.environmentSetupDuration + d.collectDuration + d.duration;
      }, 0);
      return `   ${name.padEnd(12)} ${String(own.length).padStart(3)} files   wall ${seconds(span.last - span.first).padStart(8)} (from ${seconds(span.first - this.started)})   files summed ${seconds(summed).padStart(8)}`;
    });
    console.log(
      [
        '',
        ` Timing  ${seconds(Date.now() - this.started)} wall, ${this.workers} workers; load average ${this.loadAtStart} at start, ${load()} at end`,
        ...lines,
        ...this.cpuLine(),
        // `npm run test:census` only.
        ...((globalThis as { [CENSUS_KEY]?: RequestCensus })[CENSUS_KEY]?.report().split('\n') ?? []),
      ].join('\n'),
    );
  }

  /**
   * Where the CPU went: the suite is CPU-bound, and the one DynamoDB Local serving every file has
   * been most of it (docs: CONTRIBUTING.md, Scripts). The machine's figure counts whatever else
   * ran beside the suite too.
   */
  private cpuLine(): string[] {
    const start = this.machineAtStart;
    const end = machineTicks();
    const jvm = cpuTicks(Number(process.env[DYNAMO_PID_VARIABLE]) || undefined);
    if (!start || !end) return [];
    const busy = (end.busy - start.busy) / TICKS_PER_SECOND;
    const all = (end.all - start.all) / TICKS_PER_SECOND;
    const dynamo = jvm === null ? '' : `; DynamoDB Local ${(jvm / TICKS_PER_SECOND).toFixed(0)} s of it`;
    return [
      `   CPU          the machine busy ${busy.toFixed(0)} of ${all.toFixed(0)} core-seconds (${availableParallelism()} cores)${dynamo}`,
    ];
  }
}
