import type { PublicBlock } from '../schemas/articleBody.ts';
import type { PublicArticleSummary } from '../schemas/articleLists.ts';
import { listImageOf } from '../schemas/listImage.ts';
import type { Media } from '../schemas/media.ts';
import { plainTextOf, toSpans } from '../schemas/spans.ts';
import type { StoredComment } from '../store/commentModel.ts';
import type { StoredArticle, StoredSnapshot } from '../store/model.ts';
import { FIELDS } from '../store/model.ts';
import { pick } from '../store/parse.ts';
import { filterTerm } from './keys.ts';
import type { SearchDocument } from './searchIndex.ts';

/** Characters of body text kept for excerpts: a hit deeper in a long story shows its opening. */
const EXCERPT_SOURCE = 4000;

type Words = Pick<StoredArticle, 'title' | 'standfirst' | 'tags' | 'section' | 'byline' | 'source'> & {
  body: readonly PublicBlock[] | StoredArticle['body'];
};

const spans = (text: Parameters<typeof toSpans>[0] | undefined) =>
  text === undefined ? '' : plainTextOf(toSpans(text));

/** The readable text of a body: every block's words, image captions and alt text included. */
export function bodyText(body: Words['body']): string {
  return body
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          return spans(block.text);
        case 'quote':
          return [spans(block.before), spans(block.text), spans(block.after), block.attribution ?? '']
            .filter(Boolean)
            .join(' ');
        case 'list':
          return block.items.map((item) => spans(item)).join('\n');
        case 'image':
          return [block.caption ?? '', block.alt].filter(Boolean).join(' ');
        default:
          return '';
      }
    })
    .filter(Boolean)
    .join('\n');
}

function fieldsOf(article: Words): SearchDocument['fields'] {
  return {
    title: article.title,
    standfirst: article.standfirst,
    body: bodyText(article.body),
    byline: article.byline,
    tags: article.tags.join(' '),
    section: article.section,
    source: article.source?.name ?? '',
  };
}

const excerptSource = (article: Words) =>
  [article.standfirst, bodyText(article.body)].filter(Boolean).join('\n').slice(0, EXCERPT_SOURCE);

/**
 * What readers may find of a live snapshot, and what a hit shows: the list entry public lists
 * carry (the same fields, the lead image cut to the list's), so a frontend renders both alike.
 */
export function liveDocument(snapshot: StoredSnapshot): SearchDocument {
  const entry: PublicArticleSummary = {
    ...pick(snapshot, FIELDS.summary),
    leadImage: listImageOf(snapshot.leadImage),
  };
  return {
    scope: 'live',
    id: snapshot.id,
    at: snapshot.publishedAt,
    fields: fieldsOf(snapshot),
    filters: [filterTerm('section', snapshot.section)],
    entry,
    text: excerptSource(snapshot),
    source: snapshot.slug,
  };
}

/** A working copy for the desk: its words, and its status, author and section as filters. */
export function deskDocument(article: StoredArticle): SearchDocument {
  return {
    scope: 'desk',
    id: article.id,
    at: article.createdAt,
    fields: fieldsOf(article),
    filters: [
      filterTerm('status', article.status),
      filterTerm('author', article.createdBy),
      filterTerm('section', article.section),
    ],
    // The desk shows working copies as the admin list does, read from the content table.
    entry: {},
    text: '',
  };
}

/**
 * A file name's words, character for character (so offsets still point into the name):
 * `harbour_wall-02.jpg` is found by `harbour`, `wall` and `jpg`, which word segmentation alone
 * would keep as one word.
 */
export const fileNameWords = (name: string) => name.replace(/[_.-]/gu, ' ');

/**
 * An image of the media library: its alt text, caption, credit and file name (in the fields whose
 * weights suit them: alt as a headline, caption as a standfirst). Found by anyone who may list the
 * library; hits are read from the content table, so the index holds no entry of its own.
 */
export function mediaDocument(
  media: Pick<Media, 'id' | 'createdAt' | 'alt' | 'caption' | 'credit' | 'fileName'>,
): SearchDocument {
  return {
    scope: 'media',
    id: media.id,
    at: media.createdAt,
    fields: {
      title: media.alt,
      standfirst: media.caption ?? '',
      byline: media.credit ?? '',
      source: fileNameWords(media.fileName ?? ''),
    },
    filters: [],
    entry: {},
    text: '',
  };
}

/**
 * A reader comment, for moderators: its text and the commenter's name, with its status, article
 * and whether it has open reports as filters (the queues' tabs). A decision moves one posting.
 */
export function commentDocument(
  comment: Pick<
    StoredComment,
    'id' | 'createdAt' | 'body' | 'authorName' | 'status' | 'articleId' | 'reportCount'
  >,
): SearchDocument {
  return {
    scope: 'comments',
    id: comment.id,
    at: comment.createdAt,
    fields: { body: comment.body, byline: comment.authorName },
    filters: [
      filterTerm('status', comment.status),
      filterTerm('article', comment.articleId),
      ...(comment.status === 'approved' && comment.reportCount > 0 ? [filterTerm('reported', 'open')] : []),
    ],
    entry: {},
    text: '',
  };
}
