import type { PublicSection, Section } from '../schemas/taxonomy.ts';
import { SECTION_MAX_DEPTH } from './facts.ts';

/**
 * The section tree, pure: where a section sits, whether a new parent would make a cycle or go too
 * deep, and the tree order the public list answers in.
 */

/** The slugs from the top down to `slug`, itself included; stops at a cycle or a missing parent. */
export function pathOf(slug: string, bySlug: ReadonlyMap<string, Pick<Section, 'parent'>>): string[] {
  const path: string[] = [];
  for (let at: string | null = slug; at !== null && !path.includes(at); ) {
    path.unshift(at);
    at = bySlug.get(at)?.parent ?? null;
  }
  return path;
}

/** How many levels below `slug` its subtree reaches (0 for a leaf). */
export function heightBelow(slug: string, sections: readonly Section[]): number {
  const children = sections.filter((s) => s.parent === slug);
  return children.length === 0 ? 0 : 1 + Math.max(...children.map((c) => heightBelow(c.slug, sections)));
}

/**
 * Why `slug` may not hang under `parent`, or null when it may: the parent must exist, must not be
 * the section itself or below it, and the subtree must stay within SECTION_MAX_DEPTH levels.
 */
export function parentProblem(slug: string, parent: string, sections: readonly Section[]): string | null {
  const bySlug = new Map(sections.map((s) => [s.slug, s]));
  if (!bySlug.has(parent)) return `no section "${parent}": give an existing section's slug, or null`;
  const parentPath = pathOf(parent, bySlug);
  if (parentPath.includes(slug)) {
    return `"${parent}" is ${parent === slug ? 'the section itself' : `below "${slug}"`}: a section cannot be its own ancestor`;
  }
  const depth = parentPath.length + 1 + heightBelow(slug, sections);
  if (depth > SECTION_MAX_DEPTH) {
    return `would put sections ${depth} levels deep; the tree is at most ${SECTION_MAX_DEPTH} levels`;
  }
  return null;
}

/** Every section in tree order: each parent before its children, siblings by name. */
export function treeOrder(sections: readonly Section[]): PublicSection[] {
  const bySlug = new Map(sections.map((s) => [s.slug, s]));
  const byName = (a: Section, b: Section) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug);
  const out: PublicSection[] = [];
  const visit = (parent: string | null) => {
    for (const section of sections.filter((s) => s.parent === parent).sort(byName)) {
      out.push(publicSection(section, bySlug));
      visit(section.slug);
    }
  };
  visit(null);
  return out;
}

export function publicSection(section: Section, bySlug: ReadonlyMap<string, Section>): PublicSection {
  const path = pathOf(section.slug, bySlug);
  const { slug, name, description, parent, seo, defaultAccess } = section;
  return { slug, name, description, parent, seo, defaultAccess, depth: path.length, path };
}
