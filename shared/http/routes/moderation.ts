import { BulkModerationSchema, CommentSettingsSchema, ModerationSchema } from '../../schemas/comment.ts';
import { CommentQueueQuerySchema } from '../query.ts';
import { ADMIN, MODERATORS, type RouteDefinition } from './define.ts';

// biome-ignore format: one route per entry reads as a table
export const MODERATION_ROUTES = [
  {
    id: 'listComments', method: 'GET', path: '/v1/admin/comments', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'The moderation queue',
    description: 'Comments in one status (pending by default), oldest first, optionally of one article. Each carries its article\'s id, slug and title, and the reasons the checks held it.',
    query: CommentQueueQuerySchema, paged: 'AdminComment',
    ok: { status: 200, description: 'A page of the queue' },
  },
  {
    id: 'moderateComments', method: 'POST', path: '/v1/admin/comments/moderation', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'Moderate up to 100 comments',
    description: 'One action for many comments. Each id gets its own result: 200 with the comment, or the status and detail of why that one failed.',
    body: BulkModerationSchema,
    ok: { status: 200, description: 'One result per id, in order', schema: 'BulkModerationResult' },
  },
  {
    id: 'moderateComment', method: 'POST', path: '/v1/admin/comments/{id}/moderation', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'Approve, reject, mark as spam or requeue a comment',
    description: 'Recorded with who, when and the note. The article\'s commentCount changes in the same write.',
    body: ModerationSchema,
    ok: { status: 200, description: 'The comment after the action', schema: 'AdminComment' },
    problems: [409],
  },
  {
    id: 'eraseComment', method: 'DELETE', path: '/v1/admin/comments/{id}', fn: 'moderation', access: ADMIN, tag: 'moderation',
    summary: 'Erase a comment for good',
    description: 'Admins only. An approved comment leaves the article\'s commentCount in the same write.',
    ok: { status: 204, description: 'Erased' },
  },
  {
    id: 'getCommentSettings', method: 'GET', path: '/v1/admin/settings/comments', fn: 'moderation', access: MODERATORS, tag: 'settings',
    summary: 'The comment moderation settings',
    description: 'The rules every submission is checked against.',
    ok: { status: 200, description: 'The settings', schema: 'CommentSettings' },
  },
  {
    id: 'putCommentSettings', method: 'PUT', path: '/v1/admin/settings/comments', fn: 'moderation', access: ADMIN, tag: 'settings',
    summary: 'Change the comment moderation settings',
    description: 'Admins only. Replaces all four settings; they apply to the next submission.',
    body: CommentSettingsSchema,
    ok: { status: 200, description: 'The new settings', schema: 'CommentSettings' },
  },
] as const satisfies readonly RouteDefinition[];
