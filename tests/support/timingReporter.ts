import { loadavg } from 'node:os';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

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
      ].join('\n'),
    );
  }
}
