import * as z from 'zod/mini';
import {
  COMMENT_LIMITS,
  COMMENT_STATUSES,
  type CommentStatus,
  LOGGED_ACTIONS,
  REPORT_LIMITS,
  REPORT_REASONS,
} from './facts.ts';
import { HighlightsSchema } from './highlights.ts';
import { isoTimestamp } from './text.ts';

/**
 * The bodies readers and moderators send are in ./commentSubmit.ts and ./moderation.ts (zod/mini,
 * for those functions' cold starts).
 */
export {
  type CommentReportInput,
  CommentReportSchema,
  type CommentSubmit,
  CommentSubmitSchema,
} from './commentSubmit.ts';
export {
  type BulkModerationInput,
  BulkModerationSchema,
  type CommentSettings,
  type CommentSettingsInput,
  CommentSettingsSchema,
  type ModerationInput,
  ModerationSchema,
  type ThreadStateInput,
  ThreadStateSchema,
  type UndoInput,
  UndoSchema,
} from './moderation.ts';

export const CommentStatusSchema = z.enum(COMMENT_STATUSES);
export type { CommentStatus };

export const PublicCommentSchema = z
  .object({
    id: z.string(),
    parentId: z.nullable(z.string()),
    authorName: z
      .nullable(z.string())
      .register(z.globalRegistry, { description: 'null on a removed comment' }),
    body: z.nullable(z.string()).register(z.globalRegistry, { description: 'null on a removed comment' }),
    createdAt: isoTimestamp,
    /** Approved replies to this comment (0 on a reply: threads are one level deep). */
    replyCount: z.number().check(z.int()),
    /** Chosen by a moderator to be shown first (GET .../comments/featured). */
    featured: z.boolean(),
    /**
     * A top-level comment a moderator took down while approved replies answer it: a placeholder
     * (no author, no body) kept so its replies stay in the thread, shown while it has any.
     */
    removed: z.boolean(),
  })
  .register(z.globalRegistry, {
    id: 'PublicComment',
    description:
      'An approved comment. A top-level comment has parentId null and the count of its approved replies; a reply names its top-level comment. A removed top-level comment with approved replies stays as a placeholder: removed true, authorName and body null.',
  });
export type PublicComment = z.infer<typeof PublicCommentSchema>;

export const CommentReasonSchema = z
  .object({
    rule: z.string().register(z.globalRegistry, {
      description: 'blocked-term, suspect-term, links, reports, pre-moderation, banned or another check',
    }),
    detail: z
      .nullable(z.string())
      .register(z.globalRegistry, { description: "The term, the count or the moderator's note" }),
  })
  .register(z.globalRegistry, { description: 'Which rule held or rejected a comment, and on what' });
export type CommentReason = z.infer<typeof CommentReasonSchema>;

export const ModerationRecordSchema = z
  .object({
    at: isoTimestamp,
    actor: z
      .string()
      .register(z.globalRegistry, { description: "The moderator's user id, or system (reader reports)" }),
    action: z.enum(LOGGED_ACTIONS),
    from: CommentStatusSchema,
    to: CommentStatusSchema,
    note: z.optional(z.string()),
    /** Why: the rules that had held the comment, the reports, the moderator's note. */
    reasons: z.optional(z.array(CommentReasonSchema)),
  })
  .register(z.globalRegistry, {
    id: 'ModerationRecord',
    description: "One entry of a comment's moderation log.",
  });
export type ModerationRecord = z.infer<typeof ModerationRecordSchema>;

const reportTally = z.number().check(z.int(), z.gte(0));

export const ReportSummarySchema = z
  .object({
    byReason: z
      .object({ spam: reportTally, abuse: reportTally, off_topic: reportTally, other: reportTally })
      .register(z.globalRegistry, {
        description:
          'Open reports per reason. On a comment reported before reasons were kept, they may add up to less than reportCount.',
      }),
    texts: z
      .array(
        z.object({
          reason: z.enum(REPORT_REASONS),
          text: z.string().register(z.globalRegistry, {
            description: `What the reader wrote, plain text, cut to ${REPORT_LIMITS.summaryText} characters (ending in … when cut)`,
          }),
          at: isoTimestamp,
        }),
      )
      .register(z.globalRegistry, {
        description: `The newest ${REPORT_LIMITS.summaryTexts} texts readers wrote with their open reports, newest first`,
      }),
  })
  .register(z.globalRegistry, {
    id: 'ReportSummary',
    description:
      "What readers said in a comment's open reports: how many per reason and the newest texts. Never who reported. Emptied when a moderator's decision closes the reports.",
  });
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const ReplyContextSchema = z
  .object({
    id: z.string(),
    authorName: z.string(),
    excerpt: z.string(),
    status: CommentStatusSchema,
  })
  .register(z.globalRegistry, {
    id: 'ReplyContext',
    description:
      "The comment a reply answers (its thread's top-level comment): who wrote it, the start of its text (at most 200 characters) and its status now.",
  });
export type ReplyContext = z.infer<typeof ReplyContextSchema>;

export const AdminCommentSchema = z
  .object({
    id: z.string(),
    status: CommentStatusSchema,
    article: z.object({ id: z.string(), slug: z.string(), title: z.string() }),
    parentId: z.nullable(z.string()),
    depth: z.number().check(z.int()),
    authorName: z.string(),
    authorEmail: z.nullable(z.string()),
    body: z.string(),
    createdAt: isoTimestamp,
    /** Why the checks held it for a moderator, if they did. */
    flags: z.array(z.string()),
    /** The same, as rule and detail: which rule held or rejected it, and which term or figure. */
    reasons: z.array(CommentReasonSchema),
    /** Open reader reports; a moderator's decision closes them (back to 0). */
    reportCount: z.number().check(z.int()),
    /** What readers said in those reports: the count per reason and the newest texts. */
    reports: ReportSummarySchema,
    /** Featured by a moderator (only an approved comment is). */
    featured: z.boolean(),
    /** Approved replies (top-level comments only). */
    replyCount: z.number().check(z.int()),
    /**
     * The moderation log, oldest first: every action with who, when, from and to, the note and the
     * reasons. The newest 50 are kept.
     */
    moderation: z.array(ModerationRecordSchema),
    /**
     * Moderation actions it has had: its version. An undo names it (POST .../undo), so a decision
     * made since, by anyone, makes the undo a 409 instead of overwriting it.
     */
    decisions: z.number().check(z.int()),
    /** Only in a search (q): body or authorName with the words found marked. */
    highlights: z.optional(HighlightsSchema),
    /**
     * Only on a reply in a queue's page (pending, decided, reported, or a search of them): the
     * comment it answers, as it is now, so the reply can be judged in its context.
     */
    inReplyTo: z.optional(ReplyContextSchema),
  })
  .register(z.globalRegistry, { id: 'AdminComment' });

const queueCount = z.object({
  count: z.number().check(z.int()),
  complete: z.boolean().register(z.globalRegistry, {
    description: `false when the queue holds more than count (at most ${COMMENT_LIMITS.queueCountCap} are counted): show "${COMMENT_LIMITS.queueCountCap}+"`,
  }),
});

export const QueueCountsSchema = z
  .object({ pending: queueCount, reported: queueCount, spam: queueCount })
  .register(z.globalRegistry, {
    id: 'QueueCounts',
    description:
      'How many comments wait in the queues moderators work: pending and spam (of one article with articleId), and reported (all articles, as its queue). Exact up to the cap.',
  });
export type QueueCounts = z.infer<typeof QueueCountsSchema>;
export type AdminComment = z.infer<typeof AdminCommentSchema>;

export const CommentCreatedSchema = z
  .object({ id: z.string(), status: z.enum(['pending', 'approved']) })
  .register(z.globalRegistry, {
    id: 'CommentCreated',
    description: 'Received: held for a moderator (pending) or shown (approved).',
  });

export const BulkModerationResultSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        /** 200, or the status this id would have answered on its own (404, 409...). */
        status: z.number().check(z.int()),
        comment: z.optional(AdminCommentSchema),
        detail: z.optional(z.string()),
      }),
    ),
  })
  .register(z.globalRegistry, {
    id: 'BulkModerationResult',
    description: 'One result per id, in the order sent.',
  });
export type BulkModerationResult = z.infer<typeof BulkModerationResultSchema>;

export const ReportReceivedSchema = z
  .object({ commentId: z.string(), reason: z.enum(REPORT_REASONS) })
  .register(z.globalRegistry, { id: 'ReportReceived', description: 'The report is with the moderators.' });

export const ThreadStatusSchema = z
  .object({
    articleId: z.string(),
    commentsOpen: z.boolean(),
    commentsCloseAt: z.nullable(isoTimestamp),
  })
  .register(z.globalRegistry, {
    id: 'ThreadStatus',
    description: "Whether an article's comments take new comments now, and until when.",
  });

export const ModerationLogSchema = z
  .object({
    commentId: z.string(),
    status: CommentStatusSchema,
    featured: z.boolean(),
    /** Moderation actions ever taken on the comment; entries keeps the newest 50. */
    decisions: z.number().check(z.int()),
    entries: z.array(ModerationRecordSchema),
  })
  .register(z.globalRegistry, {
    id: 'ModerationLog',
    description: "A comment's moderation log, oldest first.",
  });
export type ModerationLog = z.infer<typeof ModerationLogSchema>;
