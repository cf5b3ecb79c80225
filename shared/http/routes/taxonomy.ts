import {
  SectionCreateSchema,
  SectionPatchSchema,
  TagCreateSchema,
  TagPatchSchema,
} from '../../schemas/taxonomy.ts';
import { TagListQuerySchema } from '../query.ts';
import { EDITORIAL, type RouteDefinition, TAXONOMY_CACHE } from './define.ts';

const EDITORS = ['editor'] as const;

// biome-ignore format: one route per entry reads as a table
export const TAXONOMY_PUBLIC_ROUTES = [
  {
    id: 'listSections', method: 'GET', path: '/v1/sections', fn: 'publicRead', access: 'public', tag: 'taxonomy',
    summary: 'Every section, in tree order',
    description: 'The section tree as a flat list: each parent before its children, siblings by name, with parent, depth and path (the slugs from the top). One read.',
    ok: { status: 200, description: 'The sections', schema: 'SectionTree', cache: TAXONOMY_CACHE, headers: ['Cache-Control'] },
  },
  {
    id: 'getSection', method: 'GET', path: '/v1/sections/{section}', fn: 'publicRead', access: 'public', tag: 'taxonomy',
    summary: 'One section',
    description: 'Its name, description, parent, depth, path and search fields. A renamed section\'s old slug answers 301 with Location naming the new one.',
    ok: { status: 200, description: 'The section', schema: 'PublicSection', cache: TAXONOMY_CACHE, headers: ['Cache-Control'] },
    problems: [301],
  },
  {
    id: 'listTags', method: 'GET', path: '/v1/tags', fn: 'publicRead', access: 'public', tag: 'taxonomy',
    summary: 'Tags by slug, or those starting with q (typeahead)',
    description: 'Tags in slug order; with q, those whose slug starts with it (one read per page).',
    query: TagListQuerySchema, paged: 'PublicTag',
    ok: { status: 200, description: 'A page of tags', cache: TAXONOMY_CACHE, headers: ['Cache-Control'] },
  },
  {
    id: 'getTag', method: 'GET', path: '/v1/tags/{tag}', fn: 'publicRead', access: 'public', tag: 'taxonomy',
    summary: 'One tag',
    description: 'Its name and description. A renamed tag\'s old slug answers 301 with Location naming the new one.',
    ok: { status: 200, description: 'The tag', schema: 'PublicTag', cache: TAXONOMY_CACHE, headers: ['Cache-Control'] },
    problems: [301],
  },
] as const satisfies readonly RouteDefinition[];

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
