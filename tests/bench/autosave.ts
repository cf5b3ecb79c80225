/**
 * Autosave writes per minute of typing: the console's own scheduler (web/src/desk/autosave.ts)
 * driven over simulated typing on a simulated clock, so a minute takes milliseconds and the count
 * is exact. Also used by tests/unit/autosave.test.ts, which holds the bound (one write per 5 s).
 */
import {
  AUTOSAVE_SETTINGS,
  type AutosaveSettings,
  createAutosaver,
  type Timers,
} from '../../web/src/desk/autosave.ts';

/** A clock and timers that move only when told: setTimeout callbacks run in time order. */
export function simulatedTimers() {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout(run, ms) {
      next += 1;
      due.set(next, { at: now + ms, run });
      return next;
    },
    clearTimeout: (handle) => void due.delete(handle as number),
  };
  /**
   * Moves the clock to `to`, running every timer that falls due on the way, each at its own time
   * and followed by the promise work it started (a write runs in the autosaver's queue).
   */
  async function advance(to: number) {
    for (;;) {
      const first = [...due.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!first || first[1].at > to) break;
      due.delete(first[0]);
      now = first[1].at;
      first[1].run();
      await new Promise((settle) => setImmediate(settle));
    }
    now = to;
  }
  return { timers, advance };
}

export interface TypingPattern {
  name: string;
  /** Milliseconds from the start at which a key is pressed, within one minute. */
  keys: number[];
}

const every = (ms: number, from = 0, to = 60_000) =>
  Array.from({ length: Math.floor((to - from) / ms) }, (_, i) => from + i * ms);

/** Typing as it comes: steady, in bursts with pauses to think, and slow. */
export const PATTERNS: TypingPattern[] = [
  { name: 'steady, 5 keys/s for the whole minute', keys: every(200) },
  {
    name: 'bursts: 8 s typing (5 keys/s), 4 s pause',
    keys: every(12_000).flatMap((start) => every(200, start, start + 8_000)),
  },
  { name: 'slow: a key every 3 s', keys: every(3_000) },
  { name: 'one sentence, then reading (10 s typing)', keys: every(200, 0, 10_000) },
];

/** Writes the scheduler sends for one pattern, and the shortest gap between two of them. */
export async function writesFor(pattern: TypingPattern, settings: AutosaveSettings = AUTOSAVE_SETTINGS) {
  const { timers, advance } = simulatedTimers();
  const writes: number[] = [];
  const saver = createAutosaver(
    {
      write: async () => {
        writes.push(timers.now());
        return undefined;
      },
      discard: async () => {},
    },
    { settings, timers },
  );
  let text = '';
  for (const at of pattern.keys) {
    await advance(at);
    text += 'x';
    saver.changed(text);
  }
  await advance(60_000 + settings.everyMs + settings.idleMs);
  await saver.settled();
  const gaps = writes.slice(1).map((at, i) => at - (writes[i] ?? 0));
  // A keystroke is kept by the first write at or after it: the wait is what a crashed tab loses.
  const waits = pattern.keys.map((key) => (writes.find((at) => at >= key) ?? Number.POSITIVE_INFINITY) - key);
  return {
    pattern: pattern.name,
    writesPerMinute: writes.filter((at) => at <= 60_000).length,
    minGapMs: gaps.length ? Math.min(...gaps) : null,
    longestWaitMs: Math.max(...waits),
  };
}

/** The bench's section: one line per pattern, with the settings it ran with. */
export async function autosaveFigures() {
  const rows = [];
  for (const pattern of PATTERNS) rows.push(await writesFor(pattern));
  console.log(
    `\nAutosave writes per minute of typing (idle ${AUTOSAVE_SETTINGS.idleMs} ms, at most one per ${AUTOSAVE_SETTINGS.everyMs} ms)`,
  );
  console.log('| typing | writes/min | shortest gap | longest a keystroke waits to be kept |');
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.pattern} | ${r.writesPerMinute} | ${r.minGapMs === null ? '-' : `${r.minGapMs} ms`} | ${r.longestWaitMs} ms |`,
    );
  }
  return { settings: AUTOSAVE_SETTINGS, rows };
}
