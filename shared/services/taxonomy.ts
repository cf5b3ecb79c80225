import { hasAnyRole, type Principal, type Role } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import {
  ConflictError,
  ForbiddenError,
  MovedError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../errors.ts';
import {
  nameOfSlug,
  type Section,
  type SectionCreate,
  type SectionPatch,
  type Tag,
  type TagCreate,
  type TagPatch,
} from '../schemas/taxonomy.ts';
import type { TaxonomyStore } from '../store/taxonomyStore.ts';
import { TRANSACTION_MAX_ITEMS } from '../store/transactions.ts';
import { parentProblem } from '../taxonomy/sectionTree.ts';

/**
 * Who may change what (docs/taxonomy.md): sections shape the site, so editors (and admins) write
 * them; tags are the reporter's vocabulary, so authors may create them (from the console's picker,
 * or by saving an article with a new one), while renaming and deleting stay with editors.
 */
export const SECTION_WRITERS: readonly Role[] = ['editor'];
export const TAG_CREATORS: readonly Role[] = ['author', 'editor'];
export const TAG_EDITORS: readonly Role[] = ['editor'];

const require = (principal: Principal, roles: readonly Role[], what: string) => {
  if (!hasAnyRole(principal, roles)) throw new ForbiddenError(`Only ${roles.join(' or ')}s may ${what}.`);
};
const invalid = (path: string, message: string) =>
  new ValidationError(`${path} ${message}`, [{ path, message }]);
const stale = (slug: string, version: number) =>
  new PreconditionFailedError(
    `If-Match names version ${version}, but "${slug}" has moved on. Fetch it again.`,
  );

/** The admin side of sections and tags: create, change (a new slug is a rename), delete. */
export function createTaxonomy(deps: { store: TaxonomyStore; clock: Clock }) {
  const { store, clock } = deps;
  const stamp = (principal: Principal) => ({
    updatedAt: clock.now().toISOString(),
    updatedBy: principal.sub,
  });

  async function sectionOrMoved(slug: string): Promise<Section> {
    const section = await store.getSection(slug, true);
    if (section) return section;
    const to = await store.movedTo('section', slug);
    if (to) throw new MovedError(`Section ${slug} is now ${to}.`, `/v1/admin/sections/${to}`);
    throw new NotFoundError(`No section ${slug}.`);
  }

  async function tagOrMoved(slug: string): Promise<Tag> {
    const tag = await store.getTag(slug, true);
    if (tag) return tag;
    const to = await store.movedTo('tag', slug);
    if (to) throw new MovedError(`Tag ${slug} is now ${to}.`, `/v1/admin/tags/${to}`);
    throw new NotFoundError(`No tag ${slug}.`);
  }

  async function renamed<T extends Section | Tag>(
    kind: 'section' | 'tag',
    before: T,
    after: T,
    children: Section[] = [],
  ): Promise<T> {
    const redirects = (await store.listMoved(kind)).filter((m) => m.to === before.slug);
    if (children.length + redirects.length + 4 > TRANSACTION_MAX_ITEMS) {
      throw new ConflictError(`"${before.slug}" has too many children and old slugs to rename in one step.`);
    }
    const refused = await store.rename(kind, { before, after, children, redirects });
    if (refused === 'taken') throw new ConflictError(`The ${kind} slug "${after.slug}" is taken.`);
    if (refused === 'version') throw stale(before.slug, before.version);
    return after;
  }

  return {
    /** A record with its version, for the admin form (the route admits editorial roles only). */
    getSection: (slug: string) => sectionOrMoved(slug),
    getTag: (slug: string) => tagOrMoved(slug),

    async createSection(principal: Principal, input: SectionCreate): Promise<Section> {
      require(principal, SECTION_WRITERS, 'create sections');
      const parent = input.parent ?? null;
      if (parent !== null) {
        const problem = parentProblem(input.slug, parent, await store.listSections(true));
        if (problem) throw invalid('parent', problem);
      }
      const section: Section = {
        slug: input.slug,
        name: input.name,
        description: input.description ?? '',
        parent,
        seo: { title: input.seo?.title ?? '', description: input.seo?.description ?? '' },
        defaultAccess: input.defaultAccess ?? null,
        version: 1,
        ...stamp(principal),
      };
      if (!(await store.create('section', section))) {
        throw new ConflictError(`The section slug "${input.slug}" is taken.`);
      }
      return section;
    },

    async updateSection(principal: Principal, slug: string, version: number, patch: SectionPatch) {
      require(principal, SECTION_WRITERS, 'change sections');
      const before = await sectionOrMoved(slug);
      if (before.version !== version) throw stale(slug, version);
      const after: Section = {
        ...before,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.parent !== undefined ? { parent: patch.parent } : {}),
        ...(patch.defaultAccess !== undefined ? { defaultAccess: patch.defaultAccess } : {}),
        seo: { ...before.seo, ...definedOnly(patch.seo ?? {}) },
        slug: patch.slug ?? before.slug,
        version: before.version + 1,
        ...stamp(principal),
      };
      const sections = await store.listSections(true);
      if (after.parent !== null && after.parent !== before.parent) {
        const problem = parentProblem(before.slug, after.parent, sections);
        if (problem) throw invalid('parent', problem);
      }
      if (after.slug === before.slug) {
        if (!(await store.replace('section', after, before.version))) throw stale(slug, version);
        return after;
      }
      const children = sections
        .filter((s) => s.parent === before.slug)
        .map((s) => ({ ...s, parent: after.slug, version: s.version + 1 }));
      return renamed('section', before, after, children);
    },

    async deleteSection(principal: Principal, slug: string, version: number) {
      require(principal, SECTION_WRITERS, 'delete sections');
      const section = await sectionOrMoved(slug);
      const children = (await store.listSections(true)).filter((s) => s.parent === slug);
      if (children.length > 0) {
        throw new ConflictError(
          `Section ${slug} has sections below it (${children.map((c) => c.slug).join(', ')}): move or delete them first.`,
        );
      }
      if (version !== section.version || !(await store.remove('section', slug, version))) {
        throw stale(slug, version);
      }
    },

    async createTag(principal: Principal, input: TagCreate): Promise<Tag> {
      require(principal, TAG_CREATORS, 'create tags');
      const tag: Tag = {
        slug: input.slug,
        name: input.name ?? nameOfSlug(input.slug),
        description: input.description ?? '',
        version: 1,
        ...stamp(principal),
      };
      if (!(await store.create('tag', tag)))
        throw new ConflictError(`The tag slug "${input.slug}" is taken.`);
      return tag;
    },

    async updateTag(principal: Principal, slug: string, version: number, patch: TagPatch): Promise<Tag> {
      require(principal, TAG_EDITORS, 'change tags');
      const before = await tagOrMoved(slug);
      if (before.version !== version) throw stale(slug, version);
      const after: Tag = {
        ...before,
        ...definedOnly({ name: patch.name, description: patch.description }),
        slug: patch.slug ?? before.slug,
        version: before.version + 1,
        ...stamp(principal),
      };
      if (after.slug === before.slug) {
        if (!(await store.replace('tag', after, before.version))) throw stale(slug, version);
        return after;
      }
      return renamed('tag', before, after);
    },

    async deleteTag(principal: Principal, slug: string, version: number) {
      require(principal, TAG_EDITORS, 'delete tags');
      const tag = await tagOrMoved(slug);
      if (version !== tag.version || !(await store.remove('tag', slug, version))) throw stale(slug, version);
    },
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
