import * as z from 'zod/mini';
import { BAN_LIMITS, COMMENT_LIMITS, MODERATION_ACTIONS, THREAD_ACTIONS, ULID_PATTERN } from './facts.ts';
import { ISO_TIMESTAMP, plainLineChecks, plainTextChecks } from './textChecks.ts';

/**
 * What moderators send: decisions, thread states, settings and bans, the only bodies the
 * moderation function validates. Written with `zod/mini` for that function's cold start (full
 * zod, its library and its schemas, was most of what it loaded beyond the SDK); the checks and
 * messages are the same as everywhere. ./comment.ts and ./ban.ts re-export them.
 */
const plainText = (max: number) => z.string().check(...plainTextChecks(max));
/** "86,400 seconds", "1 link": how a bound reads in a setting's message. */
const amount = (n: number, unit: readonly [one: string, many: string]) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? unit[0] : unit[1]}`;
/**
 * A whole number from min to max, its messages in the setting's unit ("at most 86,400 seconds"):
 * the console puts the field's name before them, so every setting's error reads as a sentence.
 */
const whole = (min: number, max: number, unit: readonly [one: string, many: string]) =>
  z
    .number({ error: `must be a number of ${unit[1]}` })
    .check(
      z.int(`must be a whole number of ${unit[1]}`),
      z.gte(min, `at least ${amount(min, unit)}`),
      z.lte(max, `at most ${amount(max, unit)}`),
    );
const SECONDS = ['second', 'seconds'] as const;
const LINKS = ['link', 'links'] as const;
const REPORTS = ['report', 'reports'] as const;
const APPROVALS = ['approved comment', 'approved comments'] as const;
const DAYS = ['day', 'days'] as const;
/** Lowercased and without repeats: the terms the checks match against. */
const terms = (what: string) =>
  z.array(z.string().check(...plainLineChecks(100))).check(
    z.maxLength(500, `at most 500 ${what} terms`),
    z.overwrite((list: string[]) => [...new Set(list.map((t) => t.toLowerCase()))]),
  );

export const ModerationSchema = z
  .strictObject({
    action: z.enum(MODERATION_ACTIONS, { error: `must be one of ${MODERATION_ACTIONS.join(', ')}` }),
    note: z.optional(plainText(COMMENT_LIMITS.note)),
  })
  .register(z.globalRegistry, { id: 'Moderation', description: 'A moderation action and an optional note.' });
export type ModerationInput = z.infer<typeof ModerationSchema>;

export const UndoSchema = z
  .strictObject({
    decisions: z
      .number()
      .check(z.int('must be a whole number'), z.gte(1, 'must be at least 1'))
      .register(z.globalRegistry, {
        description: "The comment's decisions as your decision answered: the version it made",
      }),
  })
  .register(z.globalRegistry, {
    id: 'Undo',
    description: 'Which decision to take back: the one that gave the comment this version.',
  });
export type UndoInput = z.infer<typeof UndoSchema>;

export const BulkModerationSchema = z
  .extend(ModerationSchema, {
    ids: z
      .array(z.string().check(z.minLength(1), z.maxLength(64)))
      .check(
        z.minLength(1, 'name at least one comment'),
        z.maxLength(COMMENT_LIMITS.bulkIds, `at most ${COMMENT_LIMITS.bulkIds} ids per request`),
      ),
  })
  .register(z.globalRegistry, { id: 'BulkModeration', description: 'One action for up to 100 comments.' });
export type BulkModerationInput = z.infer<typeof BulkModerationSchema>;

export const CommentSettingsSchema = z
  .strictObject({
    mode: z.enum(['pre', 'post'], { error: 'must be "pre" or "post"' }),
    maxLinks: whole(0, 50, LINKS),
    blockedTerms: terms('blocked'),
    floodSeconds: whole(0, 86_400, SECONDS),
    /** Open reports that hold an approved comment back for review; 0 never holds one. */
    reportThreshold: z._default(whole(0, 1_000, REPORTS), 3),
    /** Terms that hold a comment for a moderator (even in post mode) without calling it spam. */
    suspectTerms: z._default(terms('suspect'), []),
    /**
     * Approve at once a commenter (by their email's keyed hash) with this many comments approved by
     * a moderator and none marked spam; 0 trusts no one.
     */
    trustAfter: z._default(whole(0, 1_000, APPROVALS), 0),
    /**
     * Close an article's comments this many days after its first publication (stamped on the
     * article when it first goes live); null never closes them by itself.
     */
    closeAfterDays: z._default(z.nullable(whole(1, COMMENT_LIMITS.closeAfterDaysMax, DAYS)), null),
  })
  .register(z.globalRegistry, { id: 'CommentSettings' });
export type CommentSettings = z.infer<typeof CommentSettingsSchema>;
/** As sent: the settings added later may be left out and take their defaults. */
export type CommentSettingsInput = z.input<typeof CommentSettingsSchema>;

export const ThreadStateSchema = z
  .strictObject({
    action: z.enum(THREAD_ACTIONS, { error: `must be one of ${THREAD_ACTIONS.join(', ')}` }),
    closeAt: z.optional(z.iso.datetime(ISO_TIMESTAMP)).register(z.globalRegistry, {
      description: 'reopen only: close again automatically at this time (in the future)',
    }),
    reason: z.optional(plainText(COMMENT_LIMITS.note)).register(z.globalRegistry, {
      description: "Why, for the article's history",
    }),
  })
  .register(z.globalRegistry, {
    id: 'ThreadState',
    description:
      'close: no more comments from now on (the thread stays readable). reopen: comments are taken again, until closeAt if given, else until closed by hand.',
  });
export type ThreadStateInput = z.infer<typeof ThreadStateSchema>;

export const BanCreateSchema = z
  .strictObject({
    commentId: z.string().check(z.regex(ULID_PATTERN, 'must be the id of a comment by the commenter to ban')),
    reason: z.string().check(
      ...plainTextChecks(BAN_LIMITS.reason),
      z.refine((r: string) => r.trim().length > 0, 'say why'),
    ),
    until: z.optional(z.iso.datetime(ISO_TIMESTAMP)).register(z.globalRegistry, {
      description: 'When the ban ends; none means until revoked',
    }),
    rejectPending: z._default(z.boolean(), true).register(z.globalRegistry, {
      description: "Reject the commenter's pending comments in the same action",
    }),
  })
  .register(z.globalRegistry, {
    id: 'BanCreate',
    description:
      "Bans whoever wrote a comment: by their mailbox's keyed hash (if they gave an email), their client fingerprint and their address.",
  });
export type BanCreateInput = z.infer<typeof BanCreateSchema>;
