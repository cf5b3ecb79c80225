import {
  CoverageInputSchema,
  LiveEntryInputSchema,
  LiveEntryPatchSchema,
  LiveListQuerySchema,
  LiveQuerySchema,
} from '../../schemas/live.ts';
import { EDITORIAL, type RouteDefinition } from './define.ts';

/**
 * Live entries: the CDN keeps a page 5 seconds and is purged on each new, edited or removed entry,
 * so a thousand readers polling every 10 seconds cost a handful of origin reads, and none sees a
 * change more than a few seconds late (docs/live-coverage.md).
 */
// A browser keeps a page 2 seconds (one poll's worth less than the CDN): the purge reaches the CDN,
// never a reader's cache.
export const LIVE_CACHE = 'public, max-age=2, s-maxage=5';

// biome-ignore format: one route per entry reads as a table
export const LIVE_PUBLIC_ROUTES = [
  {
    id: 'listLiveEntries', method: 'GET', path: '/v1/articles/{slug}/entries', fn: 'publicRead', access: 'public', tag: 'public',
    summary: 'Entries of live coverage, newest first, or what changed since a poll',
    description: 'Without since: visible entries newest first (cursor for older ones). With since (the since of a previous answer): only the entries posted, edited, hidden or deleted after it, newest change first; a hidden or deleted one comes as removed true with no body, so a reader drops it. Each answer has the since to send next. One DynamoDB request; cached 5 s at the CDN and purged on every change. An article without coverage has no entries. At an earlier slug of the story: 301 to the same view at its slug (since kept; a cursor starts again).',
    query: LiveQuerySchema,
    ok: { status: 200, description: 'Entries', schema: 'LiveFeed', cache: LIVE_CACHE, headers: ['Cache-Control'] },
    problems: [301],
  },
  {
    id: 'listPinnedLiveEntries', method: 'GET', path: '/v1/articles/{slug}/entries/pinned', fn: 'publicRead', access: 'public', tag: 'public',
    summary: 'Pinned entries, newest first',
    description: 'The visible entries the desk pinned (to show above the others).',
    query: LiveListQuerySchema,
    ok: { status: 200, description: 'Pinned entries', schema: 'LiveFeed', cache: LIVE_CACHE, headers: ['Cache-Control'] },
    problems: [301],
  },
  {
    id: 'listKeyLiveEntries', method: 'GET', path: '/v1/articles/{slug}/entries/key-events', fn: 'publicRead', access: 'public', tag: 'public',
    summary: 'Key events, newest first',
    description: 'The visible entries the desk marked as key events (a timeline of the story).',
    query: LiveListQuerySchema,
    ok: { status: 200, description: 'Key events', schema: 'LiveFeed', cache: LIVE_CACHE, headers: ['Cache-Control'] },
    problems: [301],
  },
  {
    id: 'getLiveEntry', method: 'GET', path: '/v1/articles/{slug}/entries/{entry}', fn: 'publicRead', access: 'public', tag: 'public',
    summary: 'One entry (its permalink)',
    description: 'A visible entry; 404 once it is hidden or deleted.',
    ok: { status: 200, description: 'The entry', schema: 'PublicLiveEntry', cache: LIVE_CACHE, headers: ['Cache-Control'] },
    problems: [301],
  },
] as const satisfies readonly RouteDefinition[];

// biome-ignore format: one route per entry reads as a table
export const LIVE_ROUTES = [
  {
    id: 'getCoverage', method: 'GET', path: '/v1/admin/articles/{id}/live', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'The live coverage of an article',
    description: 'Its state, contributors, and whether the caller may post. 404 when the article has none.',
    ok: { status: 200, description: 'The coverage', schema: 'Coverage' },
  },
  {
    id: 'putCoverage', method: 'PUT', path: '/v1/admin/articles/{id}/live', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Start, change or end live coverage',
    description: 'Editors only. state live starts coverage of a published article (409 before it has been live) or changes its contributors: authors, by console user id, who may post besides editors. state ended closes it to new entries and changes, for good (409 to reopen).',
    body: CoverageInputSchema,
    ok: { status: 200, description: 'The coverage', schema: 'Coverage' },
    problems: [409],
  },
  {
    id: 'listCoverageEntries', method: 'GET', path: '/v1/admin/articles/{id}/entries', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'The desk’s view of the entries, newest first',
    description: 'Every entry, hidden and deleted ones too, with its version and trace, and the coverage.',
    query: LiveListQuerySchema,
    ok: { status: 200, description: 'The entries', schema: 'LiveDesk' },
  },
  {
    id: 'postLiveEntry', method: 'POST', path: '/v1/admin/articles/{id}/entries', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Post an entry',
    description: 'Editors, and authors the coverage names as contributors (403 otherwise). Public at once. 409 when the coverage has ended. Two DynamoDB requests.',
    body: LiveEntryInputSchema,
    ok: { status: 201, description: 'The entry', schema: 'LiveEntry', headers: ['ETag'] },
    problems: [409],
  },
  {
    id: 'updateLiveEntry', method: 'PATCH', path: '/v1/admin/articles/{id}/entries/{entry}', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Edit, pin, mark or hide an entry',
    description: 'Contributors change their own entries, editors any; only editors hide (hidden true takes it off the public page at once) or show. Each change is in the entry’s trace and in readers’ since polls. If-Match: the entry’s version.',
    body: LiveEntryPatchSchema, ifMatch: 'required',
    ok: { status: 200, description: 'The entry', schema: 'LiveEntry', headers: ['ETag'] },
    problems: [409],
  },
  {
    id: 'deleteLiveEntry', method: 'DELETE', path: '/v1/admin/articles/{id}/entries/{entry}', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Delete an entry',
    description: 'Gone for readers (their since polls say removed); the desk keeps its record with who deleted it. Idempotent.',
    ifMatch: 'optional',
    ok: { status: 204, description: 'Deleted' },
    problems: [409],
  },
  {
    id: 'draftFromLiveEntry', method: 'POST', path: '/v1/admin/articles/{id}/entries/{entry}/draft', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Turn an entry into a standalone draft',
    description: 'A new draft with the entry’s blocks (images included), its authors as the byline, the coverage’s section and a source naming the coverage; the entry records the draft (draftId).',
    ok: { status: 201, description: 'The draft and the entry', schema: 'LiveDraft', headers: ['Location'] },
    problems: [409],
  },
] as const satisfies readonly RouteDefinition[];
