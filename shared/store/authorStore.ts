import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, PreconditionFailedError } from '../errors.ts';
import type { Author, AuthorLink, AuthorPhoto } from '../schemas/author.ts';
import type { FeedEntry } from '../syndication/entries.ts';
import { authorKeys } from './authorKeys.ts';
import { batchGet } from './batch.ts';
import type { PageKey } from './cursor.ts';
import { flag, list, nullableRecord, reader, text, whole } from './parse.ts';
import { getItem, type Page, pageKeyOf, queryPages } from './query.ts';
import { syndicationKeys } from './syndicationKeys.ts';
import { readEntry } from './syndicationStore.ts';

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

  /** Every author (the import's byline matching): a directory of a few hundred is a page or two. */
  async all(): Promise<Author[]> {
    const out: Author[] = [];
    for await (const page of queryPages(this.db, {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': authorKeys.partition, ':prefix': authorKeys.prefix },
    }))
      out.push(...(page.Items ?? []).map(readAuthor));
    return out;
  }

  /** A new author: 409 when the slug is taken. */
  async create(author: Author): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...authorKeys.author(author.slug), type: authorKeys.type, ...author },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (isConditionFailure(error)) throw new ConflictError(`There is already an author ${author.slug}.`);
      throw error;
    }
  }

  /** Replaces the record if it is still at `expectedVersion` (412 otherwise: someone saved first). */
  async save(author: Author, expectedVersion: number): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...authorKeys.author(author.slug), type: authorKeys.type, ...author },
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: { ':v': expectedVersion },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new PreconditionFailedError(`Author ${author.slug} was changed by someone else; reload it.`);
      throw error;
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
