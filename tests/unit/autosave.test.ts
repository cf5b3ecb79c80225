import { describe, expect, it } from 'vitest';
import { AUTOSAVE_SETTINGS, createAutosaver } from '../../web/src/desk/autosave.ts';
import { PATTERNS, simulatedTimers, writesFor } from '../bench/autosave.ts';

// The console's autosave scheduler on a simulated clock: the bounds the desk promises.
describe('autosave schedule', () => {
  it.each(PATTERNS)(
    '$name: at most one write per 5 s, no keystroke unkept for longer than 5 s',
    async (pattern) => {
      const figures = await writesFor(pattern);
      expect(AUTOSAVE_SETTINGS.everyMs).toBe(5000);
      expect(figures.writesPerMinute).toBeLessThanOrEqual(60_000 / AUTOSAVE_SETTINGS.everyMs);
      expect(figures.minGapMs ?? Number.POSITIVE_INFINITY).toBeGreaterThanOrEqual(AUTOSAVE_SETTINGS.everyMs);
      expect(figures.longestWaitMs).toBeLessThanOrEqual(AUTOSAVE_SETTINGS.everyMs);
    },
  );

  it('writes a few seconds after typing stops, once, and not again for the same text', async () => {
    const { timers, advance } = simulatedTimers();
    const writes: [number, string][] = [];
    const saver = createAutosaver(
      {
        write: async (text) => {
          writes.push([timers.now(), text]);
          return undefined;
        },
        discard: async () => {},
      },
      { timers },
    );
    saver.changed('a');
    await advance(1000);
    saver.changed('ab');
    await advance(10_000);
    expect(writes).toEqual([[3000, 'ab']]);
    saver.changed('ab');
    await advance(20_000);
    expect(writes).toHaveLength(1);
  });

  it('a discard waits for the write in flight, so no autosave outlives a save', async () => {
    const { timers, advance } = simulatedTimers();
    const calls: string[] = [];
    let finishWrite: () => void = () => {};
    const saver = createAutosaver(
      {
        write: (text) =>
          new Promise((done) => {
            calls.push(`write ${text}`);
            finishWrite = () => {
              calls.push(`written ${text}`);
              done(undefined);
            };
          }),
        discard: async () => void calls.push('discard'),
      },
      { timers },
    );
    saver.changed('draft');
    await advance(2000);
    expect(calls).toEqual(['write draft']);
    const cleared = saver.clear();
    finishWrite();
    await cleared;
    expect(calls).toEqual(['write draft', 'written draft', 'discard']);
  });

  it('clears nothing it did not write, unless told to; a stopped autosaver writes no more', async () => {
    const { timers, advance } = simulatedTimers();
    const calls: string[] = [];
    const saver = createAutosaver(
      {
        write: async () => {
          calls.push('write');
          return undefined;
        },
        discard: async () => void calls.push('discard'),
      },
      { timers },
    );
    await saver.clear();
    expect(calls).toEqual([]);
    await saver.clear({ always: true });
    expect(calls).toEqual(['discard']);
    saver.adopt();
    await saver.clear();
    expect(calls).toEqual(['discard', 'discard']);
    saver.stop();
    saver.changed('late');
    await advance(60_000);
    expect(calls).toEqual(['discard', 'discard']);
  });
});
