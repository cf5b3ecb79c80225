import { describe, expect, it } from 'vitest';
import { wordDiff } from '../../web/src/wordDiff.ts';

/** The history diff marks the words that changed, not the whole block. */
describe('word differences', () => {
  it('marks only the word replaced in a long paragraph', () => {
    const before = 'Work began on Monday on the section of the harbour wall damaged in January.';
    const after = 'Work began on Tuesday on the section of the harbour wall damaged in January.';
    expect(wordDiff(before, after)).toEqual([
      { kind: 'same', text: 'Work began on ' },
      { kind: 'removed', text: 'Monday' },
      { kind: 'added', text: 'Tuesday' },
      { kind: 'same', text: ' on the section of the harbour wall damaged in January.' },
    ]);
  });

  it('marks words put in and taken out in several places, and both sides rebuild their text', () => {
    const before = 'The council voted on Tuesday to repair the wall.';
    const after = 'The city council voted to repair the old wall quickly.';
    const pieces = wordDiff(before, after);
    expect(
      pieces
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(before);
    expect(
      pieces
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
    ).toBe(after);
    expect(pieces.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toEqual(['on Tuesday']);
    expect(pieces.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual([
      'city',
      'old',
      'quickly',
    ]);
  });

  it('a text against nothing is all added (a new block), and equal texts are all the same', () => {
    expect(wordDiff('', 'New block.')).toEqual([{ kind: 'added', text: 'New block.' }]);
    expect(wordDiff('Same.', 'Same.')).toEqual([{ kind: 'same', text: 'Same.' }]);
  });

  it('stays quick on two 10,000-character blocks that differ throughout', () => {
    const words = (seed: number) => Array.from({ length: 1600 }, (_, i) => `w${(i * seed) % 97}`).join(' ');
    const started = Date.now();
    const pieces = wordDiff(words(7), words(11));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(
      pieces
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
    ).toBe(words(7));
  });
});
