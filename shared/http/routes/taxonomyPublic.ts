import { TagListQuerySchema } from '../query.ts';
import { type RouteDefinition, TAXONOMY_CACHE } from './define.ts';

/** Kept apart from the admin routes: the public read bundle must not build their body schemas. */
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
