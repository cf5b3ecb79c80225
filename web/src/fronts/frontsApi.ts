import type { components } from '../../../shared/contract/client.ts';
import { apiClient, run } from '../api.ts';

/** The fronts routes as the console calls them (docs/fronts.md); every write carries If-Match. */
type Schemas = components['schemas'];
export type Front = Schemas['Front'];
export type FrontArrangement = Schemas['FrontArrangement'];
export type FrontZoneInput = FrontArrangement['zones'][number];
export type FrontSlotInput = FrontZoneInput['slots'][number];
export type FrontRuleKind = NonNullable<FrontSlotInput['rule']>['kind'];
export type FrontRevision = Schemas['FrontRevision'];
export type PublicFront = Schemas['PublicFront'];
export type FrontEntry = PublicFront['zones'][number]['entries'][number];

const at = (front: string) => ({ path: { front } });
const write = (front: string, etag: string) => ({ path: { front }, header: { 'If-Match': etag } });

export const frontsApi = {
  list: () => run(() => apiClient().GET('/v1/admin/fronts')),
  create: (input: FrontArrangement & { name: string }) =>
    run(() => apiClient().POST('/v1/admin/fronts', { body: input })),
  get: (front: string) => run(() => apiClient().GET('/v1/admin/fronts/{front}', { params: at(front) })),
  save: (front: string, etag: string, arrangement: FrontArrangement) =>
    run(() => apiClient().PUT('/v1/admin/fronts/{front}', { params: write(front, etag), body: arrangement })),
  /** Now without publishAt; at publishAt otherwise (saving the draft again cancels it). */
  publish: (front: string, etag: string, publishAt?: string) =>
    run(() =>
      apiClient().POST('/v1/admin/fronts/{front}/publish', {
        params: write(front, etag),
        body: publishAt ? { publishAt } : {},
      }),
    ),
  preview: (front: string) =>
    run(() => apiClient().GET('/v1/admin/fronts/{front}/preview', { params: at(front) })),
  revisions: (front: string, cursor?: string) =>
    run(() =>
      apiClient().GET('/v1/admin/fronts/{front}/revisions', {
        params: { path: { front }, query: { limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  restore: (front: string, n: number, etag: string) =>
    run(() =>
      apiClient().POST('/v1/admin/fronts/{front}/revisions/{n}/restore', {
        params: { path: { front, n }, header: { 'If-Match': etag } },
      }),
    ),
  /** Tags whose slug starts with q: the tag rule's suggestions. */
  tags: (q: string) =>
    run(() => apiClient().GET('/v1/tags', { params: { query: { ...(q ? { q } : {}), limit: 20 } } })),
};
