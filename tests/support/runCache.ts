import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';

/**
 * The run's cache folder (tests/support/runCacheSetup.ts makes it and removes it after the run), or
 * undefined outside vitest (`npm run bench` synthesizes with the same helpers).
 */
export function runCacheDir(): string | undefined {
  try {
    return inject('runCacheDir');
  } catch {
    return undefined;
  }
}

/** A scratch folder that goes with the run's cache (a temporary folder outside vitest). */
export function scratchDir(prefix: string): string {
  const root = runCacheDir();
  return mkdtempSync(join(root ?? tmpdir(), `${prefix}-`));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** True when the lock is ours; the lock holds the holder's pid so a dead holder can be noticed. */
function tryLock(lock: string): boolean {
  try {
    mkdirSync(lock);
  } catch {
    return false;
  }
  writeFileSync(join(lock, 'pid'), String(process.pid));
  return true;
}

function holderGone(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return false; // just taken: the pid is being written
  }
  return Number.isInteger(pid) && pid > 0 && !alive(pid);
}

/**
 * Something slow that every test file of a run can share (a synthesized cloud assembly), made once
 * per run: the first worker to ask builds it into a folder of its own and renames that into place,
 * which is atomic, so no reader sees half of it; the others wait instead of building it again. If
 * the build fails, each file that needs it fails with the same error rather than retrying; a builder
 * whose process died leaves its lock behind, and the next to look takes over.
 */
export async function buildOnce(
  root: string,
  key: string,
  build: (dir: string) => void | Promise<void>,
): Promise<string> {
  const dir = join(root, key);
  const lock = `${dir}.lock`;
  const failed = `${dir}.failed`;
  for (;;) {
    if (existsSync(dir)) return dir;
    if (existsSync(failed)) {
      throw new Error(`Building ${key} failed in another test file:\n${readFileSync(failed, 'utf8')}`);
    }
    if (tryLock(lock)) {
      try {
        if (existsSync(dir)) return dir;
        const building = `${dir}.building-${process.pid}`;
        rmSync(building, { recursive: true, force: true });
        mkdirSync(building);
        try {
          await build(building);
        } catch (error) {
          writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
          throw error;
        }
        try {
          renameSync(building, dir);
        } catch (error) {
          // Only after a holder died mid-build can two have built it: keep the first.
          if (!existsSync(dir)) throw error;
          rmSync(building, { recursive: true, force: true });
        }
        return dir;
      } finally {
        rmSync(lock, { recursive: true, force: true });
      }
    }
    if (holderGone(lock)) rmSync(lock, { recursive: true, force: true });
    else await sleep(100);
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    runCacheDir: string;
  }
}
