import { slugify } from '../slug.ts';

/**
 * Who wrote a story, as feeds, author feeds and structured data name them. Today an article has a
 * free-text byline only, so authors are read from it: "By A. Reporter and B. Writer" is two people,
 * each keyed by a slug of their name (`a-reporter`), which is what an author feed is keyed by
 * (/v1/feeds/rss?author=a-reporter). When author records exist, `authorsOf` is the one function to
 * change: look each name (or the article's author ids) up and fill `page` with the person's page;
 * feeds and jsonLd already carry it.
 */
export interface Author {
  name: string;
  /** The author feed's key: a slug of the name today, the author record's slug later. */
  key: string;
  /** The person's page on the site, once author records exist. */
  page: string | null;
}

/** The most names one byline yields (a byline is at most a line of text). */
const MAX_AUTHORS = 10;

/** "By A and B", "A, B and C", "A & B" → the names; an empty byline has none. */
export function authorsOf(byline: string): Author[] {
  const names = byline
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|&|\band\b)\s*/i)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const seen = new Set<string>();
  const out: Author[] = [];
  for (const name of names) {
    const key = slugify(name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name, key, page: null });
    if (out.length === MAX_AUTHORS) break;
  }
  return out;
}
