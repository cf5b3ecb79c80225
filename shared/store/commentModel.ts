import type { CommentSettings, ModerationRecord, PublicComment, ReportSummary } from '../schemas/comment.ts';
import {
  COMMENT_MODES,
  COMMENT_STATUSES,
  type CommentStatus,
  type ModerationAction,
} from '../schemas/facts.ts';
import {
  count,
  flag,
  listOrEmpty,
  nullableText,
  oneOf,
  optionalRecord,
  optionalText,
  type Shape,
  text,
  whole,
} from './parse.ts';

/**
 * What the comment stores keep and read back: the comment item, a row of the public thread's
 * indexes and the moderation settings, a reader per field (the article's are in ./model.ts, which
 * also holds every shape's field lists and readers: SHAPES, FIELDS, parse).
 */

export interface StoredComment {
  id: string;
  articleId: string;
  articleSlug: string;
  articleTitle: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorEmail: string | null;
  body: string;
  status: CommentStatus;
  createdAt: string;
  /** A keyed hash of the client (never the raw IP), for flood control and moderation. */
  fingerprint: string;
  flags: string[];
  moderation: ModerationRecord[];
  /** Open reader reports (0 once a moderator decided). */
  reportCount: number;
  /**
   * What readers said in those reports (count per reason, newest texts; see
   * ./comments/reportSummary.ts); absent with no open reports, and on reports stored before it.
   */
  reportSummary?: ReportSummary | undefined;
  /** A keyed hash of the email, when one was given: bans and trust key on it, never the email. */
  emailHash?: string | undefined;
  /** A keyed hash of the client's address (see addressHash), for bans; absent on older comments. */
  addressHash?: string | undefined;
  /** Shown first on request, and counted on the article; only while approved. */
  featured: boolean;
  /** Approved replies (top-level comments). */
  replyCount: number;
  /**
   * Moderation actions ever recorded (the log keeps only the newest): the comment's version, on
   * which every moderation write is conditioned. Absent on comments stored before it existed,
   * whose log was never capped: there it is the log's length.
   */
  decisions?: number | undefined;
  /** This comment's first moderator approval has counted toward its writer's trust. */
  trustCounted: boolean;
  /**
   * What the last moderator's decision changed, as it was before: that moderator may put it back
   * (shared/services/comments/moderation.ts: undo) while the comment's version is still the one it made.
   */
  undo?: UndoState | undefined;
}

/** A comment before its last decision, and which decision that was (see StoredComment.undo). */
export interface UndoState {
  /** The comment's version after the decision: the undo applies only while it is still that. */
  decisions: number;
  actor: string;
  at: string;
  action: ModerationAction;
  status: CommentStatus;
  featured: boolean;
  reportCount: number;
  reportSummary?: ReportSummary | undefined;
  trustCounted: boolean;
}

export const COMMENT: Shape<StoredComment> = {
  id: text,
  articleId: text,
  articleSlug: text,
  articleTitle: text,
  parentId: nullableText,
  depth: whole,
  authorName: text,
  authorEmail: nullableText,
  body: text,
  status: oneOf(COMMENT_STATUSES),
  createdAt: text,
  fingerprint: text,
  flags: listOrEmpty<string>(),
  moderation: listOrEmpty<ModerationRecord>(),
  reportCount: count,
  reportSummary: optionalRecord<ReportSummary>(),
  emailHash: optionalText,
  addressHash: optionalText,
  featured: flag,
  replyCount: count,
  decisions: (v) => (v === undefined ? undefined : whole(v)),
  trustCounted: flag,
  undo: optionalRecord<UndoState>(),
};

/**
 * A row of the public thread's indexes as stored. A tombstone (a removed top-level comment kept
 * for its replies) has no author and no body; `removed` is read from that, not stored, so the
 * indexes project the same attributes as before tombstones existed.
 */
export type PublicCommentRow = Omit<PublicComment, 'removed'>;

export const PUBLIC_COMMENT: Shape<PublicCommentRow> = {
  id: text,
  parentId: nullableText,
  authorName: nullableText,
  body: nullableText,
  createdAt: text,
  replyCount: count,
  featured: flag,
};

export const COMMENT_SETTINGS: Shape<CommentSettings> = {
  mode: oneOf(COMMENT_MODES),
  maxLinks: whole,
  blockedTerms: listOrEmpty<string>(),
  floodSeconds: whole,
  // Settings saved before these existed read as the schema's defaults.
  reportThreshold: (v) => (v === undefined ? 3 : whole(v)),
  suspectTerms: listOrEmpty<string>(),
  trustAfter: count,
  closeAfterDays: (v) => (v === undefined || v === null ? null : whole(v)),
};
