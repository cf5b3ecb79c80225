import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, PreconditionFailedError } from '../errors.ts';
import { log } from '../log.ts';
import type { HistoryEntry, Revision } from '../schemas/articleHistory.ts';
import type { PublicArticleSummary } from '../schemas/articleLists.ts';
import { ArticleReader } from './articleReader.ts';
import { type ArticleWrite, articleWriteItems, releaseSlug } from './articleWrites.ts';
import { AuthorStore } from './authorStore.ts';
import { batchDelete, batchGet, batchPut } from './batch.ts';
import type { PageKey } from './cursor.ts';
import { keys, unpublishDuePartition, type WorkingFilters, workingListPartition } from './keys.ts';
import { moveEntries } from './live/entryMove.ts';
import { MediaStore } from './mediaStore.ts';
import { type MergedPage, mergedIndexPage } from './mergedList.ts';
import { parse, type StoredArticle, type StoredSnapshot } from './model.ts';
import type { Item } from './parse.ts';
import { PreviewLinkStore } from './previewLinkStore.ts';
import { getItem, indexQuery, type Page, pageKeyOf, queryAll, queryPages } from './query.ts';
import { CONTENT_TABLE, indexOf } from './tables.ts';
import { moveThread } from './threadMove.ts';
import { TRANSACTION_MAX_ITEMS, TransactionRefused, transactWrite } from './transactions.ts';
import { inRevision, readWorkingCopy, workingCopyOf } from './workingCopy.ts';

export type { ArticleWrite } from './articleWrites.ts';
export type { StoredArticle, StoredSnapshot } from './model.ts';
export { contentOf } from './model.ts';
export type { Page } from './query.ts';

export { ArticleReader };

/** The content table: working copies, revisions, audit trail, slug claims, snapshots and feeds. */
export class ArticleStore extends ArticleReader {
  constructor(
    db: DynamoDBDocumentClient,
    tableName: string,
    /**
     * The comments table, where an article going live or dark puts or deletes its thread's
     * headers (keys.ts threadHeaders), in the same transaction.
     */
    private readonly threadsTable: string,
  ) {
    super(db, tableName);
  }

  /** Who owns a slug: archive imports pick a free slug before their (batched) writes. */
  async slugOwner(slug: string): Promise<string | null> {
    const item = await getItem(this.db, this.tableName, keys.slugClaim(slug), true);
    return typeof item?.articleId === 'string' ? item.articleId : null;
  }

  /** The article an archive import's external id became, and the hash of what was imported. */
  async importClaim(externalId: string): Promise<{ articleId: string; payloadHash: string } | null> {
    const item = await getItem(this.db, this.tableName, keys.importClaim(externalId), true);
    const { articleId, payloadHash } = item ?? {};
    return typeof articleId === 'string' && typeof payloadHash === 'string'
      ? { articleId, payloadHash }
      : null;
  }

  /** The article's comments from its earlier slugs to its current one (threadMove.ts). */
  moveThread(article: { id: string; slug: string; earlier: readonly string[] }, limit?: number) {
    return moveThread(this.db, this.threadsTable, article, limit);
  }

  /** Its live coverage's entries likewise (live/entryMove.ts). */
  moveEntries(article: { id: string; slug: string; earlier: readonly string[] }, limit?: number) {
    return moveEntries(this.db, this.tableName, article, limit);
  }

  async commit(write: ArticleWrite): Promise<void> {
    const { items, mediaUseItems, claimIndex, importIndex, mediaIndex } = articleWriteItems(
      this.tableName,
      write,
      this.threadsTable,
    );
    if (items.length + mediaUseItems.length <= TRANSACTION_MAX_ITEMS) {
      items.push(...mediaUseItems.map((Item) => ({ Put: { TableName: this.tableName, Item } })));
    } else {
      // Over DynamoDB's 100 (an import with 10 tags and 40 new images is 30 + 40 checks + 40
      // records): the usage records are put first, on their own. Each is idempotent (its key is
      // the image and the article) and the transaction still checks every image, so the deletion
      // race stays closed: a deletion that reads the usage records before one is written marked
      // the image first, and that check then fails. If the transaction fails, what stays behind
      // names an article that does not exist: a deletion skips it (library.ts articlesUsing) and
      // removes it with the image.
      await batchPut(this.db, this.tableName, mediaUseItems);
    }
    try {
      await transactWrite(this.db, items);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      if (claimIndex >= 0 && error.failed(claimIndex)) {
        throw new ConflictError(`The slug "${write.claimSlug}" is already used by another article.`);
      }
      if (importIndex >= 0 && error.failed(importIndex)) {
        throw new ConflictError(`"${write.claimImport?.externalId}" was imported meanwhile.`);
      }
      const gone = (write.mediaUses ?? []).filter((_, i) => error.failed(mediaIndex + i));
      if (gone.length > 0) {
        const conflict = new ConflictError(
          'The article refers to images that were deleted, or are being deleted, since it was checked. Choose other images.',
        );
        conflict.errors = gone.map(({ path, mediaId }) => ({
          path,
          message: `image ${mediaId} was deleted or is being deleted`,
        }));
        throw conflict;
      }
      // Any other refused item guards the state this write was decided on: the working copy's
      // version, or the live snapshot and feed entries it replaces. Someone changed them first.
      throw new PreconditionFailedError(
        'The article was changed by someone else since you read it. Fetch it again and retry with the new ETag.',
      );
    }
  }

  /**
   * Deletes a never-live article. The working copy and slug claim go in one conditional
   * transaction (so a concurrent publish or edit wins with a 412); revisions and audit entries,
   * unreachable once the working copy is gone, are then removed in batches.
   */
  async deleteNeverLive(article: StoredArticle, expectedVersion: number): Promise<void> {
    try {
      await transactWrite(this.db, [
        {
          Delete: {
            TableName: this.tableName,
            Key: keys.working(article.id),
            ConditionExpression: '#version = :v AND everLive = :false',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':v': expectedVersion, ':false': false },
          },
        },
        releaseSlug(this.tableName, article.slug, article.id),
      ]);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      throw new PreconditionFailedError('The article was changed by someone else since you read it.');
    }
    for await (const page of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': keys.articlePartition(article.id) },
      ProjectionExpression: 'pk, sk',
    })) {
      const dropped = await batchDelete(this.db, this.tableName, page.Items ?? []);
      if (dropped.length > 0) {
        // Unreachable without their working copy, so harmless to readers, but they cost storage.
        log.warn('Could not delete every item of a deleted article', { articleId: article.id, dropped });
      }
    }
  }

  /** Every scheduled article whose time has come: the local scheduler's poll. */
  async dueScheduled(nowIso: string): Promise<StoredArticle[]> {
    const due: StoredArticle[] = [];
    let startKey: PageKey | undefined;
    do {
      const page = await this.listWorking({ status: 'scheduled' }, 100, startKey);
      due.push(...page.items.filter((a) => a.scheduledFor !== null && a.scheduledFor <= nowIso));
      startKey = page.lastKey;
    } while (startKey);
    return due;
  }

  /** Every live article whose automatic unpublish has come due. */
  async dueUnpublish(nowIso: string): Promise<{ id: string; slug: string; unpublishAt: string }[]> {
    const query = indexQuery(CONTENT_TABLE, this.tableName, unpublishDuePartition);
    const at = indexOf(CONTENT_TABLE, unpublishDuePartition.index).sortKey.name;
    const entries = await queryAll(this.db, {
      ...query,
      KeyConditionExpression: '#p = :p AND #at <= :now',
      ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#at': at },
      ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':now': nowIso },
    });
    return entries.map(({ id, slug, [at]: unpublishAt }) => {
      if (typeof id !== 'string' || typeof slug !== 'string' || typeof unpublishAt !== 'string') {
        throw new Error(`A stored unpublish entry is malformed: ${JSON.stringify({ id, slug })}`);
      }
      return { id, slug, unpublishAt };
    });
  }

  /** One page of working copies, most recently updated first, on the index that fits the filters. */
  async listWorking(
    filters: WorkingFilters,
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<Page<StoredArticle>> {
    // The indexes hold only keys and the filtered attributes (see CONTENT_TABLE), so a page is
    // found on the index and then read from the table: the heads, then their words.
    const { keys: found, lastKey } = await this.findWorking(filters, limit, startKey);
    return { items: await this.workingCopies(found), lastKey };
  }

  /** Working copies by id, in the order given (one deleted meanwhile is left out): a search's page. */
  async workingCopiesOf(ids: readonly string[]): Promise<StoredArticle[]> {
    return this.workingCopies(ids.map((id) => keys.working(id)));
  }

  /** The keys of one page of working copies, from the index (or, unfiltered, the merge) that fits. */
  private async findWorking(
    filters: WorkingFilters,
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<MergedPage> {
    const plan = workingListPartition(filters);
    if ('merged' in plan) {
      return mergedIndexPage(this.db, CONTENT_TABLE, this.tableName, plan.merged, limit, startKey);
    }
    const query = indexQuery(CONTENT_TABLE, this.tableName, plan.partition);
    const filterParts: string[] = [];
    for (const [field, value] of Object.entries(plan.remaining)) {
      if (value === undefined) continue;
      query.ExpressionAttributeNames[`#${field}`] = field;
      query.ExpressionAttributeValues[`:${field}`] = value;
      filterParts.push(`#${field} = :${field}`);
    }
    const input: QueryCommandInput = {
      ...query,
      ScanIndexForward: false,
      ...(filterParts.length ? { FilterExpression: filterParts.join(' AND ') } : {}),
    };
    // With a filter, DynamoDB may return short pages; keep reading until the page is full or the
    // index is exhausted, so clients never see an empty page followed by more results.
    const found: { pk: string; sk: string }[] = [];
    let next = startKey;
    do {
      const result = await this.db.send(
        new QueryCommand({ ...input, Limit: limit - found.length, ExclusiveStartKey: next }),
      );
      for (const item of result.Items ?? []) found.push({ pk: String(item.pk), sk: String(item.sk) });
      next = pageKeyOf(result.LastEvaluatedKey);
    } while (next && found.length < limit);
    return { keys: found, lastKey: next };
  }

  /**
   * The working copies of these heads, in their order: the heads in one BatchGetItem, then the
   * newest revisions of those whose words are there in another. One that met a content write half
   * applied (see workingCopyOf) is read again on its own.
   */
  private async workingCopies(headKeys: readonly { pk: string; sk: string }[]): Promise<StoredArticle[]> {
    const heads = await batchGet(this.db, this.tableName, headKeys);
    const newestOf = (head: Item) => keys.revision(String(head.id), Number(head.revisionCount));
    const revisions = await batchGet(this.db, this.tableName, heads.filter(inRevision).map(newestOf));
    const byArticle = new Map(revisions.map((r) => [String(r.articleId), r]));
    const copies = await Promise.all(
      heads.map((head) => workingCopyOf(head, byArticle.get(String(head.id))) ?? this.get(String(head.id))),
    );
    return copies.filter((copy): copy is StoredArticle => copy !== null);
  }

  async listRevisions(id: string, limit: number, startKey: PageKey | undefined): Promise<Page<Revision>> {
    return this.queryPrefix(id, keys.revisionPrefix, limit, startKey, parse.revision);
  }

  async getRevision(id: string, n: number): Promise<Revision | null> {
    const item = await getItem(this.db, this.tableName, keys.revision(id, n));
    return item ? parse.revision(item) : null;
  }

  async listHistory(id: string, limit: number, startKey: PageKey | undefined): Promise<Page<HistoryEntry>> {
    return this.queryPrefix(id, keys.auditPrefix, limit, startKey, parse.historyEntry);
  }

  private async queryPrefix<T>(
    id: string,
    prefix: string,
    limit: number,
    startKey: PageKey | undefined,
    map: (item: Item) => T,
  ): Promise<Page<T>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.articlePartition(id), ':prefix': prefix },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (result.Items ?? []).map(map), lastKey: pageKeyOf(result.LastEvaluatedKey) };
  }

  /** One page of a public feed, newest first: a single Query on the base table. */
  async listFeed(
    feed: string,
    limit: number,
    startKey: PageKey | undefined,
  ): Promise<Page<PublicArticleSummary>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.feedPartition(feed) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (result.Items ?? []).map(parse.summary), lastKey: pageKeyOf(result.LastEvaluatedKey) };
  }

  async isSeeded(): Promise<boolean> {
    const item = await getItem(this.db, this.tableName, keys.seedsMarker, true);
    return item !== undefined;
  }

  async markSeeded(at: string): Promise<void> {
    await transactWrite(this.db, [{ Put: { TableName: this.tableName, Item: { ...keys.seedsMarker, at } } }]);
  }
}
