import * as z from 'zod/mini';
import { COMMENT_LIMITS, REPORT_LIMITS, REPORT_REASONS, ULID_PATTERN } from './facts.ts';
import { plainLineChecks, plainTextChecks } from './textChecks.ts';

/**
 * What readers send: a comment and a report, the only bodies the comment submission function
 * validates. Written with `zod/mini`, like the query schemas: with full zod, loading the library
 * and building its schemas was about a third of that function's cold start. The checks and their
 * messages are the same as everywhere (./textChecks.ts); ./comment.ts re-exports both.
 */
export const CommentSubmitSchema = z
  .strictObject({
    authorName: z.string().check(...plainLineChecks(COMMENT_LIMITS.authorName)),
    authorEmail: z.optional(z.email({ message: 'must be an email address' }).check(z.maxLength(254))),
    body: z.string().check(...plainTextChecks(COMMENT_LIMITS.body)),
    parentId: z.optional(
      z.string().check(z.regex(ULID_PATTERN, 'must be the id of a comment on this article')),
    ),
  })
  .register(z.globalRegistry, {
    id: 'CommentSubmit',
    description: 'A reader comment. Plain text; the email is never shown.',
  });
export type CommentSubmit = z.infer<typeof CommentSubmitSchema>;

export const CommentReportSchema = z
  .strictObject({
    reason: z.enum(REPORT_REASONS, { error: `must be one of ${REPORT_REASONS.join(', ')}` }),
    text: z.optional(z.string().check(...plainTextChecks(REPORT_LIMITS.text))),
  })
  .check(
    z.superRefine((report, ctx) => {
      if (report.reason === 'other' && !report.text?.trim()) {
        ctx.addIssue({ code: 'custom', path: ['text'], message: 'say in a few words what is wrong' });
      }
    }),
  )
  .register(z.globalRegistry, {
    id: 'CommentReport',
    description: 'A reader flags a comment for moderators. Anonymous.',
  });
export type CommentReportInput = z.infer<typeof CommentReportSchema>;
