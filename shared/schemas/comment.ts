import * as z from 'zod';
import {
  COMMENT_LIMITS,
  COMMENT_STATUSES,
  type CommentStatus,
  MODERATION_ACTIONS,
  REPORT_LIMITS,
  REPORT_REASONS,
  THREAD_ACTIONS,
  ULID_PATTERN,
} from './facts.ts';
import { isoTimestamp, plainLine, plainText } from './text.ts';

export const CommentStatusSchema = z.enum(COMMENT_STATUSES);
export type { CommentStatus };

export const CommentSubmitSchema = z
  .strictObject({
    authorName: plainLine(COMMENT_LIMITS.authorName),
    authorEmail: z.email({ message: 'must be an email address' }).max(254).optional(),
    body: plainText(COMMENT_LIMITS.body),
    parentId: z.string().regex(ULID_PATTERN, 'must be the id of a comment on this article').optional(),
  })
  .meta({ id: 'CommentSubmit', description: 'A reader comment. Plain text; the email is never shown.' });
export type CommentSubmit = z.infer<typeof CommentSubmitSchema>;

export const ModerationSchema = z
  .strictObject({
    action: z.enum(MODERATION_ACTIONS, { error: `must be one of ${MODERATION_ACTIONS.join(', ')}` }),
    note: plainText(COMMENT_LIMITS.note).optional(),
  })
  .meta({ id: 'Moderation', description: 'A moderation action and an optional note.' });
export type ModerationInput = z.infer<typeof ModerationSchema>;

export const BulkModerationSchema = ModerationSchema.extend({
  ids: z
    .array(z.string().min(1).max(64))
    .min(1, 'name at least one comment')
    .max(COMMENT_LIMITS.bulkIds, `at most ${COMMENT_LIMITS.bulkIds} ids per request`),
}).meta({ id: 'BulkModeration', description: 'One action for up to 100 comments.' });
export type BulkModerationInput = z.infer<typeof BulkModerationSchema>;

export const CommentSettingsSchema = z
  .strictObject({
    mode: z.enum(['pre', 'post'], { error: 'must be "pre" or "post"' }),
    maxLinks: z.number().int().min(0).max(50),
    blockedTerms: z
      .array(plainLine(100))
      .max(500, 'at most 500 blocked terms')
      .overwrite((terms) => [...new Set(terms.map((t) => t.toLowerCase()))]),
    floodSeconds: z.number().int().min(0).max(86_400),
    /** Open reports that hold an approved comment back for review; 0 never holds one. */
    reportThreshold: z.number().int().min(0).max(1_000).default(3),
    /** Terms that hold a comment for a moderator (even in post mode) without calling it spam. */
    suspectTerms: z
      .array(plainLine(100))
      .max(500, 'at most 500 suspect terms')
      .overwrite((terms) => [...new Set(terms.map((t) => t.toLowerCase()))])
      .default([]),
    /**
     * Approve at once a commenter (by their email's keyed hash) with this many comments approved by
     * a moderator and none marked spam; 0 trusts no one.
     */
    trustAfter: z.number().int().min(0).max(1_000).default(0),
    /**
     * Close an article's comments this many days after its first publication (stamped on the
     * article when it first goes live); null never closes them by itself.
     */
    closeAfterDays: z.number().int().min(1).max(COMMENT_LIMITS.closeAfterDaysMax).nullable().default(null),
  })
  .meta({ id: 'CommentSettings' });
export type CommentSettings = z.infer<typeof CommentSettingsSchema>;
/** As sent: the settings added later may be left out and take their defaults. */
export type CommentSettingsInput = z.input<typeof CommentSettingsSchema>;

export const PublicCommentSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    authorName: z.string().nullable().meta({ description: 'null on a removed comment' }),
    body: z.string().nullable().meta({ description: 'null on a removed comment' }),
    createdAt: isoTimestamp,
    /** Approved replies to this comment (0 on a reply: threads are one level deep). */
    replyCount: z.number().int(),
    /** Chosen by a moderator to be shown first (GET .../comments/featured). */
    featured: z.boolean(),
    /**
     * A top-level comment a moderator took down while approved replies answer it: a placeholder
     * (no author, no body) kept so its replies stay in the thread, shown while it has any.
     */
    removed: z.boolean(),
  })
  .meta({
    id: 'PublicComment',
    description:
      'An approved comment. A top-level comment has parentId null and the count of its approved replies; a reply names its top-level comment. A removed top-level comment with approved replies stays as a placeholder: removed true, authorName and body null.',
  });
export type PublicComment = z.infer<typeof PublicCommentSchema>;

export const CommentReasonSchema = z
  .object({
    rule: z.string().meta({
      description: 'blocked-term, suspect-term, links, reports, pre-moderation, banned or another check',
    }),
    detail: z.string().nullable().meta({ description: "The term, the count or the moderator's note" }),
  })
  .meta({ description: 'Which rule held or rejected a comment, and on what' });
export type CommentReason = z.infer<typeof CommentReasonSchema>;

export const ModerationRecordSchema = z
  .object({
    at: isoTimestamp,
    actor: z.string().meta({ description: "The moderator's user id, or system (reader reports)" }),
    action: z.enum(MODERATION_ACTIONS),
    from: CommentStatusSchema,
    to: CommentStatusSchema,
    note: z.string().optional(),
    /** Why: the rules that had held the comment, the reports, the moderator's note. */
    reasons: z.array(CommentReasonSchema).optional(),
  })
  .meta({ id: 'ModerationRecord', description: "One entry of a comment's moderation log." });
export type ModerationRecord = z.infer<typeof ModerationRecordSchema>;

export const AdminCommentSchema = z
  .object({
    id: z.string(),
    status: CommentStatusSchema,
    article: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
    parentId: z.string().nullable(),
    depth: z.number().int(),
    authorName: z.string(),
    authorEmail: z.string().nullable(),
    body: z.string(),
    createdAt: isoTimestamp,
    /** Why the checks held it for a moderator, if they did. */
    flags: z.array(z.string()),
    /** The same, as rule and detail: which rule held or rejected it, and which term or figure. */
    reasons: z.array(CommentReasonSchema),
    /** Open reader reports; a moderator's decision closes them (back to 0). */
    reportCount: z.number().int(),
    /** Featured by a moderator (only an approved comment is). */
    featured: z.boolean(),
    /** Approved replies (top-level comments only). */
    replyCount: z.number().int(),
    /**
     * The moderation log, oldest first: every action with who, when, from and to, the note and the
     * reasons. The newest 50 are kept.
     */
    moderation: z.array(ModerationRecordSchema),
  })
  .meta({ id: 'AdminComment' });
export type AdminComment = z.infer<typeof AdminCommentSchema>;

export const CommentCreatedSchema = z
  .object({ id: z.string(), status: z.enum(['pending', 'approved']) })
  .meta({
    id: 'CommentCreated',
    description: 'Received: held for a moderator (pending) or shown (approved).',
  });

export const BulkModerationResultSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        /** 200, or the status this id would have answered on its own (404, 409...). */
        status: z.number().int(),
        comment: AdminCommentSchema.optional(),
        detail: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'BulkModerationResult', description: 'One result per id, in the order sent.' });
export type BulkModerationResult = z.infer<typeof BulkModerationResultSchema>;

export const CommentReportSchema = z
  .strictObject({
    reason: z.enum(REPORT_REASONS, { error: `must be one of ${REPORT_REASONS.join(', ')}` }),
    text: plainText(REPORT_LIMITS.text).optional(),
  })
  .superRefine((report, ctx) => {
    if (report.reason === 'other' && !report.text?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'say in a few words what is wrong' });
    }
  })
  .meta({ id: 'CommentReport', description: 'A reader flags a comment for moderators. Anonymous.' });
export type CommentReportInput = z.infer<typeof CommentReportSchema>;

export const ReportReceivedSchema = z
  .object({ commentId: z.string(), reason: z.enum(REPORT_REASONS) })
  .meta({ id: 'ReportReceived', description: 'The report is with the moderators.' });

export const ThreadStateSchema = z
  .strictObject({
    action: z.enum(THREAD_ACTIONS, { error: `must be one of ${THREAD_ACTIONS.join(', ')}` }),
    closeAt: isoTimestamp
      .optional()
      .meta({ description: 'reopen only: close again automatically at this time (in the future)' }),
    reason: plainText(COMMENT_LIMITS.note).optional().meta({ description: "Why, for the article's history" }),
  })
  .meta({
    id: 'ThreadState',
    description:
      'close: no more comments from now on (the thread stays readable). reopen: comments are taken again, until closeAt if given, else until closed by hand.',
  });
export type ThreadStateInput = z.infer<typeof ThreadStateSchema>;

export const ThreadStatusSchema = z
  .object({
    articleId: z.string(),
    commentsOpen: z.boolean(),
    commentsCloseAt: isoTimestamp.nullable(),
  })
  .meta({
    id: 'ThreadStatus',
    description: "Whether an article's comments take new comments now, and until when.",
  });

export const ModerationLogSchema = z
  .object({
    commentId: z.string(),
    status: CommentStatusSchema,
    featured: z.boolean(),
    /** Moderation actions ever taken on the comment; entries keeps the newest 50. */
    decisions: z.number().int(),
    entries: z.array(ModerationRecordSchema),
  })
  .meta({ id: 'ModerationLog', description: "A comment's moderation log, oldest first." });
export type ModerationLog = z.infer<typeof ModerationLogSchema>;
