import type { Change } from '../integrations/outbox.ts';
import { commentKeys } from '../store/commentKeys.ts';
import { keys } from '../store/keys.ts';
import { mediaKeys } from '../store/mediaKeys.ts';
import { parseMedia } from '../store/mediaRecord.ts';
import { parse, type StoredArticle } from '../store/model.ts';
import { isSlugRedirect } from '../store/slugRedirects.ts';
import { commentDocument, deskDocument, liveDocument, mediaDocument } from './documents.ts';
import type { SearchIndex } from './searchIndex.ts';

/** What the indexer needs: the index, and the working copies (their words live in revisions). */
export interface SearchFeed {
  index: SearchIndex;
  articles: { get(id: string): Promise<StoredArticle | null> };
}

type Item = Record<string, unknown>;

const isSnapshot = (item: Item | undefined) =>
  item?.sk === keys.liveSnapshot('').sk && String(item?.pk ?? '').startsWith('SLUG#');
const isWorking = (item: Item | undefined) =>
  item?.sk === keys.working('').sk && String(item?.pk ?? '').startsWith(keys.articlePartition(''));

const isMedia = (item: Item | undefined) =>
  item?.pk === mediaKeys.mediaPartition && String(item?.sk ?? '').startsWith(mediaKeys.mediaPrefix);
const isComment = (item: Item | undefined) =>
  item?.sk === commentKeys.comment('').sk && String(item?.pk ?? '').startsWith('COMMENT#');

/** What a comment is found by and filtered on: a report count moving past zero counts, a reply's doesn't. */
const sameComment = (a: Item | undefined, b: Item | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.status === b.status &&
  a.body === b.body &&
  a.authorName === b.authorName &&
  Number(a.reportCount ?? 0) > 0 === Number(b.reportCount ?? 0) > 0;

/** Nothing the index holds changed: a comment count moved, or comments closed. */
const sameVersion = (a: Item | undefined, b: Item | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.version === b.version &&
  a.status === b.status &&
  a.updatedAt === b.updatedAt;

/**
 * Keeps the index in step with one committed change: a live snapshot is what readers may find
 * (removed, it is taken out at once), a working copy what the desk finds, a media record what the
 * library finds, a comment what moderators find (erased, it goes; a decision moves its status
 * filter). Others are not indexed. Idempotent: the index diffs against what it holds, so a retried record is safe.
 */
export async function indexChange(change: Change, feed: SearchFeed): Promise<void> {
  // A slug's redirect is no snapshot; one replacing a snapshot is a move, which the new slug's
  // snapshot indexes (removing the old one here could land after it: same id).
  if (isSlugRedirect(change.newImage) && isSnapshot(change.oldImage)) return;
  const oldImage = isSlugRedirect(change.oldImage) ? undefined : change.oldImage;
  const newImage = isSlugRedirect(change.newImage) ? undefined : change.newImage;
  if (isSnapshot(oldImage) || isSnapshot(newImage)) {
    if (!newImage) {
      await feed.index.remove('live', String(oldImage?.id ?? ''), String(oldImage?.slug ?? ''));
      return;
    }
    if (sameVersion(oldImage, newImage)) return;
    await feed.index.put(liveDocument(parse.snapshot(newImage)));
    return;
  }
  if (isMedia(oldImage) || isMedia(newImage)) {
    if (!newImage) {
      await feed.index.remove('media', String(oldImage?.id ?? ''));
      return;
    }
    // A deletion's mark or an unchanged retry: same version, nothing to index.
    if (sameVersion(oldImage, newImage)) return;
    await feed.index.put(mediaDocument(parseMedia(newImage)));
    return;
  }
  if (isComment(oldImage) || isComment(newImage)) {
    if (!newImage) {
      await feed.index.remove('comments', String(oldImage?.id ?? ''));
      return;
    }
    if (sameComment(oldImage, newImage)) return;
    await feed.index.put(commentDocument(parse.comment(newImage)));
    return;
  }
  if (isWorking(oldImage) || isWorking(newImage)) {
    const id = String(newImage?.id ?? oldImage?.id ?? '');
    if (!newImage) {
      await feed.index.remove('desk', id);
      return;
    }
    if (sameVersion(oldImage, newImage)) return;
    // The head alone may not carry the words (they are in its newest revision): read the copy.
    const article = await feed.articles.get(id);
    if (article) await feed.index.put(deskDocument(article));
    else await feed.index.remove('desk', id);
  }
}
