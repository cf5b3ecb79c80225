import * as z from 'zod/mini';
import { WORKFLOW_ACTIONS } from '../workflow.ts';
import { ArticleContentSchema, ArticleStatusSchema } from './article.ts';
import { ARTICLE_LIMITS, REVISION_ACTIONS } from './facts.ts';
import { isoTimestamp, plainText } from './text.ts';

/**
 * An article's life beside its fields: the revisions it keeps, the append-only audit trail, and
 * the workflow requests (transitions, a scheduled unpublish) that move it along.
 */
export const RevisionSummarySchema = z
  .object({
    n: z.number().check(z.int()),
    version: z.number().check(z.int()),
    savedAt: isoTimestamp,
    savedBy: z.string(),
    title: z.string(),
    action: z.enum(REVISION_ACTIONS),
  })
  .register(z.globalRegistry, { id: 'RevisionSummary' });
export type RevisionSummary = z.infer<typeof RevisionSummarySchema>;

export const RevisionSchema = z
  .extend(RevisionSummarySchema, { articleId: z.string(), content: ArticleContentSchema })
  .register(z.globalRegistry, {
    id: 'Revision',
    description: 'An immutable saved version of the article content.',
  });
export type Revision = z.infer<typeof RevisionSchema>;

export const HistoryEntrySchema = z
  .object({
    at: isoTimestamp,
    actor: z.string(),
    action: z.string(),
    from: z.nullable(ArticleStatusSchema),
    to: z.nullable(ArticleStatusSchema),
    version: z.number().check(z.int()),
    note: z.optional(z.string()),
    /** For schedule: when the article is to go live. */
    publishAt: z.optional(isoTimestamp),
    /** For comments-reopened: when they close again by themselves (absent: when closed by hand). */
    commentsCloseAt: z.optional(isoTimestamp),
  })
  .register(z.globalRegistry, {
    id: 'HistoryEntry',
    description:
      'One entry of the append-only audit trail. Besides the workflow actions: comments-closed and comments-reopened (who, when, the reason as note), which make no version and carry the version they happened at.',
  });
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const TransitionSchema = z
  .strictObject({
    action: z.enum(WORKFLOW_ACTIONS, { error: `must be one of ${WORKFLOW_ACTIONS.join(', ')}` }),
    note: z.optional(plainText(ARTICLE_LIMITS.note)),
    publishAt: z.optional(isoTimestamp),
  })
  .register(z.globalRegistry, {
    id: 'Transition',
    description: 'A workflow action; note and publishAt where the action needs them.',
  });
export type TransitionInput = z.infer<typeof TransitionSchema>;

export const UnpublishScheduleSchema = z
  .strictObject({ unpublishAt: isoTimestamp })
  .register(z.globalRegistry, {
    id: 'UnpublishSchedule',
    description: 'When to take the live article down.',
  });
