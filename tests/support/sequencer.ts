import { statSync } from 'node:fs';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * About how long a file of each project takes (measured, see CONTRIBUTING.md, Scripts): the
 * browser files are the longest by far. Vitest's own order is by project name, which would start
 * them last and leave the run waiting on them at the end.
 */
const TYPICAL_MS: Record<string, number> = {
  web: 60_000,
  api: 12_000,
  integration: 6_000,
  infra: 4_000,
  unit: 1_000,
};

/**
 * Longest first, so the short files fill the gaps at the end instead of a long one starting last:
 * by the duration vitest remembers from an earlier run on this machine, else by what a file of its
 * project typically takes, larger files first.
 */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const expected = new Map(
      files.map((spec) => {
        const key = `${spec.project.name}:${spec.moduleId.slice(this.ctx.config.root.length + 1)}`;
        const known = cache.getFileTestResults(key)?.duration;
        return [spec, known ?? TYPICAL_MS[spec.project.name] ?? 5_000];
      }),
    );
    const size = (spec: TestSpecification) => statSync(spec.moduleId, { throwIfNoEntry: false })?.size ?? 0;
    return [...files].sort((a, b) => (expected.get(b) ?? 0) - (expected.get(a) ?? 0) || size(b) - size(a));
  }
}
