import { readAccess } from '../access.ts';
import type { Article, ArticleContent, PublicArticle, PublicSeo, Seo, Source } from '../schemas/article.ts';
import type { Block, PublicBlock } from '../schemas/articleBody.ts';
import type { CorrectionRecord, PublicCorrection } from '../schemas/articleCorrections.ts';
import type { HistoryEntry, Revision, RevisionSummary } from '../schemas/articleHistory.ts';
import type { PublicArticleSummary } from '../schemas/articleLists.ts';
import type { CommentSettings, ModerationRecord, PublicComment, ReportSummary } from '../schemas/comment.ts';
import {
  ARTICLE_STATUSES,
  COMMENT_MODES,
  COMMENT_STATUSES,
  type CommentStatus,
  type ModerationAction,
  REVISION_ACTIONS,
} from '../schemas/facts.ts';
import type { ListImage, MediaRef, PublicImage } from '../schemas/media.ts';
import { blocksOf } from './legacyBlocks.ts';
import {
  count,
  fieldsOf,
  flag,
  list,
  listOrEmpty,
  nested,
  nullableOneOf,
  nullableRecord,
  nullableText,
  omit,
  oneOf,
  optionalRecord,
  optionalText,
  pick,
  type Read,
  reader,
  type Shape,
  text,
  whole,
} from './parse.ts';
import { SLUG_FIELDS } from './slugFields.ts';

/**
 * What the stores keep and read back, a reader per field, typed by shared/schemas (a field added there
 * and not here fails to compile); every field list in the code derives from them (tests/unit/model.test.ts).
 */

/** The working copy plus the bookkeeping the service needs but the API does not show. */
export interface StoredArticle extends Article {
  /** Number of the newest revision; the next one is revisionCount + 1. */
  revisionCount: number;
  /** Has ever had a live snapshot: its slugs redirect when they change, and it can no longer be deleted. */
  everLive: boolean;
  /**
   * Who wrote or changed the content since its last approval (the creator first). None of them
   * may approve it: four eyes means someone who did not write the version under review.
   */
  writers: string[];
  /**
   * The library images of the version last approved, each at the version of its record the
   * approval saw (id to version): publishing shows their words as they were then
   * (shared/services/media/references.ts). Absent on articles approved before it existed.
   */
  approvedMedia?: Record<string, number> | undefined;
}

/** What a snapshot stores of the public article: `commentsOpen` is worked out when it is read. */
export type StoredPublicArticle = Omit<PublicArticle, 'commentsOpen' | 'jsonLd'>;

/** The live snapshot as stored: the public fields plus what publishing needs to replace it. */
export interface StoredSnapshot extends StoredPublicArticle {
  version: number;
}

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

/** Items written before the search and sharing fields existed read as none set. */
const seoOf =
  <T extends Seo | PublicSeo>(): Read<T> =>
  (v) =>
    v === undefined || v === null ? ({ noindex: false } as T) : (nullableRecord<T>()(v) as T);
const seo = seoOf<Seo>();

const blocks = blocksOf<Block>();

/** The words of an article, as the working copy, its revisions and the live snapshot keep them. */
const WORDS = {
  section: text,
  title: text,
  standfirst: text,
  body: blocks,
  tags: list<string>(),
  byline: text,
  source: nullableRecord<Source>(),
  seo,
  // Items written before the media library existed have no lead image.
  leadImage: nullableRecord<MediaRef>(),
  access: readAccess,
  authors: listOrEmpty<string>(), // none on items from before author records: the byline stands
} as const;

const CONTENT: Shape<ArticleContent> = { slug: text, ...WORDS, commentsEnabled: flag };

/** In the order the API shows an article. */
const ARTICLE: Shape<Article> = {
  id: text,
  slug: text,
  status: oneOf(ARTICLE_STATUSES),
  version: whole,
  ...WORDS,
  commentsEnabled: flag,
  commentCount: count,
  featuredCount: count,
  commentsCloseAt: nullableText,
  createdAt: text,
  createdBy: text,
  updatedAt: text,
  updatedBy: text,
  publishedAt: nullableText,
  scheduledFor: nullableText,
  unpublishAt: nullableText,
  live: flag,
  hasUnpublishedChanges: flag,
  // Items written before corrections existed have none.
  corrections: listOrEmpty<CorrectionRecord>(),
  ...SLUG_FIELDS,
};

const STORED_ARTICLE: Shape<StoredArticle> = {
  ...ARTICLE,
  revisionCount: whole,
  everLive: flag,
  // Items written before this field existed read as no writers; createdBy still counts.
  writers: listOrEmpty<string>(),
  approvedMedia: optionalRecord<Record<string, number>>(),
};

const PUBLIC_ARTICLE: Shape<StoredPublicArticle> = {
  id: text,
  slug: text,
  ...WORDS,
  // A snapshot carries its library images resolved (see shared/services/media/references.ts).
  body: blocksOf<PublicBlock>(),
  seo: seoOf<PublicSeo>(),
  leadImage: nullableRecord<PublicImage>(),
  authors: listOrEmpty<PublicArticle['authors'][number]>(), // resolved at publish (authors/refs.ts)
  publishedAt: text,
  updatedAt: text,
  commentsEnabled: flag,
  commentCount: count,
  featuredCount: count,
  commentsCloseAt: nullableText,
  corrections: listOrEmpty<PublicCorrection>(),
};

const SNAPSHOT: Shape<StoredSnapshot> = { ...PUBLIC_ARTICLE, version: whole };

/** A list entry leaves out what only the article page shows; its lead image is the list's cut. */
const SUMMARY: Shape<PublicArticleSummary> = {
  ...omit(PUBLIC_ARTICLE, [
    'body',
    'commentCount',
    'featuredCount',
    'commentsCloseAt',
    'commentsEnabled',
    'source',
    'corrections',
    'seo',
    'leadImage',
  ]),
  // Entries written before lists carried images read as having none.
  leadImage: nullableRecord<ListImage>(),
};

const REVISION: Shape<Revision> = {
  articleId: text,
  n: whole,
  version: whole,
  savedAt: text,
  savedBy: text,
  title: text,
  action: oneOf(REVISION_ACTIONS),
  content: nested(CONTENT, 'revision content'),
};

/** A revision in the list: what it is, not what it says. */
const REVISION_SUMMARY: Shape<RevisionSummary> = omit(REVISION, ['articleId', 'content']);

const HISTORY_ENTRY: Shape<HistoryEntry> = {
  at: text,
  actor: text,
  action: text,
  from: nullableOneOf(ARTICLE_STATUSES),
  to: nullableOneOf(ARTICLE_STATUSES),
  version: whole,
  note: optionalText,
  publishAt: optionalText,
  commentsCloseAt: optionalText,
};

const COMMENT: Shape<StoredComment> = {
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

const PUBLIC_COMMENT: Shape<PublicCommentRow> = {
  id: text,
  parentId: nullableText,
  authorName: nullableText,
  body: nullableText,
  createdAt: text,
  replyCount: count,
  featured: flag,
};

const COMMENT_SETTINGS: Shape<CommentSettings> = {
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

/** The shapes themselves, for the test that holds them to the schemas. */
export const SHAPES = {
  content: CONTENT,
  article: ARTICLE,
  storedArticle: STORED_ARTICLE,
  publicArticle: PUBLIC_ARTICLE,
  snapshot: SNAPSHOT,
  summary: SUMMARY,
  revision: REVISION,
  revisionSummary: REVISION_SUMMARY,
  historyEntry: HISTORY_ENTRY,
  comment: COMMENT,
  publicComment: PUBLIC_COMMENT,
  commentSettings: COMMENT_SETTINGS,
} as const;

/**
 * The bulky words of a working copy, which it keeps only in its newest revision (keys.ts): the
 * working copy item is then a head of well under 1 KB, so a write that saves no content (a
 * transition, a schedule, a correction, a comment count) rewrites that, not the whole article.
 * What stays on the head is what the admin lists filter and sort on and what the comment side
 * and the workflow read.
 */
const REVISION_ONLY = [
  'standfirst',
  'body',
  'source',
  'seo',
  'leadImage',
] as const satisfies readonly (keyof ArticleContent)[];
type RevisionOnlyField = (typeof REVISION_ONLY)[number];

/** Working-copy fields the comment side writes (and an editorial write leaves alone). */
const COMMENT_SIDE = ['commentCount', 'featuredCount', 'commentsCloseAt'] as const;
type CommentSideField = (typeof COMMENT_SIDE)[number];

export const FIELDS = {
  /** What an editor may change; a revision keeps exactly this. */
  content: fieldsOf(CONTENT),
  /** What the working copy item itself holds once its content is in its revision. */
  head: fieldsOf(STORED_ARTICLE).filter(
    (f): f is Exclude<keyof StoredArticle, CommentSideField | RevisionOnlyField> =>
      !COMMENT_SIDE.includes(f as CommentSideField) && !REVISION_ONLY.includes(f as RevisionOnlyField),
  ),
  revisionOnly: REVISION_ONLY,
  /** What the API shows of a working copy, in order: no bookkeeping. */
  article: fieldsOf(ARTICLE),
  /**
   * What a working-copy write owns: all but what the comment side keeps (the counts, and when
   * comments close, which only first publication and the thread's close and reopen set).
   */
  working: fieldsOf(STORED_ARTICLE).filter(
    (f): f is Exclude<keyof StoredArticle, CommentSideField> => !COMMENT_SIDE.includes(f as CommentSideField),
  ),
  /** What the server sets on an article; a body naming one is told so. */
  serverOwned: fieldsOf(ARTICLE).filter((f) => !(f in CONTENT)),
  revisionSummary: fieldsOf(REVISION_SUMMARY),
  commentSide: COMMENT_SIDE,
  /** What the public sees of a live article (commentsOpen is worked out on reading). */
  publicArticle: fieldsOf(PUBLIC_ARTICLE),
  summary: fieldsOf(SUMMARY),
  publicComment: fieldsOf(PUBLIC_COMMENT),
} as const;

const readPublicComment = reader(PUBLIC_COMMENT, 'comment');

export const parse = {
  article: reader(STORED_ARTICLE, 'article'),
  snapshot: reader(SNAPSHOT, 'snapshot'),
  summary: reader(SUMMARY, 'feed entry'),
  revision: reader(REVISION, 'revision'),
  historyEntry: reader(HISTORY_ENTRY, 'audit entry'),
  comment: reader(COMMENT, 'comment'),
  publicComment: (item: Record<string, unknown>): PublicComment => {
    const row = readPublicComment(item);
    return { ...row, removed: row.body === null };
  },
  commentSettings: reader(COMMENT_SETTINGS, 'comment settings'),
} as const;

/** The editable content of an article, a revision or a patch applied to one. */
export const contentOf = (article: ArticleContent): ArticleContent => pick(article, FIELDS.content);
