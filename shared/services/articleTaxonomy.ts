import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { ValidationError } from '../errors.ts';
import { nameOfSlug } from '../schemas/taxonomy.ts';
import type { TaxonomyStore } from '../store/taxonomyStore.ts';

/**
 * An article's section and tags checked against the records before a create or patch is saved:
 * - the section must be a section (422 naming `section`); a renamed one's old slug is saved as
 *   the new slug;
 * - each tag is a tag, a renamed tag's old slug is saved as the new slug, and an unknown tag is
 *   created on the fly (anyone who may save an article may create tags: docs/taxonomy.md).
 * One GetItem for the section, one BatchGetItem for the tags; the old-slug reads and tag creates
 * only when a slug is not a record.
 */
export function createArticleTaxonomy(deps: { store: TaxonomyStore; clock: Clock }) {
  const { store, clock } = deps;

  async function section(slug: string): Promise<string> {
    if (await store.getSection(slug)) return slug;
    const to = await store.movedTo('section', slug);
    if (to) return to;
    throw new ValidationError(`section "${slug}" is not a section`, [
      {
        path: 'section',
        message: `no section "${slug}": pick one of GET /v1/sections, or ask an editor to create it`,
      },
    ]);
  }

  async function tags(principal: Principal, slugs: readonly string[]): Promise<string[]> {
    const found = await store.getTags(slugs);
    const missing = slugs.filter((slug) => !found.has(slug));
    const moved = await store.movedMany('tag', missing);
    for (const slug of missing.filter((s) => !moved.has(s))) {
      const at = clock.now().toISOString();
      await store.ensureTag({
        slug,
        name: nameOfSlug(slug),
        description: '',
        version: 1,
        updatedAt: at,
        updatedBy: principal.sub,
      });
    }
    return [...new Set(slugs.map((slug) => moved.get(slug) ?? slug))];
  }

  return {
    /** The body with its section and tags as records name them; 422 for an unknown section. */
    async resolve<T extends { section?: string | undefined; tags?: string[] | undefined }>(
      principal: Principal,
      body: T,
    ): Promise<T> {
      const [resolvedSection, resolvedTags] = await Promise.all([
        body.section === undefined ? undefined : section(body.section),
        body.tags === undefined ? undefined : tags(principal, body.tags),
      ]);
      return {
        ...body,
        ...(resolvedSection === undefined ? {} : { section: resolvedSection }),
        ...(resolvedTags === undefined ? {} : { tags: resolvedTags }),
      };
    },
  };
}
