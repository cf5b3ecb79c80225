import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/**
 * A folder for what the files of one run share (tests/support/runCache.ts), removed after the run.
 * In the system's temporary folder: a bundle run from there has no node_modules up its tree.
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'cms-test-run-'));
  project.provide('runCacheDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
