import * as z from 'zod';
import {
  COMMENT_LIMITS,
  COMMENT_STATUSES,
  type CommentStatus,
  MODERATION_ACTIONS,
  REPORT_LIMITS,
  REPORT_REASONS,
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
  })
  .meta({ id: 'CommentSettings' });
export type CommentSettings = z.infer<typeof CommentSettingsSchema>;
/** As sent: the settings added later may be left out and take their defaults. */
export type CommentSettingsInput = z.input<typeof CommentSettingsSchema>;

export const PublicCommentSchema = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    authorName: z.string(),
    body: z.string(),
    createdAt: isoTimestamp,
  })
  .meta({ id: 'PublicComment' });
export type PublicComment = z.infer<typeof PublicCommentSchema>;

export const ModerationRecordSchema = z.object({
  at: isoTimestamp,
  actor: z.string(),
  action: z.enum(MODERATION_ACTIONS),
  from: CommentStatusSchema,
  to: CommentStatusSchema,
  note: z.string().optional(),
});
export type ModerationRecord = z.infer<typeof ModerationRecordSchema>;

export const CommentReasonSchema = z
  .object({
    rule: z.string().meta({
      description: 'blocked-term, suspect-term, links, reports, pre-moderation, banned or another check',
    }),
    detail: z.string().nullable().meta({ description: "The term, the count or the moderator's note" }),
  })
  .meta({ description: 'Which rule held or rejected a comment, and on what' });
export type CommentReason = z.infer<typeof CommentReasonSchema>;

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
