// The package's table itself (one code point to its prototype): a lookup per character, without
// the 6,311-way regular expression its function would compile at each cold start.
import CONFUSABLES from 'unhomoglyph/data.json' with { type: 'json' };

const PROTOTYPES: Readonly<Record<string, string>> = CONFUSABLES;
const unhomoglyph = (s: string) => [...s].map((c) => PROTOTYPES[c] ?? c).join('');

/**
 * Text as the moderation rules compare it, so a blocked term or a link cannot hide behind
 * lookalike characters, fillers, leetspeak, separators or repeated letters. Only for matching:
 * what a reader wrote is stored and shown exactly as written.
 *
 * Lookalikes follow Unicode's confusables data (UTS #39, through `unhomoglyph`), not a list of our
 * own. Two gaps of that data are filled from the Unicode names: the Latin small capitals (UTS #39
 * maps none of them to their letter) and the lowercase forms of scripts whose capitals it maps
 * (Cherokee's small letters: their capital is tried). Fullwidth, mathematical and enclosed
 * letters are folded by NFKC before.
 */

/** LATIN LETTER SMALL CAPITAL A...Z (there is no X), by their Unicode names. */
const SMALL_CAPITALS: Readonly<Record<string, string>> = {
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ꜰ: 'f',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ꞯ: 'q',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
};

/**
 * Latin capitals drawn as symbols, A to Z in order, that NFKC leaves alone: NEGATIVE CIRCLED,
 * NEGATIVE SQUARED and REGIONAL INDICATOR SYMBOL LETTER A...Z, by their Unicode names.
 */
const SYMBOL_ALPHABETS = [0x1f150, 0x1f170, 0x1f1e6];

function symbolLetter(c: string): string | undefined {
  const cp = c.codePointAt(0) ?? 0;
  const start = SYMBOL_ALPHABETS.find((first) => cp >= first && cp < first + 26);
  return start === undefined ? undefined : String.fromCharCode(97 + cp - start);
}

/**
 * Leetspeak: digits and symbols written for letters. `1`, `|` and `!` all stand for i or l, which
 * UTS #39 also confuses (I, l, 1): i and l are one letter here (see foldForMatching).
 */
const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
  '@': 'a',
  $: 's',
  '!': 'l',
  '|': 'l',
  '€': 'e',
};

/**
 * Removed before anything else: what shows as nothing or as a blank without being a space
 * character (zero-width characters, joiners, Hangul fillers, variation selectors: Unicode's
 * Default_Ignorable_Code_Point; the Braille blank), and the no-break spaces, which NFKC would turn
 * into spaces and so split a word a reader sees whole.
 */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u2800\u00a0\u2007\u202f]/gu;
const MARKS = /\p{M}/gu;
const ASCII = /^[\x20-\x7e]*$/;

const plain = (s: string) => s.normalize('NFKD').replace(MARKS, '').toLowerCase();

/**
 * Prototypes that stand for an ASCII letter other than themselves (`m`'s is `rn`): read back as
 * that letter, since ASCII itself is not mapped (`corn` stays `corn`, a lookalike of m is `m`).
 */
const ASCII_OF_PROTOTYPE = new Map(
  [...'abcdefghijklmnopqrstuvwxyz']
    .map((x) => [plain(unhomoglyph(x)), x] as const)
    .filter(([prototype, x]) => prototype !== x),
);

const skeletons = new Map<string, string>();

/**
 * One character's prototype, lowercased and without marks: the first of UTS #39's mapping of it,
 * of its capital (Cherokee small letters, Greek kappa), of its NFKC form (fullwidth, mathematical
 * and circled letters) or of that form's capital that is ASCII; else the small capital's or the
 * symbol's letter, else its NFKC form. The character itself comes before NFKC, which turns some lookalikes into
 * letters that are not (the lunate sigma `ϲ` into the final sigma `ς`).
 */
function skeletonOf(c: string): string {
  const known = skeletons.get(c);
  if (known !== undefined) return known;
  const compatible = c.normalize('NFKC');
  let out = SMALL_CAPITALS[c] ?? symbolLetter(c) ?? plain(compatible);
  for (const form of [c, c.toUpperCase(), compatible, compatible.toUpperCase()]) {
    const candidate = plain(unhomoglyph(form));
    if (ASCII.test(candidate)) {
      out = candidate;
      break;
    }
  }
  out = ASCII_OF_PROTOTYPE.get(out) ?? out;
  if (skeletons.size < 10_000) skeletons.set(c, out);
  return out;
}

function skeleton(text: string): string {
  let out = '';
  for (const c of text) out += c < '\u0080' ? c.toLowerCase() : skeletonOf(c);
  return out;
}

/** A letter: after the skeleton and leet, what a word is made of. */
const L = '\\p{L}';
/** Punctuation inside a word (`sh-ill`, `sh.ill`, `sh_ill`, `sh*ll`): dropped between two letters. */
const INNER = new RegExp(`(?<=${L})[-_.*·•'’\`~^=:;,/\\\\+]+(?=${L})`, 'gu');
/**
 * Three or more single letters separated by blanks or punctuation (`s h i l l`, `s.h.i.l.l`): a
 * spelled-out word, joined. Words of two letters or more keep their spaces, so no term is found
 * across two real words.
 */
const SPELLED = new RegExp(`(?<!${L})${L}(?:[^${L}\\n]{1,3}${L}(?!${L})){2,}`, 'gu');

/**
 * The text as terms are matched in it (terms are folded the same way): invisible characters out,
 * NFKC, UTS #39 skeleton, lowercase, marks out, leetspeak, i and l as one letter, punctuation
 * inside words and between spelled-out letters out, blanks as one space. Repeated letters stay:
 * termPattern takes a run of a letter for the letter.
 */
export function foldForMatching(text: string): string {
  const letters = skeleton(text.replace(INVISIBLE, ''))
    .replace(/[0-9@$!|€]/g, (c) => LEET[c] ?? c)
    .replaceAll('i', 'l');
  return letters
    .replace(INNER, '')
    .replace(SPELLED, (run) => run.replace(/[^\p{L}]/gu, ''))
    .replace(/\s+/g, ' ');
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where a term matches in folded text: its folded form, each run of a letter matching that many
 * or more (`shill` in `sshhiillll`, never `shil`). Matched anywhere in the text, as terms always
 * were. Null for a term that folds to nothing (it would match everything).
 */
export function termPattern(term: string): RegExp | null {
  const folded = foldForMatching(term).trim();
  if (!folded) return null;
  const runs = folded.match(/(.)\1*/gsu) ?? [];
  return new RegExp(
    runs.map((run) => `${escapeRegExp([...run][0] ?? '')}{${[...run].length},}`).join(''),
    'u',
  );
}

/** The terms found in the text, as configured (the flag names them as the newsroom wrote them). */
export function termsIn(text: string, terms: readonly string[]): string[] {
  const folded = foldForMatching(text);
  return terms.filter((term) => termPattern(term)?.test(folded) ?? false);
}

/** A dot as link writers disguise it: `.`, `。`, `[.]`, `(.)`, `[dot]`, `(dot)`. */
const DOT = String.raw`(?:\s*(?:[.。｡．˳]|\[\.\]|\(\.\)|\[dot\]|\(dot\))\s*)`;
/**
 * A link, in any of the shapes that still reach a reader: a scheme however spelled (`https://`,
 * `hxxps://`, `https:/ /`, `https[:]//`), a protocol-relative `//host.tld`, or `www.` with any of
 * the dots above; the rest of the address is taken with it, so each link counts once.
 */
const LINK_START = [
  String.raw`\b[a-z][a-z0-9+.-]{1,9}\s*(?::|\[:\]|\(:\))\s*\/\s*\/\s*`,
  String.raw`(?<![\w:/])\/\/(?=[a-z0-9-]+${DOT}[a-z])`,
  String.raw`\bwww${DOT}`,
];
const LINK = new RegExp(`(?:${LINK_START.join('|')})[^\\s<>"]*`, 'gi');

/** How many links the text holds, counted on its skeleton (lookalike letters and fillers out). */
export function countLinks(text: string): number {
  return skeleton(text.replace(INVISIBLE, '')).match(LINK)?.length ?? 0;
}
