import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { articleAuthorOf } from '../services/authors/refs.ts';
import { AuthorStore } from '../store/authorStore.ts';
import { keys } from '../store/keys.ts';
import { type RelabelKind, relabelKeys } from '../store/relabelKeys.ts';
import { syndicationKeys } from '../store/syndicationKeys.ts';
import { CONTENT_TABLE } from '../store/tables.ts';

/**
 * Carries a rename into the stored articles (docs/taxonomy-changes.md): a section's or tag's new
 * slug onto every working copy and live snapshot that carries the old one, an author's new name,
 * title or photo onto the byline copies of their live stories. Articles keep slugs and byline
 * copies (not ids) so each public read stays one request; this is what that costs on a rename.
 *
 * A job goes page by page (PAGE articles), each page resumable from the cursor the job item keeps.
 * Every write is an UpdateItem of the one attribute it changes, conditioned on the version read and
 * on the old value still being there: an edit or publish in between is never overwritten (the
 * article is read again and done over), and a second run finds nothing to change.
 *
 * Where the articles are found: a section's by the admin list's bySection index (every working
 * copy); a tag's and an author's by their feed partition (every live story). A draft that was never
 * published keeps an old tag until it is next saved, when the save maps the old slug to the new one.
 */
export interface RelabelJob {
  kind: RelabelKind;
  from: string;
  to: string;
  status: 'running' | 'done';
  /** Where the next page starts (JSON of DynamoDB's LastEvaluatedKey); null for the first. */
  cursor: string | null;
  serial: number;
  /** Articles changed so far. */
  updated: number;
  at: string;
}

/** Articles per step: a step stays a few seconds even at DynamoDB Local's pace. */
export const RELABEL_PAGE = 25;
const ATTEMPTS = 3;

type Item = Record<string, unknown>;

const isConditionFailure = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

export class Relabeller {
  private readonly authors: AuthorStore;

  /** Articles per step (RELABEL_PAGE unless given: a test crosses several pages with few articles). */
  private readonly pageSize: number;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
    options: { pageSize?: number } = {},
  ) {
    this.authors = new AuthorStore(db, tableName);
    this.pageSize = options.pageSize ?? RELABEL_PAGE;
  }

  /** Starts (or restarts from the first page) the job for a slug; its item's stream record runs it. */
  async start(kind: RelabelKind, from: string, to: string): Promise<RelabelJob> {
    const before = await this.job(kind, from);
    const job: RelabelJob = {
      kind,
      from,
      to,
      status: 'running',
      cursor: null,
      serial: (before?.serial ?? 0) + 1,
      updated: 0,
      at: this.now().toISOString(),
    };
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: this.itemOf(job) }));
    return job;
  }

  async job(kind: RelabelKind, from: string): Promise<RelabelJob | null> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: relabelKeys.job(kind, from), ConsistentRead: true }),
    );
    return Item ? (Item as unknown as RelabelJob) : null;
  }

  /**
   * One page of a running job, and its next state written on the serial it read: a job restarted
   * meanwhile (renamed again) is left to its new run. Returns the state written, or null.
   */
  async advance(job: RelabelJob, pageSize = this.pageSize): Promise<RelabelJob | null> {
    if (job.status !== 'running') return null;
    const { updated, cursor } = await this.page(job, pageSize);
    const next: RelabelJob = {
      ...job,
      status: cursor === null ? 'done' : 'running',
      cursor,
      serial: job.serial + 1,
      updated: job.updated + updated,
      at: this.now().toISOString(),
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.itemOf(next),
          ConditionExpression: 'serial = :s',
          ExpressionAttributeValues: { ':s': job.serial },
        }),
      );
      return next;
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

  /**
   * A whole job in this process, without its item (the migration's manual rerun): every page from
   * `cursor`, each reported with the cursor after it. Returns how many articles it changed.
   */
  async runToEnd(
    job: Pick<RelabelJob, 'kind' | 'from' | 'to'>,
    options: {
      pageSize?: number;
      cursor?: string | null;
      onPage?: (cursor: string | null, updated: number) => void;
    } = {},
  ): Promise<number> {
    let cursor = options.cursor ?? null;
    let total = 0;
    do {
      const page = await this.page({ ...job, cursor }, options.pageSize);
      total += page.updated;
      cursor = page.cursor;
      options.onPage?.(cursor, page.updated);
    } while (cursor !== null);
    return total;
  }

  /** One page: the articles found from the cursor, each changed where it still carries the old value. */
  async page(
    job: Pick<RelabelJob, 'kind' | 'from' | 'to' | 'cursor'>,
    pageSize = this.pageSize,
  ): Promise<{ updated: number; cursor: string | null }> {
    const found = await this.db.send(
      new QueryCommand({
        ...this.finder(job.kind, job.from),
        Limit: pageSize,
        ...(job.cursor ? { ExclusiveStartKey: JSON.parse(job.cursor) as Item } : {}),
      }),
    );
    let updated = 0;
    for (const item of found.Items ?? []) {
      // A feed entry names the story's id and live slug; an index entry is a working copy (its key
      // holds the id, its slug may be an unpublished edit's: the head names the live one).
      const fromFeed = job.kind !== 'section';
      const id = fromFeed ? String(item.id) : String(item.pk ?? '').slice(keys.articlePartition('').length);
      const liveSlug = fromFeed && typeof item.slug === 'string' ? item.slug : null;
      if (await this.relabelArticle(job, id, liveSlug)) updated += 1;
    }
    return { updated, cursor: found.LastEvaluatedKey ? JSON.stringify(found.LastEvaluatedKey) : null };
  }

  /** A section's articles by the admin list's index; a tag's and an author's live stories by their feed. */
  private finder(kind: RelabelKind, from: string) {
    if (kind === 'section') {
      const index = CONTENT_TABLE.indexes.find((i) => i.name === 'bySection');
      return {
        TableName: this.tableName,
        IndexName: 'bySection',
        KeyConditionExpression: '#p = :p',
        ExpressionAttributeNames: { '#p': index?.partitionKey.name ?? 'gsiSection' },
        ExpressionAttributeValues: { ':p': from },
      };
    }
    return {
      TableName: this.tableName,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': syndicationKeys.feedPartition(`${kind}#${from}`) },
    };
  }

  /** The article's working copy and live snapshot; true when either was changed. */
  private async relabelArticle(
    job: Pick<RelabelJob, 'kind' | 'from' | 'to'>,
    id: string,
    liveSlug: string | null,
  ): Promise<boolean> {
    let changed = false;
    if (job.kind !== 'author') changed = (await this.relabelItem(job, keys.working(id))) || changed;
    // The head names its live slug; a feed entry names it too.
    const head = liveSlug ?? (await this.get(keys.working(id)))?.liveSlug;
    if (typeof head === 'string') changed = (await this.relabelItem(job, keys.liveSnapshot(head))) || changed;
    return changed;
  }

  /** One item's attribute, on its version, read again after a lost race; false when nothing to do. */
  private async relabelItem(
    job: Pick<RelabelJob, 'kind' | 'from' | 'to'>,
    key: { pk: string; sk: string },
  ): Promise<boolean> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      const item = await this.get(key);
      if (!item || !Number.isInteger(item.version)) return false;
      const change = await this.changeOf(job, item, key.sk === keys.working('').sk);
      if (!change) return false;
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: key,
            UpdateExpression: `SET ${Object.keys(change)
              .map((k) => `#${k} = :${k}`)
              .join(', ')}`,
            ConditionExpression: 'version = :version',
            ExpressionAttributeNames: Object.fromEntries(Object.keys(change).map((k) => [`#${k}`, k])),
            ExpressionAttributeValues: {
              ...Object.fromEntries(Object.entries(change).map(([k, v]) => [`:${k}`, v])),
              ':version': item.version,
            },
          }),
        );
        return true;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    throw new Error(`Relabel of ${key.pk}/${key.sk} kept losing races; the stream will retry`);
  }

  /** The attributes to set on this item, or null when it no longer carries the old value. */
  private async changeOf(
    job: Pick<RelabelJob, 'kind' | 'from' | 'to'>,
    item: Item,
    isHead: boolean,
  ): Promise<Item | null> {
    if (job.kind === 'section') {
      if (item.section !== job.from) return null;
      // The head's admin-list index attribute moves with it.
      return isHead ? { section: job.to, gsiSection: job.to } : { section: job.to };
    }
    if (job.kind === 'tag') {
      const tags = Array.isArray(item.tags) ? (item.tags as unknown[]) : [];
      if (!tags.includes(job.from)) return null;
      return { tags: [...new Set(tags.map((t) => (t === job.from ? job.to : t)))] };
    }
    // An author's byline copy on a live snapshot, from the record as it is now.
    const bylines = Array.isArray(item.authors) ? (item.authors as Item[]) : [];
    if (isHead || !bylines.some((a) => a?.slug === job.from)) return null;
    const author = (await this.authors.getMany([job.from])).get(job.from);
    if (!author) return null;
    const fresh = articleAuthorOf(author);
    const next = bylines.map((a) => (a?.slug === job.from ? fresh : a));
    return JSON.stringify(next) === JSON.stringify(bylines) ? null : { authors: next };
  }

  private async get(key: { pk: string; sk: string }): Promise<Item | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  private itemOf(job: RelabelJob): Item {
    return { ...relabelKeys.job(job.kind, job.from), type: relabelKeys.type, ...job };
  }
}
