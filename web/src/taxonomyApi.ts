import type { components } from '../../shared/contract/client.ts';
import { apiClient, run } from './api.ts';

/**
 * The console's calls for sections and tags (docs/taxonomy.md). Lists are the public reads, which
 * browsers may cache for a minute: the console asks with `cache: 'no-cache'` so a change it just
 * made shows at once (the CDN's copy is another matter: see docs/taxonomy-console.md).
 */
type Schemas = components['schemas'];
export type Section = Schemas['Section'];
export type PublicSection = Schemas['PublicSection'];
export type SectionCreate = Schemas['SectionCreate'];
export type SectionPatch = Schemas['SectionPatch'];
export type Tag = Schemas['Tag'];
export type PublicTag = Schemas['PublicTag'];
export type TagCreate = Schemas['TagCreate'];
export type TagPatch = Schemas['TagPatch'];

const fresh = { cache: 'no-cache' } as const;
export const taxonomyApi = {
  listSections: () => run(() => apiClient().GET('/v1/sections', fresh)),
  getSection: (section: string) =>
    run(() => apiClient().GET('/v1/admin/sections/{section}', { params: { path: { section } }, ...fresh })),
  createSection: (input: SectionCreate) => run(() => apiClient().POST('/v1/admin/sections', { body: input })),
  updateSection: (section: string, etag: string, patch: SectionPatch) =>
    run(() =>
      apiClient().PATCH('/v1/admin/sections/{section}', {
        params: { path: { section }, header: { 'If-Match': etag } },
        body: patch,
      }),
    ),
  deleteSection: (section: string, etag: string) =>
    run(() =>
      apiClient().DELETE('/v1/admin/sections/{section}', {
        params: { path: { section }, header: { 'If-Match': etag } },
      }),
    ),
  /** Tags in slug order, or those whose slug starts with `q`: a page at a time. */
  listTags: (q: string, cursor?: string, limit = 50) =>
    run(() =>
      apiClient().GET('/v1/tags', {
        params: { query: { limit, ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) } },
        ...fresh,
      }),
    ),
  /** One tag as frontends read it (an old slug's 301 is followed to the new one). */
  publicTag: (tag: string) => run(() => apiClient().GET('/v1/tags/{tag}', { params: { path: { tag } } })),
  getTag: (tag: string) =>
    run(() => apiClient().GET('/v1/admin/tags/{tag}', { params: { path: { tag } }, ...fresh })),
  createTag: (input: TagCreate) => run(() => apiClient().POST('/v1/admin/tags', { body: input })),
  updateTag: (tag: string, etag: string, patch: TagPatch) =>
    run(() =>
      apiClient().PATCH('/v1/admin/tags/{tag}', {
        params: { path: { tag }, header: { 'If-Match': etag } },
        body: patch,
      }),
    ),
  deleteTag: (tag: string, etag: string) =>
    run(() =>
      apiClient().DELETE('/v1/admin/tags/{tag}', { params: { path: { tag }, header: { 'If-Match': etag } } }),
    ),
};
