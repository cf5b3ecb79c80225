import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { activePins, candidateLimit, type ResolveInputs, ruleKey, rulesOf } from '../fronts/resolve.ts';
import type { PublicArticleSummary } from '../schemas/articleLists.ts';
import type { FrontRule, FrontZone } from '../schemas/front.ts';
import { batchGet } from './batch.ts';
import { keys } from './keys.ts';
import { liveKeys } from './live/liveKeys.ts';
import { parse } from './model.ts';
import { syndicationKeys } from './syndicationKeys.ts';

/**
 * What resolving a front reads, all strongly consistent (the relay resolves right after the
 * commit it was told of): the pinned stories' working copies (one BatchGetItem: live or not, and
 * where their list entry is), their entries in the all-articles list (one BatchGetItem), and per
 * rule one Query of its newest entries. A section's and a tag's are the public lists the publish
 * transaction keeps (FEED#...); an author's is the relay's author feed (SYND#author#...), whose
 * sort keys are the same, so its entries are read from the all-articles list by key. Every entry
 * is thus made by the one presenter of public lists (parse.summary).
 */
export class FrontStories {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(zones: readonly FrontZone[], now: Date): Promise<ResolveInputs> {
    const limit = candidateLimit(zones);
    const [pins, ...lists] = await Promise.all([
      this.pinned(activePins(zones, now)),
      ...rulesOf(zones).map(async (rule) => [ruleKey(rule), await this.newest(rule, limit)] as const),
    ]);
    return { pins, candidates: new Map(lists) };
  }

  /**
   * Of the stories a front shows (at most its 40 slots), those whose live coverage is live: one
   * BatchGetItem of their coverage records, strongly consistent like the rest.
   */
  async liveCoverage(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await batchGet(
      this.db,
      this.tableName,
      ids.map((id) => liveKeys.coverage(id)),
      ['articleId', 'state'],
      true,
    );
    return new Set(found.flatMap((c) => (c.state === 'live' ? [String(c.articleId)] : [])));
  }

  private async pinned(ids: readonly string[]): Promise<Map<string, PublicArticleSummary>> {
    if (ids.length === 0) return new Map();
    const heads = await batchGet(
      this.db,
      this.tableName,
      ids.map((id) => keys.working(id)),
      ['id', 'live', 'publishedAt'],
      true,
    );
    const entryKeys = heads.flatMap((h) =>
      h.live === true && typeof h.publishedAt === 'string'
        ? [keys.feedEntry('all', h.publishedAt, String(h.id))]
        : [],
    );
    const entries = await this.entries(entryKeys);
    return new Map(entries.map((e) => [e.id, e]));
  }

  private async newest(rule: FrontRule, limit: number): Promise<PublicArticleSummary[]> {
    const author = rule.kind === 'author';
    const { Items = [] } = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: {
          ':pk': author
            ? syndicationKeys.feedPartition(`author#${rule.value}`)
            : keys.feedPartition(`${rule.kind}#${rule.value}`),
        },
        ...(author ? { ProjectionExpression: 'sk' } : {}),
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    if (!author) return Items.map(parse.summary);
    return this.entries(Items.map((item) => ({ pk: keys.feedPartition('all'), sk: String(item.sk) })));
  }

  private async entries(entryKeys: { pk: string; sk: string }[]): Promise<PublicArticleSummary[]> {
    if (entryKeys.length === 0) return [];
    const found = await batchGet(this.db, this.tableName, entryKeys, undefined, true);
    return found.map(parse.summary);
  }
}
