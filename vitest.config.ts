import { availableParallelism } from 'node:os';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { defineConfig } from 'vitest/config';
import { LongestFirst } from './tests/support/sequencer.ts';

/**
 * One project per kind of test, each a folder (a new file is picked up by where it is):
 * `npm run test:<project>` runs one. Files run in parallel, each in its own process (`forks`), so
 * each can point its functions at its own tables. The suites wait on DynamoDB Local, Chromium and
 * child processes more than they compute: more workers than cores pays, measured in CONTRIBUTING.md
 * (Scripts). VITEST_MAX_WORKERS overrides the count.
 */
const WORKERS = Number(process.env.VITEST_MAX_WORKERS) || Math.max(2, availableParallelism() * 2);

const project = (name: string, dirs: string[], extra: TestProjectInlineConfiguration['test'] = {}) => ({
  test: {
    name,
    include: dirs.map((dir) => `tests/${dir}/**/*.test.ts`),
    pool: 'forks' as const,
    // A limit for a hung test, not a speed check (those are benchmarks). Under a full run on two
    // cores a storage-bound test takes 10-25 times what it takes alone: the merged-list test's
    // 190 requests, about a second alone, passed 60 s in a fresh-clone run. A hook may start a
    // seeded CMS, which passed 240 s in a full run beside other work on the machine.
    testTimeout: 180_000,
    hookTimeout: 480_000,
    // expect.poll gives up after 1 s by default: under parallel load, a browser's next render (a
    // correction listed after Enter) was seen taking longer. As long as a browser step may take.
    expect: { poll: { timeout: 8_000 } },
    ...extra,
  },
});

export default defineConfig({
  test: {
    // For the whole run, whatever projects it selects: the run's cache folder and one DynamoDB Local
    // (each file creates its own uniquely prefixed tables in it, tests/support/env.ts).
    globalSetup: ['tests/support/runCacheSetup.ts', 'tests/support/globalSetup.ts'],
    maxWorkers: WORKERS,
    sequence: { sequencer: LongestFirst },
    // The timing first: vitest's summary stays the last lines printed.
    reporters: ['./tests/support/timingReporter.ts', 'default'],
    projects: [
      // Pure and template-reading files share their workers' module cache (isolate: false): each
      // fork then imports aws-cdk-lib, zod and the AWS SDK once instead of once per file, which was
      // most of these projects' time. They keep no state between files (a test that sets an
      // environment variable deletes it again).
      project('unit', ['unit'], { isolate: false }),
      project('integration', ['integration']),
      // The docs walkthroughs (api) runs `npm start`, which serves the built console.
      project('api', ['api'], { globalSetup: ['tests/support/consoleBuild.ts'] }),
      // The operator tools (tests/ops) read the synthesized template too.
      project('infra', ['infra', 'ops'], { isolate: false }),
      project('web', ['web'], { globalSetup: ['tests/support/consoleBuild.ts'] }),
    ],
  },
});
