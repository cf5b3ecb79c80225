/**
 * The search table's items (SEARCH_TABLE), for four scopes: `live` (what readers may find: live
 * snapshots only), `desk` (working copies, for editors and their authors), `media` (the media
 * library's records) and `comments` (reader comments, for moderators). A scope is a prefix of
 * every key, so the scopes share nothing and a query names exactly one.
 *
 *   T#<scope>#<term>   <at>#<id>   a term posting: the document holds the term (s: its weight)
 *   P#<scope>#<abc>    <at>#<id>   a prefix posting: the document's words starting with those
 *                                  three letters (w), so a typed prefix is checked on the posting
 *   D#<scope>#<id>     DOC         the result entry: what a hit shows (summary, excerpt text)
 *   D#<scope>#<id>     TERMS       what the document is indexed under (terms, prefixes, filters,
 *                                  analyzer version): the indexer's diff, and removal, read it
 *
 * `<at>` is the document's date (first publication for `live`, creation otherwise), an ISO
 * instant, so a Query on one term reads its postings newest first and a date range is a key
 * condition. It never changes while the document exists, so an edit rewrites only the postings
 * of the terms it added or removed. Filters (status, author, section) are terms too
 * (`status:draft`): a status change moves one posting, not the document's hundreds.
 *
 * Why this bounds a query's cost by its page rather than by the archive: every term's postings
 * share one order (date, then id), so the rarest term drives (its postings are read in order,
 * page by page) and each candidate is checked against the others by key (BatchGetItem on
 * `T#<scope>#<other>` / `<at>#<id>`), or without any read where the first chunk of that term,
 * read to pick the driver, already covers the candidate's date. Reads are then about
 * (page size x how many of the rarest term's documents miss another term), independent of how
 * many documents the archive holds; see docs/search.md for the limits.
 */
export type SearchScope = 'live' | 'desk' | 'media' | 'comments';

export const searchKeys = {
  term: (scope: SearchScope, term: string) => `T#${scope}#${term}`,
  prefix: (scope: SearchScope, key: string) => `P#${scope}#${key}`,
  posting: (at: string, id: string) => `${new Date(at).toISOString()}#${id}`,
  document: (scope: SearchScope, id: string) => ({ pk: `D#${scope}#${id}`, sk: 'DOC' }),
  terms: (scope: SearchScope, id: string) => ({ pk: `D#${scope}#${id}`, sk: 'TERMS' }),
} as const;

/** The document id of a posting's sort key. */
export const idOfPosting = (sk: string): string => sk.slice(sk.indexOf('#') + 1);

/**
 * Filter terms: a colon never occurs in an analyzed word, so they cannot meet a word's postings.
 * `article` is a comment's article, `reported` an approved comment with open reports (`open`).
 */
export const filterTerm = (name: 'status' | 'author' | 'section' | 'article' | 'reported', value: string) =>
  `${name}:${value}`;
