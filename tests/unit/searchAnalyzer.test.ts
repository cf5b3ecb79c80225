import { describe, expect, it } from 'vitest';
import {
  ANALYZER_VERSION,
  analyzeDocument,
  analyzeQuery,
  fold,
  tokenize,
} from '../../shared/search/analyzer.ts';
import { excerptOf } from '../../shared/search/excerpt.ts';

const termsOf = (text: string) => [...analyzeDocument({ body: text }).terms.keys()];

describe('search analyzer', () => {
  it('has a version the index records', () => {
    expect(Number.isInteger(ANALYZER_VERSION)).toBe(true);
  });

  it('folds case and accents, so Zürich finds zurich and the other way round', () => {
    expect(fold('Zürich')).toBe('zurich');
    expect(fold('ZÜRICH')).toBe('zurich');
    expect(fold('Straße')).toBe('strasse');
    expect(fold('Ｆｕｌｌｗｉｄｔｈ')).toBe('fullwidth');
    expect(analyzeQuery('Zürich ').terms).toEqual(termsOf('zurich'));
    expect(analyzeQuery('zurich ').terms).toEqual(termsOf('Zürich'));
  });

  it('stems English, so councils finds council', () => {
    expect(analyzeQuery('councils ').terms).toEqual(['council']);
    expect(termsOf('The council met')).toEqual(['council', 'met']);
    expect(analyzeQuery('running ').terms).toEqual(termsOf('runs'));
  });

  it('drops stop words and punctuation, keeps numbers', () => {
    expect(termsOf('The mayor, and the 2026 budget!')).toEqual(['mayor', '2026', 'budget']);
  });

  it('reads a possessive as its word and joins other apostrophes', () => {
    expect(tokenize("The council's plan, don't").map((t) => t.word)).toEqual([
      'the',
      'council',
      'plan',
      'dont',
    ]);
  });

  it('weights a headline word above a body word', () => {
    const { terms } = analyzeDocument({ title: 'Harbour', body: 'harbour wall' });
    expect(terms.get('harbour')).toBeGreaterThan(terms.get('wall') ?? 0);
  });

  it('lists each word under its first three letters, for prefix queries', () => {
    const { prefixes } = analyzeDocument({ body: 'Council councillors count' });
    expect(prefixes.get('cou')?.words).toEqual(['council', 'councillors', 'count']);
  });

  it('treats the last word as a prefix while it is being typed', () => {
    expect(analyzeQuery('harbour counc')).toMatchObject({
      terms: ['harbour'],
      prefix: { word: 'counc', key: 'cou' },
    });
    // A space after it: the word is complete.
    expect(analyzeQuery('harbour council ')).toMatchObject({ terms: ['harbour', 'council'], prefix: null });
    // Fewer than three letters narrow nothing yet and are left out while other words are there.
    expect(analyzeQuery('harbour co')).toMatchObject({ terms: ['harbour'], prefix: null });
    expect(analyzeQuery('uk')).toMatchObject({ terms: ['uk'], prefix: null });
  });

  it('keeps a stop word being typed as a prefix (the → theatre)', () => {
    expect(analyzeQuery('the').prefix).toMatchObject({ word: 'the' });
    expect(analyzeQuery('the ').prefix).toBeNull();
    expect(analyzeQuery('the ').terms).toEqual([]);
  });
});

describe('search excerpt', () => {
  const body =
    'Work on the harbour wall began on Monday. The contractor said the first phase would take six weeks. ' +
    'Councillors were told that the Zürich engineering firm had finished the survey in the spring, ' +
    'and that the councils of both towns would share the cost of repairs to the old stone quay.';

  it('marks the words the query found, around the first of them', () => {
    const pieces = excerptOf(body, analyzeQuery('zurich '));
    expect(pieces.filter((p) => p.match).map((p) => p.text)).toEqual(['Zürich']);
    expect(pieces[0]?.text.startsWith('…')).toBe(true);
    expect(pieces.map((p) => p.text).join('').length).toBeLessThanOrEqual(210);
  });

  it('marks stemmed and prefixed matches as the reader typed them', () => {
    const matched = excerptOf(body, analyzeQuery('council'), 1000)
      .filter((p) => p.match)
      .map((p) => p.text);
    expect(matched).toEqual(['Councillors', 'councils']);
  });

  it('starts at the beginning when the text has no hit', () => {
    const pieces = excerptOf(body, analyzeQuery('lighthouse '));
    expect(pieces[0]?.text.startsWith('Work on the harbour')).toBe(true);
    expect(pieces.every((p) => !p.match)).toBe(true);
  });
});
