import { type AnalyzedQuery, matchesQuery, tokenize } from './analyzer.ts';

/** A piece of an excerpt: the words a query found are the pieces with `match` true. */
export interface ExcerptPiece {
  text: string;
  match: boolean;
}

/** About a line of a results page: enough to show the words around a hit. */
const EXCERPT_LENGTH = 200;
/** How much of the text before the first hit is kept, so it reads in context. */
const LEAD = 60;

/**
 * A short passage of the text around the first word the query found, as pieces with the found
 * words marked, so a frontend can highlight them without parsing markup (and cannot be handed
 * any). Cut at word boundaries, an ellipsis where the text goes on. The text's beginning when no
 * word is found in it (the hit was in another field).
 */
export function excerptOf(text: string, query: AnalyzedQuery, length = EXCERPT_LENGTH): ExcerptPiece[] {
  const tokens = tokenize(text);
  if (tokens.length === 0) return [];
  const hits = tokens.map((t) => matchesQuery(query, t.word));
  const first = Math.max(0, hits.indexOf(true));
  // Start at a word boundary no more than LEAD characters before the first hit.
  let from = first;
  while (from > 0 && (tokens[first]?.start ?? 0) - (tokens[from - 1]?.start ?? 0) <= LEAD) from -= 1;
  const start = from === 0 ? 0 : (tokens[from]?.start ?? 0);
  let to = from;
  while (to + 1 < tokens.length && (tokens[to + 1]?.end ?? 0) - start <= length) to += 1;
  const end = to === tokens.length - 1 ? text.length : (tokens[to]?.end ?? text.length);

  const pieces: ExcerptPiece[] = [];
  const push = (piece: string, match: boolean) => {
    if (piece === '') return;
    const prev = pieces.at(-1);
    if (prev && prev.match === match) prev.text += piece;
    else pieces.push({ text: piece, match });
  };
  if (start > 0) push('…', false);
  let at = start;
  for (let i = from; i <= to; i += 1) {
    const token = tokens[i];
    if (!token) continue;
    push(text.slice(at, token.start), false);
    push(text.slice(token.start, token.end), hits[i] === true);
    at = token.end;
  }
  push(text.slice(at, end), false);
  if (end < text.length) push('…', false);
  // Whitespace runs (line breaks between blocks) read as one space in a one-line excerpt.
  return pieces.map((p) => ({ ...p, text: p.text.replace(/\s+/gu, ' ') }));
}

/**
 * A whole short text (an alt text, a comment, a name) as pieces, the words the query found marked:
 * for lists that show the text itself rather than a passage of it. Null when no word is found in it.
 */
export function marksOf(text: string, query: AnalyzedQuery): ExcerptPiece[] | null {
  const pieces: ExcerptPiece[] = [];
  let at = 0;
  let found = false;
  for (const token of tokenize(text)) {
    if (!matchesQuery(query, token.word)) continue;
    found = true;
    if (token.start > at) pieces.push({ text: text.slice(at, token.start), match: false });
    pieces.push({ text: text.slice(token.start, token.end), match: true });
    at = token.end;
  }
  if (!found) return null;
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}
