import {
  AutosaveInputSchema,
  NewArticleAutosaveInputSchema,
  PresenceInputSchema,
  PresenceLeaveQuerySchema,
} from '../../schemas/desk.ts';
import { EDITORIAL, type RouteDefinition } from './define.ts';

/**
 * The writing desk beside the editor (shared/services/desk.ts): autosaves and presence. Served by
 * the editorial function, which already holds the content table.
 */
// biome-ignore format: one route per entry reads as a table
export const DESK_ROUTES = [
  {
    id: 'putAutosave', method: 'PUT', path: '/v1/admin/articles/{id}/autosave', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Keep your unsaved edits',
    description: 'Stores the caller\'s unsaved edits of an article they may edit now, replacing their previous autosave: private to the caller (no one else, admins included, can read it), not a revision, gone after 30 days unless saved or discarded first. The console sends one a few seconds after typing stops, at most one per 5 seconds of typing. A status that allows no edit is a 409; more than 256 KB is a 413.',
    body: AutosaveInputSchema,
    ok: { status: 204, description: 'Kept' },
    problems: [409],
  },
  {
    id: 'getAutosave', method: 'GET', path: '/v1/admin/articles/{id}/autosave', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Your unsaved edits, to restore',
    description: 'The caller\'s own autosave of the article; 404 when they have none (saved, discarded or expired).',
    ok: { status: 200, description: 'The autosave', schema: 'Autosave' },
  },
  {
    id: 'deleteAutosave', method: 'DELETE', path: '/v1/admin/articles/{id}/autosave', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Discard your unsaved edits',
    description: 'After a save, on leaving the editor, or when the caller declines to restore. Idempotent: 204 whether or not there was one.',
    ok: { status: 204, description: 'Discarded' },
  },
  {
    id: 'putNewArticleAutosave', method: 'PUT', path: '/v1/admin/autosave/new-article', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Keep your unsaved new article',
    description: 'Before a story\'s first save there is no article to autosave: the caller\'s one new-article autosave holds its fields, private to them, replacing the previous one, gone after 30 days unless created or discarded first. More than 256 KB is a 413.',
    body: NewArticleAutosaveInputSchema,
    ok: { status: 204, description: 'Kept' },
  },
  {
    id: 'getNewArticleAutosave', method: 'GET', path: '/v1/admin/autosave/new-article', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Your unsaved new article, to restore',
    description: 'The caller\'s own new-article autosave; 404 when they have none (created, discarded or expired).',
    ok: { status: 200, description: 'The autosave', schema: 'NewArticleAutosave' },
    problems: [404],
  },
  {
    id: 'deleteNewArticleAutosave', method: 'DELETE', path: '/v1/admin/autosave/new-article', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Discard your unsaved new article',
    description: 'After the first save created the article, or when the caller declines to restore. Idempotent: 204 whether or not there was one.',
    ok: { status: 204, description: 'Discarded' },
  },
  {
    id: 'putPresence', method: 'PUT', path: '/v1/admin/articles/{id}/presence', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Say you have the article open; see who else has',
    description: 'A heartbeat from an open editor, with whether the caller has unsaved edits; it counts for 75 seconds, so send one every heartbeatSeconds (30). Answers everyone else whose heartbeat still counts. Nothing is locked: the others can still edit, and a stale save is a 412 as always. With desk live: who is on the coverage\'s live desk (editors and the coverage\'s contributors; 404 without coverage), a line apart from the editor\'s.',
    body: PresenceInputSchema,
    ok: { status: 200, description: 'Who else has it open', schema: 'PresenceList' },
  },
  {
    id: 'deletePresence', method: 'DELETE', path: '/v1/admin/articles/{id}/presence', fn: 'editorial', access: EDITORIAL, tag: 'articles',
    summary: 'Say you closed the article',
    description: 'The others stop seeing the caller at once. Idempotent. desk live: leaving the live desk.',
    query: PresenceLeaveQuerySchema,
    ok: { status: 204, description: 'Gone' },
  },
] as const satisfies readonly RouteDefinition[];
