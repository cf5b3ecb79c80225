import type { Change } from '../integrations/outbox.ts';
import { keys } from '../store/keys.ts';
import { parse, type StoredArticle } from '../store/model.ts';
import { deskDocument, liveDocument } from './documents.ts';
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

/** Nothing the index holds changed: a comment count moved, or comments closed. */
const sameVersion = (a: Item | undefined, b: Item | undefined) =>
  a !== undefined &&
  b !== undefined &&
  a.version === b.version &&
  a.status === b.status &&
  a.updatedAt === b.updatedAt;

/**
 * Keeps the index in step with one committed change of the content table: a live snapshot is what
 * readers may find (removed, it is taken out at once), a working copy what the desk finds. Others
 * are not indexed. Idempotent: the index diffs against what it holds, so a retried record is safe.
 */
export async function indexChange(change: Change, feed: SearchFeed): Promise<void> {
  const { oldImage, newImage } = change;
  if (isSnapshot(oldImage) || isSnapshot(newImage)) {
    if (!newImage) {
      await feed.index.remove('live', String(oldImage?.id ?? ''), String(oldImage?.slug ?? ''));
      return;
    }
    if (sameVersion(oldImage, newImage)) return;
    await feed.index.put(liveDocument(parse.snapshot(newImage)));
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
