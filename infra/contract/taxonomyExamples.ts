import type { PublicSection, Section, Tag } from '../../shared/schemas/taxonomy.ts';

const AT = '2026-11-24T09:12:00.000Z';
const section: Section = {
  slug: 'transport',
  name: 'Transport',
  description: 'Trams, buses, ferries and the roads between them.',
  parent: 'city',
  seo: { title: 'Transport news from Port Aldry', description: 'Trams, buses and ferries in Port Aldry.' },
  defaultAccess: 'free',
  version: 2,
  updatedAt: AT,
  updatedBy: 'editor-1',
};
const { version: _v, updatedAt: _u, updatedBy: _b, ...sectionFields } = section;
const publicSection: PublicSection = { ...sectionFields, depth: 2, path: ['city', 'transport'] };
const tag: Tag = {
  slug: 'ferries',
  name: 'Ferries',
  description: 'The harbour ferries and their timetables.',
  version: 1,
  updatedAt: AT,
  updatedBy: 'author-1',
};
const { version: _tv, updatedAt: _tu, updatedBy: _tb, ...publicTag } = tag;

/** Examples of the section and tag schemas (docs/taxonomy.md), beside the others of examples.ts. */
export const TAXONOMY_EXAMPLES: Record<string, unknown> = {
  SectionCreate: { slug: 'transport', name: 'Transport', parent: 'city', defaultAccess: 'free' },
  SectionPatch: { slug: 'getting-around', name: 'Getting around' },
  TagCreate: { slug: 'ferries', name: 'Ferries' },
  TagPatch: { description: 'The harbour ferries and their timetables.' },
  Section: section,
  PublicSection: publicSection,
  SectionTree: {
    items: [
      {
        slug: 'city',
        name: 'City',
        description: 'Port Aldry: council, courts, neighbourhoods.',
        parent: null,
        seo: { title: '', description: '' },
        defaultAccess: null,
        depth: 1,
        path: ['city'],
      },
      publicSection,
    ],
  },
  Tag: tag,
  PublicTag: publicTag,
};
