/**
 * Plain-data facts the schemas are built from. Kept free of zod so the lean public bundle can
 * use them without pulling in a schema library.
 */
export const ARTICLE_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'archived',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/**
 * Who may read a story on the newsroom's site: anyone, readers signed in, or subscribers. The CMS
 * labels stories with it (lists, feeds, structured data); the frontend enforces it, nothing meters.
 */
export const ACCESS_LEVELS = ['free', 'registered', 'subscribers'] as const;
export type Access = (typeof ACCESS_LEVELS)[number];

/** Lowercase URL slug: letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Every id (articles, comments) is a ULID: 26 characters of Crockford's base 32. */
export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Limits that keep every item far below DynamoDB's 400 KB. */
export const ARTICLE_LIMITS = {
  title: 200,
  standfirst: 600,
  byline: 200,
  slug: 80,
  section: 40,
  tag: 40,
  tags: 10,
  blocks: 400,
  blockText: 10_000,
  quoteClause: 1_000,
  listItems: 100,
  note: 2_000,
  correction: 2_000,
  /** Search engines show about 60 and 160 characters; the bounds leave room, not licence. */
  metaTitle: 120,
  metaDescription: 320,
  /** Corrections an article keeps: far more than any story gets, and a bound on its item size. */
  corrections: 50,
} as const;

/**
 * Archive import. 200 articles a request: each is one TransactWriteItems of at most 30 items
 * (working copy, revision, audit, slug and import claims, snapshot, 22 feed entries with 10 tags,
 * two thread headers) plus a check and a usage record per library image (the records go before
 * the transaction when all of it would pass DynamoDB's 100: ArticleStore.commit); run 8 at a time, a full request is about 600 DynamoDB
 * calls, a second or two, far inside the function's 10 s; and 200 stories of a typical 5-25 KB
 * stay under Lambda's 6 MB request payload.
 */
export const IMPORT_LIMITS = { articles: 200, externalId: 200, concurrency: 8 } as const;

/** What saved a revision. */
export const REVISION_ACTIONS = ['create', 'edit', 'restore', 'publish'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** `pre`: every comment waits for a moderator; `post`: a comment that passes the checks shows at once. */
export const COMMENT_MODES = ['pre', 'post'] as const;

/** Actions that move a comment to another status. */
export const STATUS_ACTIONS = ['approve', 'reject', 'spam', 'requeue'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

/**
 * Every moderation action: the status moves; featuring (an approved comment shown first on
 * request, counted on the article); and keep, which dismisses the open reports of an approved
 * comment and leaves it up. The last three leave the status as it is.
 */
export const MODERATION_ACTIONS = [...STATUS_ACTIONS, 'feature', 'unfeature', 'keep'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * What a comment's moderation log records: every moderation action, and `undo`, a moderator taking
 * back their own last decision (POST /v1/admin/comments/{id}/undo, never an action to send).
 */
export const LOGGED_ACTIONS = [...MODERATION_ACTIONS, 'undo'] as const;
export type LoggedAction = (typeof LOGGED_ACTIONS)[number];

/** How long a moderator may undo their last decision on a comment, if nothing changed it since. */
export const UNDO_SECONDS = 120;

/** What each status action makes of a comment. */
export const MODERATION_TARGET: Record<StatusAction, CommentStatus> = {
  approve: 'approved',
  reject: 'rejected',
  spam: 'spam',
  requeue: 'pending',
};

export const COMMENT_LIMITS = {
  authorName: 80,
  body: 2_000,
  note: 1_000,
  bulkIds: 100,
  /**
   * Threads are one level deep: a top-level comment is depth 1, its replies depth 2. A reply to a
   * reply is attached to the top-level comment it answers (it is not refused).
   */
  maxDepth: 2,
  /** Moderation log entries kept on a comment, newest last; older ones give way. */
  moderationLog: 50,
  /** Automatic closing: at most ten years after first publication. */
  closeAfterDaysMax: 3_650,
  /** A tab's count in the moderation queues reads at most this many comments (one Query): beyond, "500+". */
  queueCountCap: 500,
} as const;

/** How the public thread's top-level comments are ordered. */
export const THREAD_SORTS = ['oldest', 'newest', 'replies'] as const;
export type ThreadSort = (typeof THREAD_SORTS)[number];

/** A search's order: newest first (the default), or most relevant first among the newest matches. */
export const SEARCH_SORTS = ['newest', 'relevance'] as const;

/** Opening and closing an article's comments by hand. */
export const THREAD_ACTIONS = ['close', 'reopen'] as const;

/** Why a reader reports a comment; `other` needs a few words of text. */
export const REPORT_REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_LIMITS = {
  text: 500,
  /**
   * What a comment keeps of its open reports for moderators (reportSummary): the newest this many
   * texts, each cut to this many characters. Reports are written by the public, so what they add
   * to the comment item is bounded: at most about 2.8 KB, whatever readers send.
   */
  summaryTexts: 3,
  summaryText: 280,
  /**
   * Reports one address may make in a fixed window, on any comments (429 with Retry-After past
   * it): enough for a reader going through a spam wave, not for one client hiding a thread. Not a
   * setting: a newsroom that switches posting flood control off keeps this one.
   */
  perAddress: 20,
  windowSeconds: 600,
} as const;

export const BAN_LIMITS = { reason: 500, rejectPendingMax: 500 } as const;

/** What the media library takes: the formats browsers show, as the upload policy names them. */
export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** pending: waiting for the upload; ready: read and rendered; failed: not an image we can use. */
export const MEDIA_STATUSES = ['pending', 'ready', 'failed'] as const;
export type MediaStatus = (typeof MEDIA_STATUSES)[number];

export const MEDIA_LIMITS = {
  /** The upload policy's content-length-range upper bound. */
  maxBytes: 20 * 1024 * 1024,
  /** How long a presigned upload stays valid. */
  uploadSeconds: 15 * 60,
  /** How long the rendition function's retries of one upload may go on (Lambda's maxEventAge). */
  processingSeconds: 30 * 60,
  /**
   * How long a record may stay pending: the form's quarter of an hour, then the retries of its
   * processing, with a quarter of an hour to spare. After it the record reads as failed.
   */
  pendingSeconds: 60 * 60,
  alt: 1_000,
  /** The name of the file as the uploader's computer called it (searchable, never a storage key). */
  fileName: 255,
  caption: 1_000,
  credit: 200,
  licence: 200,
  /** Distinct media an article may reference: bounds the usage records one save writes. */
  perArticle: 40,
} as const;

/** WebP renditions made of every image, never wider than the original (but at least one). */
export const RENDITION_WIDTHS = [320, 640, 1280, 2048] as const;
