import { BanCreateSchema } from '../../schemas/ban.ts';
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
    id: 'listReportedComments', method: 'GET', path: '/v1/admin/comments/reported', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'The reported queue',
    description: 'Approved comments with open reader reports, most reported first (then newest). A moderator\'s decision on a comment closes its reports and takes it off this queue. Comments held back by reports are in the pending queue with the reason "reports".',
    paged: 'AdminComment',
    ok: { status: 200, description: 'A page of reported comments' },
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
  {
    id: 'createBan', method: 'POST', path: '/v1/admin/bans', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'Ban the writer of a comment',
    description: 'Bans by the keyed hash of the email they gave and by their client fingerprint, with a reason and an optional end. Their submissions then answer 403. With rejectPending (the default), their pending comments from that client are rejected in the same action.',
    body: BanCreateSchema,
    ok: { status: 201, description: 'The ban, and the comments it rejected', schema: 'BanCreated' },
  },
  {
    id: 'listBans', method: 'GET', path: '/v1/admin/bans', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'Bans, newest first',
    description: 'Active, ended and revoked bans.',
    paged: 'Ban',
    ok: { status: 200, description: 'A page of bans' },
  },
  {
    id: 'revokeBan', method: 'DELETE', path: '/v1/admin/bans/{id}', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'Revoke a ban',
    description: 'The commenter may post again at once. The ban stays listed, marked revoked. 409 if it already was.',
    ok: { status: 200, description: 'The revoked ban', schema: 'Ban' },
    problems: [409],
  },
] as const satisfies readonly RouteDefinition[];
