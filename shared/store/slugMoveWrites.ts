import type { SlugRedirect } from '../schemas/slugRedirect.ts';
import { commentKeys, threadHeaders, threadStateOf } from './commentKeys.ts';
import { ITEM_TYPES, keys } from './keys.ts';
import type { StoredSnapshot } from './model.ts';
import type { TransactItem } from './query.ts';
import { slugRedirectOf } from './slugRedirects.ts';

/** A publication at another slug than readers had (shared/services/articles/slugMoves.ts). */
export interface SlugMove {
  /** The slug readers had. */
  from: string;
  /** Every earlier slug after this publication, `from` first: each answers 301 to the new one. */
  redirects: readonly SlugRedirect[];
}

/**
 * The items of a moving publication, beside the working copy's: the snapshot put whole at its new
 * key (a key that may hold this article's own redirect, when it moves back; the feed entries are
 * the caller's, as any publication writes them), every earlier slug's
 * item rewritten as a redirect to it (so a chain is one hop), and, when it was live, the thread's
 * headers and state moved to the new address. The comments follow by the thread-move job
 * (shared/store/threadMove.ts), started from the stream by the redirect that replaced the snapshot.
 *
 * The snapshot it replaces is conditioned on the counts it was read with: an approval between the
 * read and this write would otherwise count on an item that no longer is the snapshot (a 412; the
 * editor publishes again).
 */
export function slugMoveItems(
  tableName: string,
  threadsTable: string,
  snapshot: StoredSnapshot,
  previous: StoredSnapshot | null,
  move: SlugMove,
): TransactItem[] {
  const ownOrFree = {
    ConditionExpression: 'attribute_not_exists(pk) OR articleId = :id',
    ExpressionAttributeValues: { ':id': snapshot.id },
  };
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...keys.liveSnapshot(snapshot.slug),
          ...snapshot,
          type: ITEM_TYPES.snapshot,
          articleId: snapshot.id,
          // What the CDN purge names besides the new path (shared/integrations/cdnPaths.ts).
          movedFrom: move.redirects.map((r) => r.from),
        },
        ...ownOrFree,
      },
    },
  ];
  for (const { from, createdAt } of move.redirects) {
    const Item = slugRedirectOf(from, snapshot.slug, snapshot.id, createdAt);
    if (from === move.from && previous) {
      items.push({
        Put: {
          TableName: tableName,
          Item,
          ConditionExpression:
            'articleId = :id AND version = :version AND commentCount = :comments AND featuredCount = :featured',
          ExpressionAttributeValues: {
            ':id': snapshot.id,
            ':version': previous.version,
            ':comments': previous.commentCount,
            ':featured': previous.featuredCount,
          },
        },
      });
    } else {
      items.push({ Put: { TableName: tableName, Item, ...ownOrFree } });
    }
  }
  if (previous) {
    for (const header of threadHeaders(move.from)) {
      items.push({ Delete: { TableName: threadsTable, Key: { pk: header.pk, sk: header.sk } } });
    }
    items.push({ Delete: { TableName: threadsTable, Key: commentKeys.threadState(move.from) } });
    for (const header of threadHeaders(snapshot.slug)) {
      items.push({ Put: { TableName: threadsTable, Item: header } });
    }
    items.push({ Put: { TableName: threadsTable, Item: threadStateOf(snapshot) } });
  }
  return items;
}
