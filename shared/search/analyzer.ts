import { stemmer } from '@orama/stemmers/english';
import { stopwords } from '@orama/stopwords/english';

/**
 * The search analyzer: how text becomes index terms and how a query becomes the same terms. One
 * module, used by the indexer and by queries alike, so the two cannot disagree. Tokenizing is
 * Unicode's word segmentation (Intl.Segmenter, ICU), folding is Unicode compatibility
 * decomposition with the combining marks removed, stop words and the English stemmer come from
 * maintained packages (@orama/stopwords, @orama/stemmers). Changing anything here changes what
 * the index holds: raise ANALYZER_VERSION, which every index item records, and run
 * `npm run migrate -- reindex-search`.
 */
export const ANALYZER_VERSION = 1;

/** A prefix query starts at this many letters; the prefix postings are keyed by as many. */
export const PREFIX_LENGTH = 3;
/** Longer "words" (hashes, URLs run together) are not searchable and would only bloat the index. */
const MAX_WORD_LENGTH = 40;

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/**
 * Letters that compatibility decomposition leaves whole but a reader types without: full case
 * folding's ß, and the Nordic, Polish and ligature letters.
 */
const UNDECOMPOSED: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const UNDECOMPOSED_RE = new RegExp(`[${Object.keys(UNDECOMPOSED).join('')}]`, 'g');

/** Case and accents folded: `Zürich` and `ZURICH` are both `zurich`. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c] ?? c);
}

const STOP_WORDS: ReadonlySet<string> = new Set(stopwords.map((w) => fold(w)));

export interface Token {
  /** Folded, apostrophes removed (`Council's` is `council`). */
  word: string;
  /** Where it stands in the original text (UTF-16 offsets), for highlighting. */
  start: number;
  end: number;
}

/** The words of a text, in order, folded; punctuation and spaces are not words. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const segment of segmenter.segment(text)) {
    if (!segment.isWordLike) continue;
    const word = fold(segment.segment)
      // A possessive is the word itself; other apostrophes join (don't, o'clock).
      .replace(/['’]s$/u, '')
      .replace(/['’]/gu, '');
    if (word === '' || word.length > MAX_WORD_LENGTH) continue;
    out.push({ word, start: segment.index, end: segment.index + segment.segment.length });
  }
  return out;
}

export const isStopWord = (word: string): boolean => STOP_WORDS.has(word);

/** The index term of a folded word: its English stem (numbers and short words stay as they are). */
export function termOf(word: string): string {
  if (word.length < 3 || /\d/u.test(word)) return word;
  return stemmer(word);
}

/** The key of the prefix postings a word is listed under: its first PREFIX_LENGTH letters. */
export const prefixKeyOf = (word: string): string => Array.from(word).slice(0, PREFIX_LENGTH).join('');

/** How much a word in each field counts toward relevance: a headline word is worth five of the body's. */
export const FIELD_WEIGHTS = {
  title: 5,
  standfirst: 3,
  tags: 3,
  section: 2,
  byline: 2,
  source: 1,
  body: 1,
} as const;
export type SearchField = keyof typeof FIELD_WEIGHTS;

/** Words kept per prefix posting: enough to check any prefix typed, bounded for the item's size. */
const WORDS_PER_PREFIX = 24;
/** A score is a small integer, so a posting stays small and a keyword-stuffed body gains little. */
const MAX_SCORE = 1000;

export interface AnalyzedDocument {
  /** Index term → weighted count of its occurrences. */
  terms: Map<string, number>;
  /** Prefix key → the distinct words under it (for checking a typed prefix) and their weight. */
  prefixes: Map<string, { words: string[]; score: number }>;
}

/** A document's fields as index terms and prefix entries. Stop words are not indexed. */
export function analyzeDocument(fields: Partial<Record<SearchField, string>>): AnalyzedDocument {
  const terms = new Map<string, number>();
  const prefixes = new Map<string, { words: Set<string>; score: number }>();
  for (const [field, weight] of Object.entries(FIELD_WEIGHTS) as [SearchField, number][]) {
    for (const { word } of tokenize(fields[field] ?? '')) {
      if (isStopWord(word)) continue;
      const term = termOf(word);
      terms.set(term, Math.min(MAX_SCORE, (terms.get(term) ?? 0) + weight));
      if (word.length < PREFIX_LENGTH) continue;
      const key = prefixKeyOf(word);
      const entry = prefixes.get(key) ?? { words: new Set<string>(), score: 0 };
      if (entry.words.size < WORDS_PER_PREFIX) entry.words.add(word);
      entry.score = Math.min(MAX_SCORE, entry.score + weight);
      prefixes.set(key, entry);
    }
  }
  return {
    terms,
    prefixes: new Map(
      [...prefixes].map(([key, { words, score }]) => [key, { words: [...words].sort(), score }]),
    ),
  };
}

/** A query's words: each must match. The last, while being typed, also matches as a prefix. */
export interface AnalyzedQuery {
  /** Index terms that must all be present. */
  terms: string[];
  /** The word being typed: a document matches if one of its words starts with it, or has its stem. */
  prefix: { word: string; term: string; key: string } | null;
  /** Every folded query word, for highlighting. */
  words: string[];
}

/** Words a query may hold: each costs reads, and past a handful they no longer narrow anything. */
export const MAX_QUERY_WORDS = 8;

/**
 * A query analyzed like the documents. The last word is a prefix when the text ends inside it
 * (`counc` while typing; `council ` with a space is a whole word) and has PREFIX_LENGTH letters;
 * a shorter last word is left out while other words narrow the search.
 */
export function analyzeQuery(q: string): AnalyzedQuery {
  const all = tokenize(q).slice(0, MAX_QUERY_WORDS);
  const words = all.map((t) => t.word);
  const last = all.at(-1);
  const typing = last !== undefined && last.end === q.trimEnd().length && !/\s$/u.test(q);
  const whole = typing ? all.slice(0, -1) : all;
  const terms = [...new Set(whole.filter((t) => !isStopWord(t.word)).map((t) => termOf(t.word)))];
  let prefix: AnalyzedQuery['prefix'] = null;
  if (typing && last) {
    if (last.word.length >= PREFIX_LENGTH) {
      prefix = { word: last.word, term: termOf(last.word), key: prefixKeyOf(last.word) };
    } else if (terms.length === 0 && !isStopWord(last.word)) {
      terms.push(termOf(last.word));
    }
  }
  return { terms, prefix, words };
}

/** Whether a document word listed under the prefix's key satisfies the word being typed. */
export const prefixMatches = (prefix: NonNullable<AnalyzedQuery['prefix']>, word: string): boolean =>
  word.startsWith(prefix.word) || termOf(word) === prefix.term;

/** Whether a word of a text is one the query found (for highlighting). */
export function matchesQuery(query: AnalyzedQuery, word: string): boolean {
  if (isStopWord(word) && !(query.prefix && word.startsWith(query.prefix.word))) return false;
  if (query.terms.includes(termOf(word))) return true;
  return query.prefix !== null && prefixMatches(query.prefix, word);
}
