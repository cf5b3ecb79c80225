import { isGated } from '../access.ts';
import type { PublicBlock } from '../schemas/articleBody.ts';
import type { PublicCorrection } from '../schemas/articleCorrections.ts';
import type { Access } from '../schemas/facts.ts';
import type { PublicImage } from '../schemas/media.ts';
import type { StoredSnapshot } from '../store/model.ts';
import { type Author, authorsOfStory } from './authors.ts';

/**
 * A story as feeds carry it: what the relay copies from the live snapshot into each feed the story
 * is in (shared/store/syndicationStore.ts), so a feed is one Query of its newest 50 entries. Links
 * are not stored: they are made from the site settings when a feed is read.
 */
export interface FeedEntry {
  id: string;
  slug: string;
  section: string;
  title: string;
  /** The summary: the standfirst, else the meta description. */
  summary: string;
  authors: Author[];
  tags: string[];
  publishedAt: string;
  updatedAt: string;
  leadImage: PublicImage | null;
  /** Who may read it (free on entries stored before access existed: see readEntry). */
  access: Access;
  /** Empty for a gated story: its body is never in a feed, so it is not copied into one. */
  body: PublicBlock[];
  corrections: PublicCorrection[];
}

export function feedEntryOf(snapshot: StoredSnapshot): FeedEntry {
  return {
    id: snapshot.id,
    slug: snapshot.slug,
    section: snapshot.section,
    title: snapshot.title,
    summary: snapshot.standfirst || snapshot.seo.metaDescription || '',
    authors: authorsOfStory(snapshot),
    tags: snapshot.tags,
    publishedAt: snapshot.publishedAt,
    updatedAt: snapshot.updatedAt,
    leadImage: snapshot.leadImage,
    access: snapshot.access,
    body: isGated(snapshot.access) ? [] : snapshot.body,
    corrections: snapshot.corrections,
  };
}

/** What a feed is of: the whole site, a section, a tag or an author (by the byline's slug). */
export type FeedScope =
  | { kind: 'all' }
  | { kind: 'section'; value: string }
  | { kind: 'tag'; value: string }
  | { kind: 'author'; value: string };

/** The partition name of a feed (shared/store/keys.ts syndicationKeys). */
export const feedName = (scope: FeedScope) => (scope.kind === 'all' ? 'all' : `${scope.kind}#${scope.value}`);

/** Every feed a story is in. */
export const feedsOfEntry = (entry: Pick<FeedEntry, 'section' | 'tags' | 'authors'>): string[] => [
  'all',
  `section#${entry.section}`,
  ...entry.tags.map((t) => `tag#${t}`),
  ...entry.authors.map((a) => `author#${a.key}`),
];

/** The newest stories a feed lists. */
export const FEED_LENGTH = 50;
