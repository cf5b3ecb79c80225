import * as z from 'zod/mini';
import { BlockSchema, PublicBlockSchema } from './articleBody.ts';
import { ULID_PATTERN } from './facts.ts';
import { isoTimestamp } from './text.ts';

/**
 * Live coverage: an article whose body is the summary at the top, and beside it entries, short
 * rich-text posts made while a story unfolds. Entries are items of their own (never part of the
 * article), so several people post at once without edit conflicts.
 */
export const LIVE_LIMITS = {
  /** Blocks of one entry: a post, not an article. */
  entryBlocks: 20,
  /** Contributors named on one coverage (console user ids until author records exist). */
  contributors: 50,
  contributor: 128,
  /** Trace kept on an entry: its newest edits, hides and removals. */
  trace: 50,
  /** The newest entries the public article's jsonLd carries as liveBlogUpdate. */
  jsonLdUpdates: 10,
  /** Changes one `since` poll answers at most; the next poll continues from its `since`. */
  pollChanges: 100,
} as const;

export const LIVE_STATES = ['live', 'ended'] as const;
export type LiveState = (typeof LIVE_STATES)[number];

const EntryBodySchema = z.array(BlockSchema).check(
  z.minLength(1, 'an entry needs at least one block'),
  z.maxLength(LIVE_LIMITS.entryBlocks, `at most ${LIVE_LIMITS.entryBlocks} blocks`),
  z.refine(
    (blocks: { type: string; mediaId?: string }[]) => blocks.every((b) => b.type !== 'image' || !b.mediaId),
    'an image in an entry is given by src (an https URL) and alt; library images (mediaId) are not taken yet',
  ),
);

const ContributorSchema = z
  .string()
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(LIVE_LIMITS.contributor, `must be at most ${LIVE_LIMITS.contributor} characters`),
    z.regex(/^[\w.@+-]+$/, 'must be a console user id (letters, digits, . _ @ + -)'),
  );

export const CoverageInputSchema = z
  .strictObject({
    state: z.enum(LIVE_STATES),
    /** Authors who may post besides editors: their console user ids (sub). */
    contributors: z.optional(
      z
        .array(ContributorSchema)
        .check(z.maxLength(LIVE_LIMITS.contributors, `at most ${LIVE_LIMITS.contributors} contributors`)),
    ),
  })
  .register(z.globalRegistry, {
    id: 'CoverageInput',
    description:
      'Start live coverage (state live, on a published article), change its contributors, or end it (state ended: closed to new entries and archived, for good).',
  });
export type CoverageInput = z.infer<typeof CoverageInputSchema>;

export const LiveEntryInputSchema = z
  .strictObject({
    body: EntryBodySchema,
    pinned: z.optional(z.boolean()),
    keyEvent: z.optional(z.boolean()),
  })
  .register(z.globalRegistry, {
    id: 'LiveEntryInput',
    description:
      'A new entry: rich-text blocks as in an article body (an image by src and alt), pinned and keyEvent flags. It is public once posted.',
  });
export type LiveEntryInput = z.infer<typeof LiveEntryInputSchema>;

export const LiveEntryPatchSchema = z
  .strictObject({
    body: z.optional(EntryBodySchema),
    pinned: z.optional(z.boolean()),
    keyEvent: z.optional(z.boolean()),
    /** Editors only: take the entry off the public page at once (and put it back). */
    hidden: z.optional(z.boolean()),
  })
  .register(z.globalRegistry, {
    id: 'LiveEntryPatch',
    description: 'Changes to an entry: its body, the pinned and key-event flags, or hidden (editors only).',
  });
export type LiveEntryPatch = z.infer<typeof LiveEntryPatchSchema>;

export const LiveQuerySchema = z.object({
  /** A change cursor from a previous answer: only what was posted, edited or removed after it. */
  since: z.optional(
    z.string().check(z.regex(ULID_PATTERN, { error: 'must be a since value from an answer' })),
  ),
  /** An entry id: the entries posted before it (the next page, newest first). */
  cursor: z.optional(
    z.string().check(z.regex(ULID_PATTERN, { error: 'must be a nextCursor from an answer' })),
  ),
  limit: z.optional(
    z.string().check(z.regex(/^(100|[1-9][0-9]?)$/, { error: 'must be a whole number from 1 to 100' })),
  ),
});

export const LiveListQuerySchema = z.object({
  cursor: z.optional(
    z.string().check(z.regex(ULID_PATTERN, { error: 'must be a nextCursor from an answer' })),
  ),
  limit: z.optional(
    z.string().check(z.regex(/^(100|[1-9][0-9]?)$/, { error: 'must be a whole number from 1 to 100' })),
  ),
});

export const PublicLiveEntrySchema = z
  .object({
    id: z.string(),
    /** This entry's own address (its permalink in the API). */
    url: z.string(),
    body: z.array(PublicBlockSchema),
    authors: z.array(z.string()),
    postedAt: isoTimestamp,
    updatedAt: isoTimestamp,
    edited: z.boolean(),
    pinned: z.boolean(),
    keyEvent: z.boolean(),
    /** Hidden or deleted: readers drop it; no body, no authors. */
    removed: z.boolean(),
    /** The change this state is: entries with a newer one than a reader's since are in their poll. */
    changeId: z.string(),
  })
  .register(z.globalRegistry, {
    id: 'PublicLiveEntry',
    description:
      'One entry of live coverage as readers see it. In a since poll an entry that was hidden or deleted comes with removed true and no body.',
  });
export type PublicLiveEntry = z.infer<typeof PublicLiveEntrySchema>;

export const LiveFeedSchema = z
  .object({
    items: z.array(PublicLiveEntrySchema),
    /** Older entries: send as cursor. Null on the last page and in a since poll. */
    nextCursor: z.nullable(z.string()),
    /** Send as since in the next poll. */
    since: z.string(),
  })
  .register(z.globalRegistry, {
    id: 'LiveFeed',
    description:
      'Entries newest first, or with since the entries posted, edited or removed after it (removed ones as removed: true), newest change first.',
  });

const TraceSchema = z.object({
  action: z.enum([
    'posted',
    'edited',
    'pinned',
    'unpinned',
    'key',
    'unkey',
    'hidden',
    'shown',
    'deleted',
    'drafted',
  ]),
  by: z.string(),
  at: isoTimestamp,
});

export const LiveEntrySchema = z
  .extend(PublicLiveEntrySchema, {
    version: z.number().check(z.int()),
    hidden: z.boolean(),
    deleted: z.boolean(),
    /** The body as it is even while hidden (the public entry has none then). */
    body: z.array(BlockSchema),
    /** A standalone draft made from the entry, if any. */
    draftId: z.nullable(z.string()),
    /** Who did what to the entry, oldest first (the newest 50). */
    trace: z.array(TraceSchema),
  })
  .register(z.globalRegistry, {
    id: 'LiveEntry',
    description:
      'An entry as the desk sees it: with hidden and deleted ones, their version (If-Match) and trace.',
  });
export type LiveEntry = z.infer<typeof LiveEntrySchema>;
export type LiveTrace = z.infer<typeof TraceSchema>;

export const CoverageSchema = z
  .object({
    articleId: z.string(),
    slug: z.string(),
    state: z.enum(LIVE_STATES),
    contributors: z.array(z.string()),
    startedAt: isoTimestamp,
    endedAt: z.nullable(isoTimestamp),
    /** Whether the caller may post now. */
    canPost: z.boolean(),
  })
  .register(z.globalRegistry, {
    id: 'Coverage',
    description:
      'Live coverage of an article: its state, when it started and ended, and who besides editors may post.',
  });
export type Coverage = z.infer<typeof CoverageSchema>;

export const LiveDeskSchema = z
  .object({
    coverage: CoverageSchema,
    items: z.array(LiveEntrySchema),
    nextCursor: z.nullable(z.string()),
  })
  .register(z.globalRegistry, {
    id: 'LiveDesk',
    description: 'The desk view: the coverage and its newest entries, hidden and deleted ones included.',
  });

export const LiveDraftSchema = z
  .object({ articleId: z.string(), entry: LiveEntrySchema })
  .register(z.globalRegistry, {
    id: 'LiveDraft',
    description: 'The draft made from an entry, and the entry now linked to it (draftId).',
  });

export { type PublicCoverage, PublicCoverageSchema } from './liveCoverage.ts';
