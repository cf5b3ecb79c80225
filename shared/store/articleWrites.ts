import type { HistoryEntry, Revision } from '../schemas/articleHistory.ts';
import type { PublicArticleSummary } from '../schemas/articleLists.ts';
import { listImageOf } from '../schemas/listImage.ts';
import { commentKeys, threadHeaders, threadStateOf } from './commentKeys.ts';
import { feeds, ITEM_TYPES, keys, workingIndexValues } from './keys.ts';
import { mediaKeys } from './mediaKeys.ts';
import { mediaUsableCheck } from './mediaStore.ts';
import { FIELDS, type StoredArticle, type StoredSnapshot } from './model.ts';
import { pick } from './parse.ts';
import { putNew, type TransactItem } from './query.ts';
import { type SlugMove, slugMoveItems } from './slugMoveWrites.ts';
import { setAll } from './update.ts';
import { CONTENT_IN_REVISION } from './workingCopy.ts';

/** Everything one article write changes, committed as one TransactWriteItems. */
export interface ArticleWrite {
  article: StoredArticle;
  /**
   * The version the caller read; null when creating. A mismatch is a 412. A write that changes
   * the words (standfirst, body, source, search fields, lead image) must save a revision: the
   * working copy keeps them only there (see workingCopy.ts).
   */
  expectedVersion: number | null;
  audit: HistoryEntry;
  revision?: Revision;
  claimSlug?: string;
  releaseSlug?: string;
  /** Archive import: claim the external id (a second import of it fails this condition). */
  claimImport?: { externalId: string; payloadHash: string };
  /**
   * Publish: put this snapshot and its feed entries, removing entries it no longer belongs to;
   * `move` when it goes live at another slug than readers had (slugMoveItems).
   */
  goLive?: { snapshot: StoredSnapshot; previous: StoredSnapshot | null; move?: SlugMove };
  /** Unpublish: remove this snapshot and its feed entries, and the redirects to it. */
  goDark?: { previous: StoredSnapshot; redirects?: readonly string[] };
  /**
   * First publication: write when comments close (from the closeAfterDays setting). Afterwards
   * only the thread's close and reopen change it.
   */
  stampCommentsCloseAt?: true;
  /**
   * Images of the media library the content now refers to for the first time (with the field that
   * does): each is recorded as used, and the transaction holds only while each image exists, is
   * ready and is not being deleted. With a deletion that marks the image before it reads the
   * usage records (shared/services/media/library.ts), one of the two always sees the other.
   */
  mediaUses?: readonly MediaUse[];
}

export interface MediaUse {
  mediaId: string;
  /** The field that refers to it, for the 409 when it went away meanwhile. */
  path: string;
}

/**
 * The transaction's items, and where the slug claim sits in it (its failure is a 409, not a 412).
 * The images' usage records come apart (`mediaUseItems`): see ArticleStore.commit.
 */
export function articleWriteItems(
  tableName: string,
  write: ArticleWrite,
  /** The comments table, where the thread's headers live (see threadHeaders). */
  threadsTable: string,
): {
  items: TransactItem[];
  mediaUseItems: Record<string, unknown>[];
  claimIndex: number;
  importIndex: number;
  mediaIndex: number;
} {
  const { article } = write;
  const items: TransactItem[] = [workingUpdate(tableName, write)];
  items.push(
    putNew(tableName, {
      ...keys.audit(article.id, write.audit.version),
      type: ITEM_TYPES.audit,
      ...write.audit,
    }),
  );
  if (write.revision) {
    const { revision } = write;
    items.push(
      putNew(tableName, { ...keys.revision(article.id, revision.n), type: ITEM_TYPES.revision, ...revision }),
    );
  }
  let claimIndex = -1;
  if (write.claimSlug) {
    claimIndex = items.length;
    items.push(
      putNew(tableName, {
        ...keys.slugClaim(write.claimSlug),
        type: ITEM_TYPES.slugClaim,
        articleId: article.id,
      }),
    );
  }
  let importIndex = -1;
  if (write.claimImport) {
    importIndex = items.length;
    items.push(
      putNew(tableName, {
        ...keys.importClaim(write.claimImport.externalId),
        type: ITEM_TYPES.importClaim,
        articleId: article.id,
        payloadHash: write.claimImport.payloadHash,
      }),
    );
  }
  if (write.releaseSlug) items.push(releaseSlug(tableName, write.releaseSlug, article.id));
  const move = write.goLive?.move;
  if (write.goLive && move) {
    const { snapshot, previous } = write.goLive;
    // The feed entries as any publication writes them (their keys do not hold the slug).
    const feedItems = goLiveItems(tableName, snapshot, previous).slice(1);
    items.push(...slugMoveItems(tableName, threadsTable, snapshot, previous, move), ...feedItems);
  } else if (write.goLive) {
    items.push(...goLiveItems(tableName, write.goLive.snapshot, write.goLive.previous));
  }
  if (write.goDark) {
    items.push(...goDarkItems(tableName, write.goDark.previous));
    for (const from of write.goDark.redirects ?? []) {
      items.push({ Delete: { TableName: tableName, Key: keys.liveSnapshot(from) } });
    }
  }
  // The thread's address is the live one, which a pending slug change has not moved yet.
  const threadSlug = write.goLive?.snapshot.slug ?? write.goDark?.previous.slug ?? article.slug;
  // Going live puts the thread's headers, going dark deletes them: a thread's first page reads
  // its liveness from its own Query. A live update leaves them be (a move writes its own).
  const threadGoes = write.goDark ? 'dark' : write.goLive && !write.goLive.previous ? 'live' : null;
  if (threadGoes) {
    for (const header of threadHeaders(threadSlug)) {
      items.push(
        threadGoes === 'live'
          ? { Put: { TableName: threadsTable, Item: header } }
          : { Delete: { TableName: threadsTable, Key: { pk: header.pk, sk: header.sk } } },
      );
    }
  }
  if ((write.goLive && !(move && write.goLive.previous)) || write.goDark) {
    items.push(threadStateItem(threadsTable, threadSlug, write.goLive ?? null));
  }
  const mediaIndex = items.length;
  for (const { mediaId } of write.mediaUses ?? []) {
    items.push(mediaUsableCheck(tableName, mediaId, write.audit.at));
  }
  const mediaUseItems = (write.mediaUses ?? []).map(({ mediaId }) => ({
    ...mediaKeys.mediaUse(mediaId, article.id),
    type: ITEM_TYPES.mediaUse,
    mediaId,
    articleId: article.id,
    at: write.audit.at,
  }));
  return { items, mediaUseItems, claimIndex, importIndex, mediaIndex };
}

/**
 * The working copy's head is updated, not put: the write SETs what it owns and leaves
 * `commentCount` to the comment side, which may have moved it since we read the article. A write
 * that saves content puts the words in its revision only (workingCopy.ts) and takes them off a
 * head written before that; one that saves none leaves them where they are.
 */
function workingUpdate(tableName: string, write: ArticleWrite): TransactItem {
  const { article, revision } = write;
  if (revision && revision.n !== article.revisionCount) {
    throw new Error(`Revision ${revision.n} saved with an article at revision ${article.revisionCount}`);
  }
  const working = setAll(
    {
      ...pick(article, FIELDS.head),
      type: ITEM_TYPES.article,
      ...workingIndexValues(article),
      ...(write.stampCommentsCloseAt ? { commentsCloseAt: article.commentsCloseAt } : {}),
      ...(revision ? { [CONTENT_IN_REVISION]: true } : {}),
    },
    {
      setIfMissing: { commentCount: article.commentCount, featuredCount: article.featuredCount },
      ...(revision ? { remove: FIELDS.revisionOnly } : {}),
      ...(write.expectedVersion === null ? {} : { expected: { version: write.expectedVersion } }),
    },
  );
  const closeAt = closeAtAsRead(write);
  return {
    Update: {
      TableName: tableName,
      Key: keys.working(article.id),
      ...working,
      ...(write.expectedVersion === null ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
      ...(closeAt
        ? {
            ConditionExpression: [working.ConditionExpression, closeAt.condition]
              .filter(Boolean)
              .join(' AND '),
            ExpressionAttributeValues: { ...working.ExpressionAttributeValues, ...closeAt.values },
          }
        : {}),
    },
  };
}

/**
 * Going live again from dark copies `commentsCloseAt` from the working copy as read into the new
 * snapshot and the thread's state. Closing and reopening change it without a new version, so the
 * version alone would let a close made meanwhile be lost (comments taken on a closed thread): the
 * working copy must still hold the value copied. A first publication stamps it instead.
 */
function closeAtAsRead(write: ArticleWrite) {
  if (!write.goLive || write.goLive.previous || write.stampCommentsCloseAt || write.expectedVersion === null)
    return null;
  const value = write.goLive.snapshot.commentsCloseAt;
  return value === null
    ? {
        condition: '(attribute_not_exists(commentsCloseAt) OR attribute_type(commentsCloseAt, :closeAtNull))',
        values: { ':closeAtNull': 'NULL' },
      }
    : { condition: 'commentsCloseAt = :closeAtRead', values: { ':closeAtRead': value } };
}

/**
 * The thread's state item (keys.ts threadState) follows what the snapshot says about comments, in
 * the same transaction: put whole when the article goes live, deleted when it goes dark, and on a
 * live update only `commentsEnabled` (the comment side owns `commentsCloseAt`, see
 * CommentWrites.setCloseAt). An article live since before the item existed gets a partial one from
 * that update, which submissions ignore (they check the snapshot instead) until it is whole.
 */
function threadStateItem(
  threadsTable: string,
  slug: string,
  /** null: going dark. */
  goLive: ArticleWrite['goLive'] | null,
): TransactItem {
  const key = commentKeys.threadState(slug);
  if (!goLive) return { Delete: { TableName: threadsTable, Key: key } };
  const { snapshot, previous } = goLive;
  if (!previous) return { Put: { TableName: threadsTable, Item: threadStateOf(snapshot) } };
  return {
    Update: {
      TableName: threadsTable,
      Key: key,
      UpdateExpression: 'SET commentsEnabled = :enabled',
      ExpressionAttributeValues: { ':enabled': snapshot.commentsEnabled },
    },
  };
}

/** Only the slug's owner may release it. */
export function releaseSlug(tableName: string, slug: string, articleId: string): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: keys.slugClaim(slug),
      ConditionExpression: 'articleId = :id',
      ExpressionAttributeValues: { ':id': articleId },
    },
  };
}

function goLiveItems(tableName: string, snapshot: StoredSnapshot, previous: StoredSnapshot | null) {
  // What the comment side keeps is only set on a new snapshot; a live update leaves it be.
  const { commentCount, featuredCount, commentsCloseAt, ...owned } = snapshot;
  const items: TransactItem[] = [
    {
      Update: {
        TableName: tableName,
        Key: keys.liveSnapshot(snapshot.slug),
        ...setAll(
          { ...owned, type: ITEM_TYPES.snapshot, articleId: snapshot.id },
          { setIfMissing: { commentCount, featuredCount, commentsCloseAt } },
        ),
      },
    },
  ];
  const next = new Set(feeds.of(snapshot));
  // The lead image was resolved at publish like the article's: the list stays one Query.
  const summary: PublicArticleSummary = {
    ...pick(snapshot, FIELDS.summary),
    leadImage: listImageOf(snapshot.leadImage),
  };
  for (const feed of next) {
    items.push({
      Put: {
        TableName: tableName,
        Item: {
          ...keys.feedEntry(feed, snapshot.publishedAt, snapshot.id),
          type: ITEM_TYPES.feed,
          ...summary,
        },
      },
    });
  }
  if (previous) {
    for (const feed of feeds.of(previous)) {
      if (next.has(feed) && previous.publishedAt === snapshot.publishedAt) continue;
      items.push(deleteFeedEntry(tableName, feed, previous));
    }
  }
  return items;
}

function goDarkItems(tableName: string, previous: StoredSnapshot): TransactItem[] {
  return [
    { Delete: { TableName: tableName, Key: keys.liveSnapshot(previous.slug) } },
    ...feeds.of(previous).map((feed) => deleteFeedEntry(tableName, feed, previous)),
  ];
}

const deleteFeedEntry = (tableName: string, feed: string, entry: StoredSnapshot): TransactItem => ({
  Delete: { TableName: tableName, Key: keys.feedEntry(feed, entry.publishedAt, entry.id) },
});
