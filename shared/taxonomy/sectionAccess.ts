import type { TaxonomyStore } from '../store/taxonomyStore.ts';
import type { AccessLevel } from './facts.ts';

/**
 * The access a section gives its stories by default (free, registered or subscribers), or null
 * when the section sets none (the article's own access, or the site's default, applies). A renamed
 * section's old slug is followed; an unknown section is null. One GetItem (two for an old slug).
 * For the `access` article field: call it with the article's section.
 */
export async function sectionDefaultAccess(
  store: TaxonomyStore,
  sectionSlug: string,
): Promise<AccessLevel | null> {
  const section = await store.getSection(sectionSlug);
  if (section) return section.defaultAccess;
  const to = await store.movedTo('section', sectionSlug);
  return to ? ((await store.getSection(to))?.defaultAccess ?? null) : null;
}
