import { nameOfSlug, type Section, type Tag } from '../shared/schemas/taxonomy.ts';
import type { TaxonomyStore } from '../shared/store/taxonomyStore.ts';
import { SEED_ARTICLES } from './content.ts';

const AT = '2026-11-01T08:00:00.000Z';
const BY = 'dev-editor';

type SeedSection = Pick<Section, 'slug' | 'name' | 'description' | 'parent'> & Partial<Section>;

/** The sample sections: the seed stories' sections, with Transport below City (a parent and child). */
export const SEED_SECTIONS: readonly SeedSection[] = [
  {
    slug: 'city',
    name: 'City',
    description: 'Port Aldry: the council, the courts, the neighbourhoods.',
    parent: null,
  },
  { slug: 'transport', name: 'Transport', description: 'Trams, buses, ferries and roads.', parent: 'city' },
  {
    slug: 'politics',
    name: 'Politics',
    description: 'Elections, the council chamber and Westminster.',
    parent: null,
  },
  { slug: 'business', name: 'Business', description: 'Work, trade and the harbour economy.', parent: null },
  { slug: 'culture', name: 'Culture', description: 'Music, theatre, museums and festivals.', parent: null },
  { slug: 'sport', name: 'Sport', description: 'Rovers, rowing and the county leagues.', parent: null },
  { slug: 'science', name: 'Science', description: 'Research on the estuary and beyond.', parent: null },
  // Where archive imports land (docs/imports.md): an import, like a save, must name a section.
  { slug: 'archive', name: 'Archive', description: 'Stories from the paper’s earlier years.', parent: null },
];

/** A section record for a loader (seeds, test fixtures): the given fields and empty others. */
export function sectionRecord(seed: SeedSection): Section {
  return {
    seo: { title: '', description: '' },
    defaultAccess: null,
    version: 1,
    updatedAt: AT,
    updatedBy: BY,
    ...seed,
  };
}

export function tagRecord(slug: string): Tag {
  return { slug, name: nameOfSlug(slug), description: '', version: 1, updatedAt: AT, updatedBy: BY };
}

/** Every tag the sample stories carry, as records. */
export const SEED_TAGS: readonly string[] = [
  ...new Set(SEED_ARTICLES.flatMap((a) => [...(a.content.tags ?? []), ...(a.edits?.tags ?? [])])),
];

/** Writes the sample sections and tags that are not there yet (a second run writes nothing). */
export async function loadTaxonomySeeds(
  store: TaxonomyStore,
  sections: readonly SeedSection[] = SEED_SECTIONS,
  tags: readonly string[] = SEED_TAGS,
): Promise<number> {
  const written = await store.createMissing('section', sections.map(sectionRecord));
  return written + (await store.createMissing('tag', tags.map(tagRecord)));
}
