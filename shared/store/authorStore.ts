import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, PreconditionFailedError } from '../errors.ts';
import type { Author, AuthorLink, AuthorPhoto } from '../schemas/author.ts';
import type { FeedEntry } from '../syndication/entries.ts';
import { authorKeys } from './authorKeys.ts';
import { batchGet } from './batch.ts';
import type { PageKey } from './cursor.ts';
import { mediaUsableCheck } from './mediaStore.ts';
import { flag, list, nullableRecord, reader, text, whole } from './parse.ts';
import { getItem, type Page, pageKeyOf, queryPages } from './query.ts';
import { syndicationKeys } from './syndicationKeys.ts';
import { readEntry } from './syndicationStore.ts';
import { TransactionRefused, transactWrite } from './transactions.ts';

const readAuthor = reader<Author>(
  {
    slug: text,
    name: text,
    title: text,
    bio: text,
    photo: nullableRecord<AuthorPhoto>(),
    links: list<AuthorLink>(),
    guest: flag,
    version: whole,
    createdAt: text,
    createdBy: text,
    updatedAt: text,
    updatedBy: text,
  },
  'author',
);

/** The author feed's partition (syndication entries.ts feedsOfEntry): the author's live stories. */
const storiesPartition = (slug: string) => syndicationKeys.feedPartition(`author#${slug}`);

const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/**
 * Author records in the content table (keys.author): one partition, so the directory (the console's
 * picker) is one Query in slug order. An author's stories are the author feed the relay keeps
 * (SYND#author#<slug>, newest first): a page of them is one Query, never a read of the articles.
 */
export class AuthorReader {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly tableName: string,
  ) {}

  async get(slug: string, consistent = false): Promise<Author | null> {
    const item = await getItem(this.db, this.tableName, authorKeys.author(slug), consistent);
    return item ? readAuthor(item) : null;
  }

  /** A page of the author's live stories, newest first by first publication: one Query. */
  async stories(slug: string, limit: number, startKey: PageKey | undefined): Promise<Page<FeedEntry>> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': storiesPartition(slug) },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: Items.map(readEntry), lastKey: pageKeyOf(LastEvaluatedKey) };
  }
}

export class AuthorStore extends AuthorReader {
  /** Several authors by slug, in one BatchGetItem; those not found are absent from the map. */
  async getMany(slugs: readonly string[]): Promise<Map<string, Author>> {
    if (slugs.length === 0) return new Map();
    const items = await batchGet(
      this.db,
      this.tableName,
      [...new Set(slugs)].map((slug) => authorKeys.author(slug)),
    );
    return new Map(
      items.map((item) => {
        const a = readAuthor(item);
        return [a.slug, a];
      }),
    );
  }

  /** A page of the directory, in slug order. */
  async list(limit: number, startKey: PageKey | undefined): Promise<Page<Author>> {
    const { Items = [], LastEvaluatedKey } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': authorKeys.partition, ':prefix': authorKeys.prefix },
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: Items.map(readAuthor), lastKey: pageKeyOf(LastEvaluatedKey) };
  }

  /**
   * Every author (the import's byline matching, a deletion's check of photos): a directory of a few
   * hundred is a page or two. `consistent`: every write committed before the call is seen.
   */
  async all(consistent = false): Promise<Author[]> {
    const out: Author[] = [];
    for await (const page of queryPages(this.db, {
      TableName: this.tableName,
      ConsistentRead: consistent,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': authorKeys.partition, ':prefix': authorKeys.prefix },
    }))
      out.push(...(page.Items ?? []).map(readAuthor));
    return out;
  }

  /**
   * A new author: 409 when the slug is taken. `newPhoto`: the record starts to use this library
   * image, so the write also checks that no deletion has marked it (see put).
   */
  async create(author: Author, newPhoto?: string): Promise<void> {
    await this.put(author, { ConditionExpression: 'attribute_not_exists(pk)' }, newPhoto, () => {
      throw new ConflictError(`There is already an author ${author.slug}.`);
    });
  }

  /** Replaces the record if it is still at `expectedVersion` (412 otherwise: someone saved first). */
  async save(author: Author, expectedVersion: number, newPhoto?: string): Promise<void> {
    await this.put(
      author,
      { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } },
      newPhoto,
      () => {
        throw new PreconditionFailedError(`Author ${author.slug} was changed by someone else; reload it.`);
      },
    );
  }

  /**
   * Writes the record under its condition. A record that starts to use a library image as its
   * photo is written in one transaction with the image's check (as an article's image uses are):
   * either the write commits before a deletion marks the image, and that deletion finds the
   * author when it reads them after its mark, or the write is refused here (409 on the photo).
   */
  private async put(
    author: Author,
    condition: { ConditionExpression: string; ExpressionAttributeValues?: Record<string, unknown> },
    newPhoto: string | undefined,
    refused: () => never,
  ): Promise<void> {
    const Item = { ...authorKeys.author(author.slug), type: authorKeys.type, ...author };
    if (newPhoto === undefined) {
      try {
        await this.db.send(new PutCommand({ TableName: this.tableName, Item, ...condition }));
      } catch (error) {
        if (isConditionFailure(error)) refused();
        throw error;
      }
      return;
    }
    try {
      await transactWrite(this.db, [
        { Put: { TableName: this.tableName, Item, ...condition } },
        mediaUsableCheck(this.tableName, newPhoto, author.updatedAt),
      ]);
    } catch (error) {
      if (!(error instanceof TransactionRefused)) throw error;
      if (error.failed(0)) refused();
      const conflict = new ConflictError(
        `Image ${newPhoto} cannot be the photo: it is being deleted, or is no longer ready.`,
      );
      conflict.errors = [{ path: 'photo.mediaId', message: 'choose another image' }];
      throw conflict;
    }
  }

  async remove(slug: string, expectedVersion: number): Promise<void> {
    try {
      await this.db.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: authorKeys.author(slug),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new PreconditionFailedError(`Author ${slug} was changed by someone else; reload it.`);
      throw error;
    }
  }

  /** How many live stories name the author (their feed's entries), counted without reading them. */
  async liveStoryCount(slug: string): Promise<number> {
    let n = 0;
    for await (const page of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': storiesPartition(slug) },
      Select: 'COUNT',
    }))
      n += page.Count ?? 0;
    return n;
  }
}
