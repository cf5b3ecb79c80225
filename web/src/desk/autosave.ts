import { DESK_LIMITS } from '../../../shared/schemas/desk.ts';

/**
 * When the editor's unsaved work goes to the server. Free of Preact and of the DOM, with its clock
 * and timers injected, so the bench (tests/bench/autosave.ts) runs this very scheduler over
 * simulated typing.
 *
 * A write goes out `idleMs` after typing stops, or `everyMs` after the first change not yet written
 * while typing goes on (a crashed tab loses at most that much), and never sooner than `everyMs`
 * after the previous write: at most one write per `everyMs` of typing. Writes and discards run one
 * at a time in order, so a discard (after a save, on leaving) is never overtaken by a write that
 * was already in flight, and no autosave outlives the edits it held.
 */
export interface AutosaveSettings {
  idleMs: number;
  everyMs: number;
}

export const AUTOSAVE_SETTINGS: AutosaveSettings = {
  idleMs: DESK_LIMITS.autosaveIdleSeconds * 1000,
  everyMs: DESK_LIMITS.autosaveEverySeconds * 1000,
};

export interface Timers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type AutosaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saved'; at: number }
  | { kind: 'failed'; message: string };

export interface AutosaveTarget {
  /** Keeps `content`; resolves to an error message when it could not. */
  write(content: string): Promise<string | undefined>;
  discard(): Promise<void>;
}

export function createAutosaver(
  target: AutosaveTarget,
  {
    settings = AUTOSAVE_SETTINGS,
    timers = browserTimers,
    onState = () => {},
  }: { settings?: AutosaveSettings; timers?: Timers; onState?: (state: AutosaveState) => void } = {},
) {
  let pending: string | undefined;
  /** The content last written, to skip writing it again. */
  let written: string | undefined;
  /** Whether a write went out since the last discard: what `clear` must take back. */
  let onServer = false;
  let firstUnwrittenAt: number | undefined;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let timer: unknown;
  let queue: Promise<void> = Promise.resolve();
  let stopped = false;

  const enqueue = (step: () => Promise<void>) => {
    queue = queue.then(step, step);
    return queue;
  };
  const cancelTimer = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };

  function writeNow(): Promise<void> {
    cancelTimer();
    const content = pending;
    pending = undefined;
    firstUnwrittenAt = undefined;
    if (content === undefined || content === written) return queue;
    lastWriteAt = timers.now();
    onServer = true;
    return enqueue(async () => {
      const failure = await target.write(content);
      if (failure === undefined) {
        written = content;
        onState({ kind: 'saved', at: timers.now() });
      } else onState({ kind: 'failed', message: failure });
    });
  }

  return {
    /** The editor's content changed and differs from what was last saved as the article. */
    changed(content: string) {
      if (stopped) return;
      const now = timers.now();
      pending = content;
      firstUnwrittenAt ??= now;
      const due = Math.max(
        Math.min(now + settings.idleMs, firstUnwrittenAt + settings.everyMs),
        lastWriteAt + settings.everyMs,
      );
      cancelTimer();
      timer = timers.setTimeout(() => void writeNow(), due - now);
      onState({ kind: 'pending' });
    },

    /** Writes what is pending at once (tests, and a page about to be hidden). */
    flush: () => writeNow(),

    /**
     * The edits were saved as the article, undone, or left behind: nothing pending, and what this
     * session wrote is discarded after any write in flight. `always` discards an autosave this
     * session did not write (the person declined to restore it).
     */
    clear({ always = false } = {}): Promise<void> {
      cancelTimer();
      pending = undefined;
      firstUnwrittenAt = undefined;
      const had = onServer;
      onServer = false;
      written = undefined;
      onState({ kind: 'idle' });
      if (!had && !always) return queue;
      return enqueue(() => target.discard());
    },

    /** The server holds an autosave this session now answers for (one restored into the form). */
    adopt() {
      onServer = true;
    },

    /** The editor closed: no timer left behind. Whatever `clear` queued still runs. */
    stop() {
      stopped = true;
      cancelTimer();
    },

    /** Resolves when every write and discard queued so far is done. */
    settled: () => queue,
  };
}
export type Autosaver = ReturnType<typeof createAutosaver>;
