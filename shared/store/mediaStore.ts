import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { PreconditionFailedError } from '../errors.ts';
import { MEDIA_LIMITS } from '../schemas/facts.ts';
import type { Media, MediaWords, Rendition } from '../schemas/media.ts';
import { batchDelete, batchGet, batchGetTables } from './batch.ts';
import type { PageKey } from './cursor.ts';
import { ITEM_TYPES } from './keys.ts';
import type { CropFields } from './mediaCrops.ts';
import { mediaKeys } from './mediaKeys.ts';
import {
  asOf,
  COMPLETE_MARGIN_MS,
  MEDIA_FIELDS,
  parseMedia,
  readWords,
  storedFields,
  wordsOf,
} from './mediaRecord.ts';
import { getItem, type Page, pageKeyOf, queryAll, type TransactItem } from './query.ts';
import { setAll } from './update.ts';

/**
 * A deletion marks the record (`deletingAt`) before it reads who uses the image. A mark older than
 * this is a deletion that died half-way (its function timed out): another deletion may take over,
 * and articles may refer to the image again.
 */
export const DELETE_MARK_SECONDS = 5 * 60;
const staleBefore = (at: string) => new Date(Date.parse(at) - DELETE_MARK_SECONDS * 1000).toISOString();
const NOT_DELETING = '(attribute_not_exists(#deleting) OR #deleting < :stale)';

/**
 * The transaction item an article write carries for each image it starts to use: the record
 * exists, is ready, and no deletion has marked it (see MediaStore.markDeleting).
 */
export function mediaUsableCheck(tableName: string, mediaId: string, at: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: mediaKeys.media(mediaId),
      ConditionExpression: `attribute_exists(pk) AND #status = :ready AND ${NOT_DELETING}`,
      ExpressionAttributeNames: { '#status': 'status', '#deleting': 'deletingAt' },
      ExpressionAttributeValues: { ':ready': 'ready', ':stale': staleBefore(at) },
    },
  };
}
const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/** What reading an upload found out: the record becomes ready or failed with exactly these. */
export type MediaOutcome =
  | ({
      status: 'ready';
      type: NonNullable<Media['type']>;
      width: number;
      height: number;
      bytes: number;
      original: string;
      renditions: Rendition[];
    } & Pick<CropFields, 'crops' | 'cropsFor'>)
  | { status: 'failed'; failure: string; bytes: number | null };

/**
 * Media records in the content table (see shared/store/keys.ts): one partition, so the library is
 * one Query newest first, and the articles that referred to an image under its own partition.
 */
export class MediaStore {
  constructor(
    readonly db: DynamoDBDocumentClient,
    readonly tableName: string,
    /** Decides when a pending record has run out of time (see asOf). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  private read(item: Record<string, unknown>): Media {
    return asOf(parseMedia(item), this.now());
  }

  async get(id: string): Promise<Media | null> {
    const item = await getItem(this.db, this.tableName, mediaKeys.media(id), true);
    return item ? this.read(item) : null;
  }

  /** Several records in one BatchGetItem (per 100), by id; unknown ids are absent from the map. */
  async getMany(ids: readonly string[], consistent = false): Promise<Map<string, Media>> {
    if (ids.length === 0) return new Map();
    const items = consistent
      ? ((
          await batchGetTables(this.db, {
            [this.tableName]: { keys: [...new Set(ids)].map(mediaKeys.media), consistent: true },
          })
        )[this.tableName] ?? [])
      : await batchGet(this.db, this.tableName, [...new Set(ids)].map(mediaKeys.media));
    return new Map(items.map((item) => this.read(item)).map((m) => [m.id, m]));
  }

  /**
   * The words of images at the versions given (id to version), for those no longer current: kept
   * by save below when an edit replaced them. One BatchGetItem; none when every pin is current.
   */
  async wordsAt(pins: ReadonlyMap<string, number>): Promise<Map<string, MediaWords>> {
    if (pins.size === 0) return new Map();
    const items = await batchGet(
      this.db,
      this.tableName,
      [...pins].map(([id, version]) => mediaKeys.mediaWords(id, version)),
    );
    return new Map(items.map((item) => [String(item.mediaId), readWords(item)]));
  }

  async create(media: Media): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...mediaKeys.media(media.id), ...storedFields(media), type: ITEM_TYPES.media },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** Newest first: ids are ULIDs, so a descending Query on the one partition is upload order. */
  async list(limit: number, startKey: PageKey | undefined): Promise<Page<Media>> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': mediaKeys.mediaPartition, ':prefix': mediaKeys.mediaPrefix },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return {
      items: (result.Items ?? []).map((item) => this.read(item)),
      lastKey: pageKeyOf(result.LastEvaluatedKey),
    };
  }

  /**
   * Replaces the descriptive fields if the record is still at the version the caller read. The
   * words being replaced are kept first, under that version, for articles approved with them
   * (shared/services/media/references.ts). They are a version's own words, so writing them again
   * (a retry, or a rival edit of the same version that then fails) changes nothing.
   */
  async save(media: Media, expectedVersion: number, replaced: MediaWords): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...mediaKeys.mediaWords(media.id, expectedVersion),
          type: ITEM_TYPES.mediaWords,
          mediaId: media.id,
          version: expectedVersion,
          ...wordsOf(replaced),
        },
      }),
    );
    const fields = Object.fromEntries(
      MEDIA_FIELDS.filter((f) => !['id', 'type', 'crops', 'cropsFor'].includes(f)).map((f) => [f, media[f]]),
    );
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mediaKeys.media(media.id),
          ...setAll(fields, { expected: { version: expectedVersion } }),
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw new PreconditionFailedError(
        'The image was changed by someone else since you read it. Fetch it again and retry with the new ETag.',
      );
    }
  }

  /**
   * Completes a pending record from what its upload turned out to be. Only a pending record
   * changes: a notification delivered twice finds it done and leaves it (returns false).
   */
  async complete(id: string, outcome: MediaOutcome, at: string): Promise<boolean> {
    const fields = outcome.status === 'ready' ? { ...storedFields(outcome), failure: null } : outcome;
    const update = setAll({ ...fields, updatedAt: at }, { expected: { status: 'pending' } });
    // Registered recently enough: a record that may already read as failed (asOf) stays so.
    const registeredAfter = new Date(
      Date.parse(at) - MEDIA_LIMITS.pendingSeconds * 1000 + COMPLETE_MARGIN_MS,
    ).toISOString();
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mediaKeys.media(id),
          ...update,
          UpdateExpression: `${update.UpdateExpression} ADD #version :one`,
          ConditionExpression: `${update.ConditionExpression} AND #createdAt > :registeredAfter`,
          ExpressionAttributeNames: {
            ...update.ExpressionAttributeNames,
            '#version': 'version',
            '#createdAt': 'createdAt',
          },
          ExpressionAttributeValues: {
            ...update.ExpressionAttributeValues,
            ':one': 1,
            ':registeredAfter': registeredAfter,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * The first step of a deletion: marks the record as being deleted, if it is at the version read
   * and no other deletion holds it. From then on no article write can start to use the image.
   * False when the record changed, went, or another deletion holds it.
   */
  async markDeleting(id: string, expectedVersion: number, at: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mediaKeys.media(id),
          UpdateExpression: 'SET #deleting = :at',
          ConditionExpression: `attribute_exists(pk) AND #v = :v AND ${NOT_DELETING}`,
          ExpressionAttributeNames: { '#deleting': 'deletingAt', '#v': 'version' },
          ExpressionAttributeValues: { ':at': at, ':v': expectedVersion, ':stale': staleBefore(at) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** A deletion that found the image in use takes its mark away (only its own mark). */
  async unmarkDeleting(id: string, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: mediaKeys.media(id),
          UpdateExpression: 'REMOVE #deleting',
          ConditionExpression: '#deleting = :at',
          ExpressionAttributeNames: { '#deleting': 'deletingAt' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      // Another deletion took over a mark it judged stale: the mark is theirs now.
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** The articles recorded as having referred to an image (some may have dropped it since). */
  async usedBy(mediaId: string): Promise<string[]> {
    const uses = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': mediaKeys.mediaUsePartition(mediaId) },
      ProjectionExpression: 'articleId',
      // After the deletion mark: every use committed before it must be seen.
      ConsistentRead: true,
    });
    return uses.flatMap((use) => (typeof use.articleId === 'string' ? [use.articleId] : []));
  }

  /** Deletes the record (at the version read, still under this deletion's mark) and its usage entries. */
  async remove(
    id: string,
    expectedVersion: number,
    mark: string,
    articleIds: readonly string[],
  ): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: mediaKeys.media(id),
          ConditionExpression: '#v = :v AND #deleting = :mark',
          ExpressionAttributeNames: { '#v': 'version', '#deleting': 'deletingAt' },
          ExpressionAttributeValues: { ':v': expectedVersion, ':mark': mark },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      throw new PreconditionFailedError('The image was changed by someone else since you read it.');
    }
    const words = await queryAll(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': mediaKeys.mediaWordsPartition(id) },
      ProjectionExpression: 'pk, sk',
    });
    await batchDelete(this.db, this.tableName, [
      ...articleIds.map((articleId) => mediaKeys.mediaUse(id, articleId)),
      ...words.map(({ pk, sk }) => ({ pk: String(pk), sk: String(sk) })),
    ]);
  }
}
