import { MovedError, NotFoundError } from '../errors.ts';
import type { PublicSection } from '../schemas/taxonomy.ts';
import type { PageKey } from '../store/cursor.ts';
import type { TaxonomyStore } from '../store/taxonomyStore.ts';
import { publicSection, treeOrder } from '../taxonomy/sectionTree.ts';

/**
 * Sections and tags as frontends read them. A section and the tree are one Query of the (small)
 * sections partition: a section's path needs its ancestors anyway. A tag is one GetItem. An old
 * slug costs one more GetItem, and answers 301.
 */
export function createPublicTaxonomy(store: TaxonomyStore) {
  async function moved(kind: 'section' | 'tag', slug: string): Promise<never> {
    const to = await store.movedTo(kind, slug);
    const what = kind === 'section' ? 'Section' : 'Tag';
    if (to) throw new MovedError(`${what} ${slug} is now ${to}.`, `/v1/${kind}s/${to}`);
    throw new NotFoundError(`No ${kind} ${slug}.`);
  }

  return {
    sections: async () => ({ items: treeOrder(await store.listSections()) }),

    async section(slug: string): Promise<PublicSection> {
      const sections = await store.listSections();
      const bySlug = new Map(sections.map((s) => [s.slug, s]));
      const found = bySlug.get(slug);
      return found ? publicSection(found, bySlug) : moved('section', slug);
    },

    async tag(slug: string) {
      const tag = await store.getTag(slug);
      if (!tag) return moved('tag', slug);
      return { slug: tag.slug, name: tag.name, description: tag.description };
    },

    async tags(prefix: string | undefined, limit: number, startKey: PageKey | undefined) {
      const page = await store.listTags(prefix, limit, startKey);
      return {
        items: page.items.map(({ slug, name, description }) => ({ slug, name, description })),
        lastKey: page.lastKey,
      };
    },
  };
}
