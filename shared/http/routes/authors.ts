import { AuthorCreateSchema, AuthorPatchSchema } from '../../schemas/author.ts';
import { EDITORIAL, PUBLIC_CACHE, type RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const AUTHOR_ADMIN_ROUTES = [
  {
    id: 'listAuthors', method: 'GET', path: '/v1/admin/authors', fn: 'editorial', access: EDITORIAL, tag: 'authors',
    summary: 'The author directory, by slug',
    description: 'Every author record, in slug order: what the console\'s author picker filters as one types. Authors, editors and admins.',
    paged: 'Author',
    ok: { status: 200, description: 'A page of authors' },
  },
  {
    id: 'createAuthor', method: 'POST', path: '/v1/admin/authors', fn: 'editorial', access: ['editor'], tag: 'authors',
    summary: 'Add an author',
    description: 'Editors and admins. The slug is the author\'s identity (their page, their feed, what articles name) and never changes: 409 when it is taken. The photo must be a ready image of the media library (422 naming photo.mediaId otherwise); links are https only.',
    body: AuthorCreateSchema,
    ok: { status: 201, description: 'The new author', schema: 'Author', headers: ['ETag', 'Location'] },
    problems: [409],
  },
  {
    id: 'getAuthor', method: 'GET', path: '/v1/admin/authors/{slug}', fn: 'editorial', access: EDITORIAL, tag: 'authors',
    summary: 'One author record',
    description: 'With its version as the ETag, for If-Match on a change.',
    ok: { status: 200, description: 'The author', schema: 'Author', headers: ['ETag'] },
  },
  {
    id: 'updateAuthor', method: 'PATCH', path: '/v1/admin/authors/{slug}', fn: 'editorial', access: ['editor'], tag: 'authors',
    summary: 'Change an author\'s name, title, bio, photo, links or guest flag',
    description: 'Editors and admins. The profile and the author\'s page follow at once (the CDN copy is purged); live stories keep the name and photo they were published with until they are next published (docs/authors.md).',
    body: AuthorPatchSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The updated author', schema: 'Author', headers: ['ETag'] },
  },
  {
    id: 'deleteAuthor', method: 'DELETE', path: '/v1/admin/authors/{slug}', fn: 'editorial', access: ['editor'], tag: 'authors',
    summary: 'Delete an author no live story names',
    description: 'Editors and admins. An author that live stories name is a 409 saying how many: take them off those stories first. If-Match is honoured when sent.',
    ifMatch: 'optional',
    ok: { status: 204, description: 'Deleted' },
    problems: [409],
  },
] as const satisfies readonly RouteDefinition[];

// biome-ignore format: one route per entry reads as a table
export const AUTHOR_PUBLIC_ROUTES = [
  {
    id: 'getPublicAuthor', method: 'GET', path: '/v1/authors/{slug}', fn: 'publicRead', access: 'public', tag: 'public',
    summary: 'An author\'s profile',
    description: 'Name, title or role, bio, photo, links and the guest flag: what the author\'s page on the site shows above their stories. 404 for no such author.',
    conditional: true,
    ok: { status: 200, description: 'The author', schema: 'PublicAuthor', cache: PUBLIC_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
  {
    id: 'listAuthorStories', method: 'GET', path: '/v1/authors/{slug}/articles', fn: 'publicRead', access: 'public', tag: 'public',
    summary: 'An author\'s live stories, newest first',
    description: 'The live stories that name the author, newest first by first publication, a page per request (one Query of the index the relay keeps from the live snapshots: a story publishes into it within seconds). An unknown author has none.',
    paged: 'AuthorStory', conditional: true,
    ok: { status: 200, description: 'A page of stories', cache: PUBLIC_CACHE, headers: ['ETag', 'Cache-Control'] },
  },
] as const satisfies readonly RouteDefinition[];
