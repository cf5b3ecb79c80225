import { resolveAccess } from '../../access.ts';
import type { Access } from '../../schemas/facts.ts';

/**
 * The section default seam: a section's default access, undefined when it has none. No section
 * records exist yet, so none has one; this is the one place they plug in (docs/access.md).
 */
export async function sectionDefaultAccess(_section: string): Promise<Access | undefined> {
  return undefined;
}

/** A new story's access (create and import): the editor's choice, else its section's default, else free. */
export async function accessOfNew(explicit: Access | undefined, section: string): Promise<Access> {
  // The editor chose: no need to ask about the section.
  if (explicit !== undefined) return explicit;
  return resolveAccess(undefined, await sectionDefaultAccess(section));
}
