import {
  SectionCreateSchema,
  SectionPatchSchema,
  TagCreateSchema,
  TagPatchSchema,
} from '../../schemas/taxonomy.ts';
import { EDITORIAL, type RouteDefinition } from './define.ts';

const EDITORS = ['editor'] as const;

// biome-ignore format: one route per entry reads as a table
export const TAXONOMY_ADMIN_ROUTES = [
  {
    id: 'createSection', method: 'POST', path: '/v1/admin/sections', fn: 'editorial', access: EDITORS, tag: 'taxonomy',
    summary: 'Create a section',
    description: 'Editors. 422 naming parent when it is unknown or the tree would go deeper than three levels; 409 when the slug is taken.',
    body: SectionCreateSchema,
    ok: { status: 201, description: 'The section', schema: 'Section', headers: ['ETag', 'Location'] },
    problems: [409],
  },
  {
    id: 'getAdminSection', method: 'GET', path: '/v1/admin/sections/{section}', fn: 'editorial', access: EDITORIAL, tag: 'taxonomy',
    summary: 'One section record, with its version',
    description: 'Read before a change: send its ETag back in If-Match. An old slug answers 301.',
    ok: { status: 200, description: 'The section', schema: 'Section', headers: ['ETag'] },
    problems: [301],
  },
  {
    id: 'updateSection', method: 'PATCH', path: '/v1/admin/sections/{section}', fn: 'editorial', access: EDITORS, tag: 'taxonomy',
    summary: 'Change or rename a section',
    description: 'Editors. A new slug renames it: the old slug answers 301 on the public reads, its children follow, and article saves naming the old slug are given the new one (articles already saved keep the old slug until `npm run migrate -- taxonomy` rewrites them). A parent that is the section itself or below it (a cycle), unknown, or too deep is a 422 naming parent.',
    body: SectionPatchSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The section', schema: 'Section', headers: ['ETag'] },
    problems: [301, 409],
  },
  {
    id: 'deleteSection', method: 'DELETE', path: '/v1/admin/sections/{section}', fn: 'editorial', access: EDITORS, tag: 'taxonomy',
    summary: 'Delete a section with no sections below it',
    description: 'Editors, with the If-Match of the version read. 409 while sections hang below it. Articles that name it keep the slug; their next save must pick another section.',
    ifMatch: 'required',
    ok: { status: 204, description: 'Deleted' },
    problems: [301, 409],
  },
  {
    id: 'createTag', method: 'POST', path: '/v1/admin/tags', fn: 'editorial', access: EDITORIAL, tag: 'taxonomy',
    summary: 'Create a tag',
    description: 'Authors and editors (the console\'s tag picker). Saving an article with an unknown tag creates it too. 409 when the slug is taken.',
    body: TagCreateSchema,
    ok: { status: 201, description: 'The tag', schema: 'Tag', headers: ['ETag', 'Location'] },
    problems: [409],
  },
  {
    id: 'getAdminTag', method: 'GET', path: '/v1/admin/tags/{tag}', fn: 'editorial', access: EDITORIAL, tag: 'taxonomy',
    summary: 'One tag record, with its version',
    description: 'Read before a change: send its ETag back in If-Match. An old slug answers 301.',
    ok: { status: 200, description: 'The tag', schema: 'Tag', headers: ['ETag'] },
    problems: [301],
  },
  {
    id: 'updateTag', method: 'PATCH', path: '/v1/admin/tags/{tag}', fn: 'editorial', access: EDITORS, tag: 'taxonomy',
    summary: 'Change or rename a tag',
    description: 'Editors. A new slug renames it: the old slug answers 301 on the public reads, and article saves naming it are given the new one.',
    body: TagPatchSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The tag', schema: 'Tag', headers: ['ETag'] },
    problems: [301, 409],
  },
  {
    id: 'deleteTag', method: 'DELETE', path: '/v1/admin/tags/{tag}', fn: 'editorial', access: EDITORS, tag: 'taxonomy',
    summary: 'Delete a tag',
    description: 'Editors, with the If-Match of the version read. Articles that carry it keep it; their next save creates it again.',
    ifMatch: 'required',
    ok: { status: 204, description: 'Deleted' },
    problems: [301],
  },
] as const satisfies readonly RouteDefinition[];
