import { readAccess } from '../access.ts';
import type { Article, ArticleContent, PublicArticle, PublicSeo, Seo, Source } from '../schemas/article.ts';
import type { Block, PublicBlock } from '../schemas/articleBody.ts';
import type { CorrectionRecord, PublicCorrection } from '../schemas/articleCorrections.ts';
import { type PrivateTextKey, TEXT_FIELDS, type TextFieldKey } from '../schemas/articleFields.ts';
import type { HistoryEntry, Revision, RevisionSummary } from '../schemas/articleHistory.ts';
import type { PublicArticleSummary } from '../schemas/articleLists.ts';
import type { PublicComment } from '../schemas/comment.ts';
import { ARTICLE_STATUSES, REVISION_ACTIONS } from '../schemas/facts.ts';
import type { ListImage, MediaRef, PublicImage } from '../schemas/media.ts';
import { COMMENT, COMMENT_SETTINGS, PUBLIC_COMMENT } from './commentModel.ts';
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
 * What the stores keep and read back, a reader per field, typed by shared/schemas (a field added
 * there and not here fails to compile); every field list in the code derives from them
 * (tests/unit/model.test.ts). The comment side's items and shapes are in ./commentModel.ts; the
 * field lists and readers of every shape are here (SHAPES, FIELDS, parse).
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

/** Items written before the search and sharing fields existed read as none set. */
const seoOf =
  <T extends Seo | PublicSeo>(): Read<T> =>
  (v) =>
    v === undefined || v === null ? ({ noindex: false } as T) : (nullableRecord<T>()(v) as T);
const seo = seoOf<Seo>();

const blocks = blocksOf<Block>();

/** The words of an article, as the working copy, its revisions and the live snapshot keep them. */
const NAMED_WORDS = {
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

/**
 * The field table's plain text fields not named above, read as '' on items stored before the field
 * existed (those named keep their strict reader: every item has them).
 */
const textOrBlank: Read<string> = (v) => (v === undefined ? '' : text(v));
function withTextFields<T extends object>(named: T): T & Record<Exclude<TextFieldKey, keyof T>, Read<string>>;
function withTextFields<T extends object>(
  named: T,
  only: 'public',
): T & Record<Exclude<TextFieldKey, keyof T | PrivateTextKey>, Read<string>>;
function withTextFields(named: object, only?: 'public') {
  const out: Record<string, unknown> = { ...named };
  for (const [key, spec] of TEXT_FIELDS) {
    if (!(key in out) && (only !== 'public' || spec.public)) out[key] = textOrBlank;
  }
  return out;
}
const WORDS = withTextFields(NAMED_WORDS);

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
  ...withTextFields(NAMED_WORDS, 'public'),
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
