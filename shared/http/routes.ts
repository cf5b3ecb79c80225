import type { Role } from '../auth/principal.ts';

/**
 * The route table, written once. CDK builds the REST API from it (infra/constructs/api.ts), the
 * local gateway routes by it, the OpenAPI document is generated from it, each Lambda dispatches
 * by it and a test checks the synthesized template against it. Paths use API Gateway's `{param}`
 * syntax, which is also what a Lambda sees as `event.resource`.
 */
export const FUNCTIONS = {
  publicRead: {
    trigger: 'api',
    description: 'Public reads: live articles and approved comments (read-only)',
  },
  editorial: {
    trigger: 'api',
    description: 'The editorial API: articles, workflow, revisions, history, previews',
  },
  commentSubmit: { trigger: 'api', description: 'Public comment submission with the moderation rules' },
  moderation: {
    trigger: 'api',
    description: 'The moderation queue, moderation actions and comment settings',
  },
  preview: { trigger: 'api', description: 'Serves a working copy to holders of a signed preview link' },
  docs: { trigger: 'api', description: 'Serves the OpenAPI document (no data access)' },
  scheduledPublish: {
    trigger: 'schedule',
    description: 'Runs scheduled publishes and unpublishes when their schedules fire',
  },
} as const;
export type ApiFunctionName = {
  [K in FunctionName]: (typeof FUNCTIONS)[K]['trigger'] extends 'api' ? K : never;
}[FunctionName];
export type FunctionName = keyof typeof FUNCTIONS;

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RouteDefinition {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly fn: ApiFunctionName;
  /** 'public' needs no token; otherwise the roles allowed (admin is always allowed). */
  readonly access: 'public' | readonly Role[];
  readonly summary: string;
}

const EDITORIAL: readonly Role[] = ['author', 'editor'];
const MODERATORS: readonly Role[] = ['moderator'];
/** Admin only: admin satisfies every role check, and no other role is listed. */
const ADMIN: readonly Role[] = [];

// biome-ignore format: one line per route reads as a table
export const ROUTES = [
  { id: 'getOpenApi', method: 'GET', path: '/v1/openapi.json', fn: 'docs', access: 'public', summary: 'This API as an OpenAPI 3.1 document' },
  { id: 'listPublicArticles', method: 'GET', path: '/v1/articles', fn: 'publicRead', access: 'public', summary: 'Live articles, newest first' },
  { id: 'getPublicArticle', method: 'GET', path: '/v1/articles/{slug}', fn: 'publicRead', access: 'public', summary: 'The live snapshot of an article' },
  { id: 'listArticleComments', method: 'GET', path: '/v1/articles/{slug}/comments', fn: 'publicRead', access: 'public', summary: 'Approved comments, oldest first' },
  { id: 'submitComment', method: 'POST', path: '/v1/articles/{slug}/comments', fn: 'commentSubmit', access: 'public', summary: 'Post a comment on a live article' },
  { id: 'createArticle', method: 'POST', path: '/v1/admin/articles', fn: 'editorial', access: EDITORIAL, summary: 'Create a draft' },
  { id: 'listArticles', method: 'GET', path: '/v1/admin/articles', fn: 'editorial', access: EDITORIAL, summary: 'Working copies, most recently updated first' },
  { id: 'getArticle', method: 'GET', path: '/v1/admin/articles/{id}', fn: 'editorial', access: EDITORIAL, summary: 'One working copy' },
  { id: 'updateArticle', method: 'PATCH', path: '/v1/admin/articles/{id}', fn: 'editorial', access: EDITORIAL, summary: 'Change content fields' },
  { id: 'deleteArticle', method: 'DELETE', path: '/v1/admin/articles/{id}', fn: 'editorial', access: EDITORIAL, summary: 'Delete an article that has never been live' },
  { id: 'transitionArticle', method: 'POST', path: '/v1/admin/articles/{id}/transitions', fn: 'editorial', access: EDITORIAL, summary: 'Move an article through the workflow' },
  { id: 'listRevisions', method: 'GET', path: '/v1/admin/articles/{id}/revisions', fn: 'editorial', access: EDITORIAL, summary: 'Every saved version' },
  { id: 'getRevision', method: 'GET', path: '/v1/admin/articles/{id}/revisions/{n}', fn: 'editorial', access: EDITORIAL, summary: 'One saved version' },
  { id: 'restoreRevision', method: 'POST', path: '/v1/admin/articles/{id}/revisions/{n}/restore', fn: 'editorial', access: EDITORIAL, summary: 'Make a saved version the new working draft' },
  { id: 'scheduleUnpublish', method: 'PUT', path: '/v1/admin/articles/{id}/unpublish-schedule', fn: 'editorial', access: EDITORIAL, summary: 'Take a live article down automatically at unpublishAt' },
  { id: 'cancelUnpublish', method: 'DELETE', path: '/v1/admin/articles/{id}/unpublish-schedule', fn: 'editorial', access: EDITORIAL, summary: 'Cancel a scheduled unpublish' },
  { id: 'createPreview', method: 'POST', path: '/v1/admin/articles/{id}/preview', fn: 'editorial', access: EDITORIAL, summary: 'A signed, expiring link to the working copy' },
  { id: 'getPreview', method: 'GET', path: '/v1/preview/{token}', fn: 'preview', access: 'public', summary: 'The working copy behind a preview link (no caching)' },
  { id: 'getHistory', method: 'GET', path: '/v1/admin/articles/{id}/history', fn: 'editorial', access: EDITORIAL, summary: 'The audit trail, oldest first' },
  { id: 'listComments', method: 'GET', path: '/v1/admin/comments', fn: 'moderation', access: MODERATORS, summary: 'The moderation queue' },
  { id: 'moderateComments', method: 'POST', path: '/v1/admin/comments/moderation', fn: 'moderation', access: MODERATORS, summary: 'Moderate up to 100 comments' },
  { id: 'moderateComment', method: 'POST', path: '/v1/admin/comments/{id}/moderation', fn: 'moderation', access: MODERATORS, summary: 'Approve, reject, mark as spam or requeue a comment' },
  { id: 'eraseComment', method: 'DELETE', path: '/v1/admin/comments/{id}', fn: 'moderation', access: ADMIN, summary: 'Erase a comment for good' },
  { id: 'getCommentSettings', method: 'GET', path: '/v1/admin/settings/comments', fn: 'moderation', access: MODERATORS, summary: 'The comment moderation settings' },
  { id: 'putCommentSettings', method: 'PUT', path: '/v1/admin/settings/comments', fn: 'moderation', access: ADMIN, summary: 'Change the comment moderation settings' },
] as const satisfies readonly RouteDefinition[];

export type Route = (typeof ROUTES)[number];
export type RouteId = Route['id'];
export type RouteIdOf<F extends ApiFunctionName> = Extract<Route, { fn: F }>['id'];

export function findRouteById<I extends RouteId>(id: I): Extract<Route, { id: I }> {
  const route = ROUTES.find((r) => r.id === id);
  if (!route) throw new Error(`No route ${id}`);
  return route as Extract<Route, { id: I }>;
}

export function findRoute(method: string, resource: string): Route | undefined {
  return ROUTES.find((r) => r.method === method && r.path === resource);
}
