import { resolveAccess } from '../../access.ts';
import type { Access } from '../../schemas/facts.ts';
import type { TaxonomyStore } from '../../store/taxonomyStore.ts';
import { sectionDefaultAccess } from '../../taxonomy/sectionAccess.ts';

/**
 * A new story's access (create and import): the editor's choice, else its section's default (the
 * section record's defaultAccess, docs/taxonomy.md), else free. Decided once and stored, so a
 * section's default changed later moves no story, live or draft (docs/access.md). One GetItem of
 * the section when the editor chose nothing.
 */
export async function accessOfNew(
  sections: TaxonomyStore,
  explicit: Access | undefined,
  section: string,
): Promise<Access> {
  // The editor chose: no need to ask about the section.
  if (explicit !== undefined) return explicit;
  return resolveAccess(undefined, (await sectionDefaultAccess(sections, section)) ?? undefined);
}
