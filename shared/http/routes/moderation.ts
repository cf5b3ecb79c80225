import {
  BanCreateSchema,
  BulkModerationSchema,
  CommentSettingsSchema,
  ModerationSchema,
  ThreadStateSchema,
  UndoSchema,
} from '../../schemas/moderation.ts';
import { CommentQueueQuerySchema, QueueCountsQuerySchema, SearchOnlyQuerySchema } from '../query.ts';
import { ADMIN, MODERATORS, type RouteDefinition } from './define.ts';

/** Who opens and closes an article's comments: its editors and the moderators (and admins). */
const THREAD_KEEPERS = ['editor', 'moderator'] as const;

// biome-ignore format: one route per entry reads as a table
export const MODERATION_ROUTES = [
  {
    id: 'listComments', method: 'GET', path: '/v1/admin/comments', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'The moderation queue',
    description: 'Comments in one status (pending by default), oldest first, optionally of one article. Each carries its article\'s id, slug and title, and the reasons the checks held it; a reply also the comment it answers (inReplyTo: one BatchGetItem for the page\'s replies whose parent is not on it). With q, the comments of that queue whose text or commenter\'s name hold every word (case and accents folded, English word forms, the last word also as the start of a word while typed), newest first, each with highlights marking the words found.',
    query: CommentQueueQuerySchema, paged: 'AdminComment',
    ok: { status: 200, description: 'A page of the queue' },
  },
  {
    id: 'listReportedComments', method: 'GET', path: '/v1/admin/comments/reported', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'The reported queue',
    description: 'Approved comments with open reader reports, most reported first (then newest). Each carries reports: how many of its open reports give each reason, and the newest texts readers wrote (never who reported), read with the comment at no extra request. With q, those whose text or commenter\'s name hold every word, newest first, with highlights. A moderator\'s decision on a comment closes its reports and takes it off this queue. Comments held back by reports are in the pending queue with the reason "reports", and their reports too.',
    query: SearchOnlyQuerySchema, paged: 'AdminComment',
    ok: { status: 200, description: 'A page of reported comments' },
  },
  {
    id: 'countQueues', method: 'GET', path: '/v1/admin/comments/counts', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'How many comments wait in each queue',
    description: 'For the queue tabs: pending and spam (of one article with articleId) and reported (all articles, as its queue). Three Queries on the indexes the queues list, each counting at most 500 comments: beyond, complete is false ("500+"). Nothing is kept in step on the write path, so a count cannot drift.',
    query: QueueCountsQuerySchema,
    ok: { status: 200, description: 'The counts', schema: 'QueueCounts' },
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
    summary: 'Approve, reject, mark as spam, requeue, feature, unfeature or keep a comment',
    description: 'keep dismisses the open reader reports of an approved comment and leaves it up: its reportCount goes back to 0 and it leaves the reported queue (409 if it is not approved or has no open reports; the same readers cannot report it again). Recorded in the comment\'s moderation log with who, when, from and to, the note and the reasons. The article\'s commentCount and featuredCount, and a reply\'s parent\'s replyCount, change in the same write. Only an approved comment can be featured; a comment that leaves approved is no longer featured. 409 when the action does not apply (already in that state) or another moderator acted on the comment at the same time.',
    body: ModerationSchema,
    ok: { status: 200, description: 'The comment after the action', schema: 'AdminComment' },
    problems: [409],
  },
  {
    id: 'undoModeration', method: 'POST', path: '/v1/admin/comments/{id}/undo', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'Undo your last decision on a comment',
    description: 'Puts the comment back as it was before your last decision (status, featured, open reports and what readers said in them), with the counts and trust that decision moved, in one write. decisions is the comment\'s version as your decision answered it: if anything changed the comment since (another moderator, a reader\'s report, a hold), or the decision is more than 120 seconds old, or it was an undo already, the answer is 409 and nothing changes; someone else\'s decision is a 403. Recorded in the log as undo.',
    body: UndoSchema,
    ok: { status: 200, description: 'The comment as it was before the decision', schema: 'AdminComment' },
    problems: [403, 409],
  },
  {
    id: 'getCommenterHistory', method: 'GET', path: '/v1/admin/comments/{id}/history', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: "The earlier comments of a comment's writer",
    description: 'What they posted before this comment, newest first, whatever its status and article, each with its moderation log (the decisions on it): by the keyed hash of the email the writer gave (from any client), or, without an email, from the same client (address and browser). Three requests a page (the comment, a Query of a keys-only index, one BatchGetItem).',
    paged: 'AdminComment',
    ok: { status: 200, description: 'A page of their earlier comments' },
  },
  {
    id: 'getCommentLog', method: 'GET', path: '/v1/admin/comments/{id}/log', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'The moderation log of a comment',
    description: 'Every moderation action on the comment, oldest first: who (a moderator\'s id, or system for reader reports), what, when, from and to which status, the note and the reasons. The newest 50 entries are kept; decisions counts them all.',
    ok: { status: 200, description: 'The log', schema: 'ModerationLog' },
  },
  {
    id: 'setThreadState', method: 'POST', path: '/v1/admin/articles/{id}/thread', fn: 'moderation', access: THREAD_KEEPERS, tag: 'moderation',
    summary: 'Close or reopen an article\'s comments',
    description: 'Editors and moderators, at any time once the article has been published. close: submissions answer 403 from now on; the thread stays readable. reopen: comments are taken again, until closeAt if given, else until closed by hand (this replaces the automatic closing of closeAfterDays). Applies to the working copy and, if live, the public article at once, and writes an entry in the article\'s history in the same transaction (comments-closed or comments-reopened: who, when, the reason as note, and closeAt). 404 for an article never published, the same answer as for an id that names nothing: a draft has no thread yet, and moderators cannot see drafts.',
    body: ThreadStateSchema,
    ok: { status: 200, description: 'Whether comments are open now, and until when', schema: 'ThreadStatus' },
    problems: [409],
  },
  {
    id: 'eraseComment', method: 'DELETE', path: '/v1/admin/comments/{id}', fn: 'moderation', access: ADMIN, tag: 'moderation',
    summary: 'Erase a comment for good',
    description: 'Admins only. An approved comment leaves the article\'s commentCount (and featuredCount, and its parent\'s replyCount) in the same write; readers\' reports of it are erased with it. A top-level comment with approved replies leaves a placeholder in the public thread (removed, no author, no body) so its replies stay; a pending reply to a comment erased with no approved replies can then only be rejected (409 on approve).',
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
    description: 'Admins only. Replaces the settings; they apply to the next submission. closeAfterDays applies to articles first published after the change (it is stamped on an article when it first goes live).',
    body: CommentSettingsSchema,
    ok: { status: 200, description: 'The new settings', schema: 'CommentSettings' },
  },
  {
    id: 'createBan', method: 'POST', path: '/v1/admin/bans', fn: 'moderation', access: MODERATORS, tag: 'moderation',
    summary: 'Ban the writer of a comment',
    description: 'Bans by the keyed hash of the mailbox they gave (plus-tags, Gmail dots and googlemail.com folded), by their client fingerprint and by their address, with a reason and an optional end. Their submissions and reports then answer 403. With rejectPending (the default), their pending comments (from that client, and under that email from any client) are rejected in the same action.',
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
