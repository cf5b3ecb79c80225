import { describe, expect, it } from 'vitest';
import { assess, evaluate } from '../../shared/services/comments/policy.ts';
import { DEFAULT_COMMENT_SETTINGS } from '../../shared/services/comments/settings.ts';
import { countLinks, termsIn } from '../../shared/services/textFold.ts';

/**
 * The spellings that got past the rules (security issue "Nothing bypassed, round 2"), and more of
 * each kind, written here with their own small tables, independent of the fold's.
 */
const TERMS = ['shill', 'casino', 'viagra', 'scam'];

const swap = (table: Record<string, string>) => (word: string) =>
  [...word].map((c) => table[c] ?? c).join('');
const between = (sep: string) => (word: string) => [...word].join(sep);

const TECHNIQUES: Record<string, (word: string) => string> = {
  capitals: (w) => w.toUpperCase(),
  'dotless i': swap({ i: 'ı' }),
  cyrillic: swap({ a: 'а', c: 'с', o: 'о', i: 'і', s: 'ѕ', h: 'һ', g: 'ԍ', r: 'г', m: 'м' }),
  greek: swap({ a: 'α', o: 'ο', i: 'ι', n: 'η', v: 'ν', c: 'ϲ' }),
  'armenian o and s': swap({ o: 'օ', s: 'ѕ', h: 'հ', g: 'ց' }),
  'latin alpha': swap({ a: 'ɑ', g: 'ɡ', i: 'ɩ' }),
  'small capitals': swap({
    a: 'ᴀ',
    c: 'ᴄ',
    g: 'ɢ',
    h: 'ʜ',
    i: 'ɪ',
    l: 'ʟ',
    m: 'ᴍ',
    n: 'ɴ',
    o: 'ᴏ',
    r: 'ʀ',
    s: 'ꜱ',
    v: 'ᴠ',
  }),
  cherokee: swap({ a: 'Ꭺ', c: 'Ꮯ', g: 'Ꮐ', h: 'Ꮋ', i: 'Ꭵ', l: 'Ꮮ', m: 'Ꮇ', s: 'Ꮪ', v: 'Ꮩ' }),
  'cherokee small letters': swap({ a: 'ꭺ', c: 'ꮯ', h: 'ꮋ', i: 'ꭵ', l: 'ꮮ', s: 'ꮪ', v: 'ꮩ' }),
  fullwidth: (w) => [...w].map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) + 0xfee0)).join(''),
  'mathematical bold': (w) =>
    [...w].map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) - 97 + 0x1d41a)).join(''),
  circled: (w) => [...w].map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) - 97 + 0x24d0)).join(''),
  'negative squared': (w) =>
    [...w].map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) - 97 + 0x1f170)).join(''),
  'hangul filler U+3164': between('\u3164'),
  'braille blank U+2800': between('\u2800'),
  'no-break space': between('\u00a0'),
  'zero-width space': between('\u200b'),
  'soft hyphen': between('\u00ad'),
  accents: swap({ a: 'á', i: 'í', o: 'ö', s: 'ş', c: 'ç', n: 'ñ' }),
  leetspeak: swap({ a: '4', i: '1', o: '0', s: '5', e: '3', g: '9', l: '|' }),
  'leet symbols': swap({ a: '@', s: '$', i: '!' }),
  spaced: between(' '),
  dotted: between('.'),
  hyphenated: between('-'),
  underscored: between('_'),
  'doubled letters': (w) => [...w].map((c) => c + c).join(''),
  'tripled last letter': (w) => w + w.slice(-1).repeat(2),
  'a hyphen inside': (w) => `${w.slice(0, 2)}-${w.slice(2)}`,
  'spaced capitals with dots': (w) => between('. ')(w.toUpperCase()),
};

const both =
  (outer: string, inner: string) =>
  (word: string): string => {
    const [first, second] = [TECHNIQUES[inner], TECHNIQUES[outer]];
    if (!first || !second) throw new Error(`no technique ${inner} or ${outer}`);
    return second(first(word));
  };

const SPELLINGS: [string, string][] = [
  // Exactly as reported.
  ['shill', '5hill'],
  ['shill', 'sh-ill'],
  ['shill', 'shıll'],
  ['shill', 'ѕһіӏӏ'],
  ['shill', 'shiII'],
  ['shill', 'ᏚᎻᎥᏞᏞ'],
  ['casino', 'c.a.s.i.n.o'],
  ['casino', 'ϲasino'],
  ['casino', 'c a s 1 n 0'],
  ['scam', 'sсаm'],
  ['viagra', 'v1@gr@'],
  ['viagra', 'VIAGRA'],
  ...TERMS.flatMap((term) =>
    Object.entries(TECHNIQUES).map(([, spell]) => [term, spell(term)] as [string, string]),
  ),
  // Two techniques at once.
  ...TERMS.map((term) => [term, both('spaced', 'cyrillic')(term)] as [string, string]),
  ...TERMS.map((term) => [term, both('doubled letters', 'leetspeak')(term)] as [string, string]),
];

describe('blocked terms, however spelled', () => {
  it(`catches all ${SPELLINGS.length} obfuscated spellings, in the text and in a sentence`, () => {
    const spelled = SPELLINGS.filter(([term, spelling]) => spelling !== term);
    expect(spelled.length).toBeGreaterThanOrEqual(100);
    const missed = spelled.filter(
      ([term, spelling]) => !termsIn(`Look: ${spelling} here.`, TERMS).includes(term),
    );
    expect(missed).toEqual([]);
  });

  it('folds the configured terms as it folds the text', () => {
    expect(termsIn('a paid shill', ['SH1LL'])).toEqual(['SH1LL']);
    expect(termsIn('a paid shill', ['ѕhіll'])).toEqual(['ѕhіll']);
    // A term that folds to nothing matches nothing (it would match every comment).
    expect(termsIn('anything at all', ['\u200b', '--'])).toEqual([]);
  });

  it('finds nothing in ordinary words: no term across two words, no letter it does not have', () => {
    const ordinary = [
      'The fish illness spread this hill by hill.',
      'She will; we shall see. The shell and the skill, a chill, a spill.',
      'A case in one car; it came from a scheme in a cameo, scum on a sachet.',
      'Virginia, vinegar, Niagara and a via grande: I am a scholar.',
      'S C A L E', // a spelled word that is not a term
      'Prices rose 5 % in 2024; see page 3.',
    ];
    for (const text of ordinary) expect(termsIn(text, TERMS), text).toEqual([]);
  });

  it('keeps matching inside words, as it always did', () => {
    // Terms were matched anywhere in the text before this fold; a newsroom's lists rely on it.
    expect(termsIn('casinos and scammers', TERMS)).toEqual(['casino', 'scam']);
  });

  it('holds a suspect term spelled any of these ways, as blocked terms', () => {
    const settings = { ...DEFAULT_COMMENT_SETTINGS, mode: 'post' as const, suspectTerms: ['shill'] };
    for (const body of ['a 5hill', 'a sh-ill', 'a shıll', 'a s h i l l', 'a ꜱʜɪʟʟ']) {
      expect(assess({ authorName: 'A', body }, settings, false), body).toEqual({
        status: 'pending',
        flags: ['suspect-term:shill'],
      });
    }
  });
});

describe('links, however written', () => {
  it('counts each disguised link once', () => {
    for (const link of [
      'https://evil.example/x',
      'hxxps://evil.example/x',
      'hxxp://evil.example',
      'https:/ /evil.example',
      'https : // evil.example',
      'https[:]//evil.example',
      'www。evil。example',
      'www[.]evil[.]example',
      'www (dot) evil (dot) example',
      '//evil.example/path',
      'ｈｔｔｐｓ：／／evil.example',
      'һttps://evil.example',
      'h\u200bttps://evil.example',
      'https://www.evil.example',
    ]) {
      expect(countLinks(`See ${link} now.`), link).toBe(1);
    }
  });

  it('counts nothing in ordinary text', () => {
    for (const text of ['a // b', 'ratio 1//2', 'Note: the end.', 'Version 2.0 is out.', 'e.g. this']) {
      expect(countLinks(text), text).toBe(0);
    }
  });

  it('holds a comment whose disguised links pass maxLinks', () => {
    const settings = { ...DEFAULT_COMMENT_SETTINGS, mode: 'post' as const, maxLinks: 2 };
    const body = 'Go to hxxps://a.example, https:/ /b.example and www。c。example or //d.example now.';
    expect(evaluate({ authorName: 'A', body }, settings)).toEqual({ status: 'pending', flags: ['links:4'] });
  });
});
