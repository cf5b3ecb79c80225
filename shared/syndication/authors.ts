import type { ArticleAuthor } from '../schemas/author.ts';
import { slugify } from '../slug.ts';

/**
 * Who wrote a story, as feeds, author feeds and structured data name them: its author records
 * when it names any (each keyed by the author's slug, with a page on the site: the site settings'
 * authorPath), else the people of its free-text byline. "By A. Reporter and B. Writer" is two
 * people, each keyed by a slug of their name (`a-reporter`). The key is what an author feed is
 * keyed by (/v1/feeds/rss?author=a-reporter) and what the author's page lists
 * (GET /v1/authors/{slug}/articles): a byline-only story whose name slugs to an author's slug is
 * listed there too (see docs/authors.md).
 */
export interface Author {
  name: string;
  /** The author feed's key: the author record's slug, or a slug of the byline's name. */
  key: string;
  /** An author record: it has a page on the site (links.ts authorUrl). Absent for a byline's name. */
  record?: true;
}

/** The story's people: its author records, in order, else its byline's. */
export function authorsOfStory(story: { byline: string; authors?: readonly ArticleAuthor[] }): Author[] {
  const records = story.authors ?? [];
  if (records.length > 0) return records.map((a) => ({ name: a.name, key: a.slug, record: true }));
  return authorsOf(story.byline);
}

/** The most names one byline yields (a byline is at most a line of text). */
const MAX_AUTHORS = 10;

/** "By A and B", "A, B and C", "A & B" → the names; an empty byline has none. */
export const namesOf = (byline: string): string[] =>
  byline
    .replace(/^\s*by\s+/i, '')
    .split(/\s*(?:,|&|\band\b)\s*/i)
    .map((name) => name.trim())
    .filter((name) => name !== '');

/** "By A and B", "A, B and C", "A & B" → the people; an empty byline has none. */
export function authorsOf(byline: string): Author[] {
  const names = namesOf(byline);
  const seen = new Set<string>();
  const out: Author[] = [];
  for (const name of names) {
    const key = slugify(name);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name, key });
    if (out.length === MAX_AUTHORS) break;
  }
  return out;
}
