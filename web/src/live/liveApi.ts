import type { components } from '../../../shared/contract/client.ts';
import { request } from '../api.ts';

/** The live desk's calls (docs/live-coverage.md), over the console's one typed client. */
type Schemas = components['schemas'];
export type Coverage = Schemas['Coverage'];
export type LiveEntry = Schemas['LiveEntry'];
export type LiveEntryInput = Schemas['LiveEntryInput'];
export type LiveEntryPatch = Schemas['LiveEntryPatch'];
export type PresenceList = Schemas['PresenceList'];

const path = (id: string) => ({ path: { id } });
const entryPath = (id: string, entry: string) => ({ path: { id, entry } });

export const liveApi = {
  /** The desk's page: the coverage and its newest entries, hidden and deleted ones too. */
  entries: (id: string, cursor?: string) =>
    request((c) =>
      c.GET('/v1/admin/articles/{id}/entries', {
        params: { ...path(id), query: { limit: '50', ...(cursor ? { cursor } : {}) } },
      }),
    ),
  setCoverage: (id: string, body: Schemas['CoverageInput']) =>
    request((c) => c.PUT('/v1/admin/articles/{id}/live', { params: path(id), body })),
  post: (id: string, body: LiveEntryInput) =>
    request((c) => c.POST('/v1/admin/articles/{id}/entries', { params: path(id), body })),
  update: (id: string, entry: LiveEntry, patch: LiveEntryPatch) =>
    request((c) =>
      c.PATCH('/v1/admin/articles/{id}/entries/{entry}', {
        params: { ...entryPath(id, entry.id), header: { 'If-Match': `"${entry.version}"` } },
        body: patch,
      }),
    ),
  draft: (id: string, entry: string) =>
    request((c) => c.POST('/v1/admin/articles/{id}/entries/{entry}/draft', { params: entryPath(id, entry) })),
  /** The live desk's own presence line (desk: live), apart from the article editor's. */
  here: (id: string) =>
    request((c) =>
      c.PUT('/v1/admin/articles/{id}/presence', { params: path(id), body: { unsaved: false, desk: 'live' } }),
    ),
  gone: (id: string) =>
    request((c) =>
      c.DELETE('/v1/admin/articles/{id}/presence', { params: { ...path(id), query: { desk: 'live' } } }),
    ),
};
