import { type PublicSection, taxonomyApi } from '../taxonomyApi.ts';

/**
 * The section tree, read once per page load and shared by the article form's picker and the
 * Sections screen (which reads it afresh after a change). Tens of sections: one small read.
 */
let tree: Promise<PublicSection[]> | undefined;
export function loadSections(fresh = false): Promise<PublicSection[]> {
  if (fresh || !tree) {
    tree = taxonomyApi.listSections().then((r) => (r.ok ? r.data.items : []));
  }
  return tree;
}

/** "City › Transport": a section as people find it, from the names of its path. */
export function pathLabel(section: PublicSection, bySlug: ReadonlyMap<string, PublicSection>): string {
  return section.path.map((slug) => bySlug.get(slug)?.name ?? slug).join(' › ');
}
