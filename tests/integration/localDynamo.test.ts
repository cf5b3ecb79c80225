import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freePort, START_LIMIT_VARIABLE, startDynamo, startLimitMs } from '../../infra/local/dynamo.ts';

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
  for (const deadline = Date.now() + 60_000; !condition(); ) {
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
  });

  it('restarts at once when the instance it is restarting dies too', async () => {
    const lines: { at: number; line: string }[] = [];
    const dynamo = await startDynamo({
      supervise: { log: (line) => lines.push({ at: Date.now(), line }), restarted: async () => {} },
    });
    try {
      const port = new URL(dynamo.endpoint).port;
      const first = dynamo.pid ?? 0;
      process.kill(first, 'SIGKILL');
      // The replacement's JVM is up but not yet answering: it dies too.
      await waitFor(() => onPort(port).some((pid) => pid !== first), 'the replacement JVM');
      const second = onPort(port).find((pid) => pid !== first) ?? 0;
      const crashedAt = Date.now();
      process.kill(second, 'SIGKILL');
      await waitFor(() => onPort(port).some((pid) => pid !== first && pid !== second), 'a third JVM');
      const thirdAt = Date.now();
      const said = lines.map((l) => l.line).join('\n');
      // Seen at once (it was a 30 s readiness wait, a JVM killed by a signal having no exit code),
      // and relaunched without a backoff: 45 s of outage before.
      expect(said).toContain('Restart 1 failed: DynamoDB Local was killed (SIGKILL) before it was ready.');
      expect(thirdAt - crashedAt, said).toBeLessThan(5_000);
      await waitFor(() => lines.some((l) => l.line.includes('is back')), 'DynamoDB Local to be back');
      expect(alive(dynamo.pid)).toBe(true);
    } finally {
      await dynamo.stop();
    }
  });
});

describe('starting DynamoDB Local on a busy machine', () => {
  /** Starts one on a free port and pauses its JVM as soon as it exists, as a loaded machine would. */
  async function pausedStart(options: Parameters<typeof startDynamo>[0]) {
    const port = await freePort();
    const started = startDynamo({ ...options, port });
    started.catch(() => {}); // awaited by the test
    await waitFor(() => onPort(String(port)).length > 0, 'the JVM');
    const pid = onPort(String(port))[0] ?? 0;
    process.kill(pid, 'SIGSTOP');
    return { started, pid, port };
  }

  it('waits past a slow start while the JVM lives, and says it is still starting', async () => {
    const lines: string[] = [];
    const { started, pid } = await pausedStart({ log: (l) => lines.push(l) });
    // Paused for longer than a progress message takes to come, then let go.
    await new Promise((r) => setTimeout(r, 11_000));
    process.kill(pid, 'SIGCONT');
    const dynamo = await started;
    try {
      expect(dynamo.pid).toBe(pid);
      expect(lines.some((l) => /DynamoDB Local is still starting \(\d+ s/.test(l))).toBe(true);
    } finally {
      await dynamo.stop();
    }
  });

  it('gives up on a JVM that uses no CPU at all, and stops it', async () => {
    const { started, pid, port } = await pausedStart({ stallMs: 2_000 });
    await expect(started).rejects.toThrow(/used no CPU for 2 s: it is hung/);
    await waitFor(() => !alive(pid), 'the hung JVM to be stopped');
    expect(onPort(String(port))).toEqual([]);
  });

  it('gives up at the configured limit, naming the variable that raises it', async () => {
    const { started, pid } = await pausedStart({ startLimitMs: 1_500 });
    await expect(started).rejects.toThrow(`within 1.5 s (raise ${START_LIMIT_VARIABLE} on a busy machine)`);
    await waitFor(() => !alive(pid), 'the JVM to be stopped');
  });

  it('reads the limit from the environment, generous by default, and refuses nonsense', () => {
    expect(startLimitMs({})).toBeGreaterThanOrEqual(120_000);
    expect(startLimitMs({ [START_LIMIT_VARIABLE]: '90' })).toBe(90_000);
    expect(() => startLimitMs({ [START_LIMIT_VARIABLE]: 'soon' })).toThrow(
      `${START_LIMIT_VARIABLE} must be a number of seconds above 0, not "soon".`,
    );
  });
});
