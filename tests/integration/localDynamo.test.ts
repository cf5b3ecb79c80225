import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startDynamo } from '../../infra/local/dynamo.ts';

/**
 * DynamoDB Local as npm start runs it: supervised, restarted when it dies, and stopped with the
 * CMS, never left running with nobody to stop it. Linux: the process table is read from /proc.
 */
const alive = (pid: number | undefined) => {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
/** The processes whose command line serves this port: DynamoDB Local is started with `-port N`. */
function onPort(port: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
        return args.some((a, i) => a === '-port' && args[i + 1] === port);
      } catch {
        return false; // ended meanwhile
      }
    })
    .map(Number);
}
/** The process group of a process, from /proc/<pid>/stat (its fifth field). */
const groupOf = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[2]);

async function waitFor(condition: () => boolean, what: string) {
  for (const deadline = Date.now() + 20_000; !condition(); ) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('supervised DynamoDB Local (npm start)', () => {
  it('runs in a process group of its own, so a Ctrl-C in the terminal reaches only npm start', async () => {
    const dynamo = await startDynamo({ supervise: { log: () => {}, restarted: async () => {} } });
    try {
      expect(groupOf(dynamo.pid ?? 0)).not.toBe(groupOf(process.pid));
    } finally {
      await dynamo.stop();
    }
  });

  it('stopped while it restarts a crashed instance, leaves none running', async () => {
    const lines: string[] = [];
    const dynamo = await startDynamo({ supervise: { log: (l) => lines.push(l), restarted: async () => {} } });
    const first = dynamo.pid;
    process.kill(first ?? 0, 'SIGKILL');
    // The supervisor has seen the crash and is launching another when the CMS stops.
    await waitFor(() => lines.some((l) => l.includes('restarting')), 'the restart');
    await dynamo.stop();
    expect(alive(first)).toBe(false);
    // Long enough for a launch under way to have come up, had it been left to itself.
    await new Promise((r) => setTimeout(r, 6_000));
    expect(onPort(new URL(dynamo.endpoint).port)).toEqual([]);
    expect(lines.some((l) => l.includes('is back'))).toBe(false);
  }, 60_000);
});
