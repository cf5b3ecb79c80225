import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { StoredBan } from '../../schemas/ban.ts';
import type { CommentStatus } from '../../schemas/facts.ts';
import { batchGet } from '../batch.ts';
import { commentKeys, commentPartitions } from '../commentKeys.ts';
import type { CommentStore } from '../commentStore.ts';
import type { PageKey } from '../cursor.ts';
import { type IndexPartition, ITEM_TYPES } from '../keys.ts';
import { getItem, indexQuery, type Page, pageKeyOf, type TransactItem } from '../query.ts';
import { COMMENTS_TABLE } from '../tables.ts';
import { TransactionRefused, transactWrite } from '../transactions.ts';

export type BanKind = 'email' | 'client' | 'address';

/** Who is posting or reporting, as bans and trust know them: keyed hashes only. */
export interface Who {
  /** The client (address and user agent). */
  fingerprint: string;
  /** The address alone (see addressHash). */
  address: string;
  /**
   * The email's hashes, if one was given: its mailbox's, then the one it had before mailbox
   * normalization if that differs (bans and trust stored then are under it).
   */
  emailHashes: readonly string[];
}

/** What a submission needs to know about who is posting: an active ban, and their record. */
export interface Standing {
  /** The ban that applies now, if any. */
  ban: { id: string; reason: string; until: string | null } | null;
  approvals: number;
  spamMarks: number;
}

export class BanRefused extends Error {}

const BAN_FIELDS = [
  'id',
  'commentId',
  'authorName',
  'byEmail',
  'reason',
  'until',
  'createdAt',
  'createdBy',
  'revokedAt',
  'revokedBy',
] as const;

function readBan(item: Record<string, unknown>): StoredBan {
  const out: Record<string, unknown> = {};
  for (const field of BAN_FIELDS) out[field] = item[field] ?? null;
  out.byEmail = item.byEmail === true;
  out.hashes = {
    email: item.emailHash ?? null,
    client: item.clientHash ?? null,
    address: item.addressHash ?? null,
  };
  return out as unknown as StoredBan;
}

/**
 * Who comments: bans (by an email's mailbox hash, by client fingerprint and by address) and the
 * counters trust is decided on. Plain emails and addresses are never keys here; only keyed hashes.
 */
export class CommenterStore {
  constructor(private readonly comments: CommentStore) {}

  private get table() {
    return this.comments.tableName;
  }

  /** The ban markers that would refuse this reader: their client's, their address's, their email's. */
  banKeys(who: Who): { pk: string; sk: string }[] {
    return [
      commentKeys.banned('client', who.fingerprint),
      commentKeys.banned('address', who.address),
      ...who.emailHashes.map((hash) => commentKeys.banned('email', hash)),
    ];
  }

  /**
   * The keys of a commenter's standing: the ban markers (banKeys) and the email's trust records. A
   * fixed handful (at most seven), read in the submission's one BatchGetItem.
   */
  standingKeys(who: Who): { pk: string; sk: string }[] {
    return [...this.banKeys(who), ...who.emailHashes.map((hash) => commentKeys.trust(hash))];
  }

  /**
   * What the items read by `standingKeys` say: a ban in force, and the trust counters (summed over
   * the email's hashes: a regular since before mailbox normalization keeps their record).
   */
  standingOf(items: readonly Record<string, unknown>[], now: Date): Standing {
    let ban: Standing['ban'] = null;
    let approvals = 0;
    let spamMarks = 0;
    for (const item of items) {
      if (item.type === ITEM_TYPES.banMarker) {
        const until = typeof item.until === 'string' ? item.until : null;
        if (until === null || Date.parse(until) > now.getTime()) {
          ban = { id: String(item.banId), reason: String(item.reason ?? ''), until };
        }
      } else if (item.type === ITEM_TYPES.trust) {
        approvals += typeof item.approvals === 'number' ? item.approvals : 0;
        spamMarks += typeof item.spamMarks === 'number' ? item.spamMarks : 0;
      }
    }
    return { ban, approvals, spamMarks };
  }

  /** A trust counter's update, to travel in the moderation's own transaction. */
  trustUpdate(emailHash: string, counter: 'approvals' | 'spamMarks', by: 1 | -1 = 1): TransactItem {
    return {
      Update: {
        TableName: this.table,
        Key: commentKeys.trust(emailHash),
        UpdateExpression: 'SET #type = :type ADD #counter :one',
        ExpressionAttributeNames: { '#type': 'type', '#counter': counter },
        ExpressionAttributeValues: { ':type': ITEM_TYPES.trust, ':one': by },
      },
    };
  }

  /** The ban and its markers in one transaction; a later ban of the same person replaces the marker. */
  async createBan(ban: StoredBan, expiresAtEpoch: number | null): Promise<void> {
    const markers: TransactItem[] = (Object.entries(ban.hashes) as [BanKind, string | null][])
      .filter((entry): entry is [BanKind, string] => entry[1] !== null)
      .map(([kind, hash]) => ({
        Put: {
          TableName: this.table,
          Item: {
            ...commentKeys.banned(kind, hash),
            type: ITEM_TYPES.banMarker,
            banId: ban.id,
            reason: ban.reason,
            until: ban.until,
            // DynamoDB removes an expired marker in its own time; `until` is what is checked.
            ...(expiresAtEpoch !== null ? { expiresAt: expiresAtEpoch } : {}),
          },
        },
      }));
    const { hashes, ...rest } = ban;
    await transactWrite(this.comments.db, [
      {
        Put: {
          TableName: this.table,
          Item: {
            ...commentKeys.ban(ban.id),
            type: ITEM_TYPES.ban,
            ...rest,
            // `emailHash` keys the byCommenter index: absent, never null, when there is none.
            ...(hashes.email ? { emailHash: hashes.email } : {}),
            clientHash: hashes.client,
            ...(hashes.address ? { addressHash: hashes.address } : {}),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...markers,
    ]);
  }

  async getBan(id: string): Promise<StoredBan | null> {
    const item = await getItem(this.comments.db, this.table, commentKeys.ban(id), true);
    return item ? readBan(item) : null;
  }

  /** Bans, newest first: one Query on their partition. */
  async listBans(limit: number, startKey: PageKey | undefined): Promise<Page<StoredBan>> {
    const result = await this.comments.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': commentKeys.bans, ':prefix': commentKeys.banPrefix },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: startKey,
      }),
    );
    return { items: (result.Items ?? []).map(readBan), lastKey: pageKeyOf(result.LastEvaluatedKey) };
  }

  /**
   * Marks the ban revoked (once) and removes its markers, each only if it is still this ban's (a
   * later ban of the same client keeps its own).
   */
  async revokeBan(ban: StoredBan, actor: string, at: string): Promise<StoredBan> {
    try {
      await transactWrite(this.comments.db, [
        {
          Update: {
            TableName: this.table,
            Key: commentKeys.ban(ban.id),
            UpdateExpression: 'SET revokedAt = :at, revokedBy = :actor',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(revokedAt) OR revokedAt = :null)',
            ExpressionAttributeValues: { ':at': at, ':actor': actor, ':null': null },
          },
        },
      ]);
    } catch (error) {
      if (error instanceof TransactionRefused) throw new BanRefused('already revoked');
      throw error;
    }
    for (const [kind, hash] of Object.entries(ban.hashes) as [BanKind, string | null][]) {
      if (!hash) continue;
      try {
        await this.comments.db.send(
          new DeleteCommand({
            TableName: this.table,
            Key: commentKeys.banned(kind, hash),
            ConditionExpression: 'banId = :id',
            ExpressionAttributeValues: { ':id': ban.id },
          }),
        );
      } catch (error) {
        if ((error as { name?: string }).name !== 'ConditionalCheckFailedException') throw error;
      }
    }
    return { ...ban, revokedAt: at, revokedBy: actor };
  }

  /** A client's comments, newest first, with their status (read from the table: byClient holds keys). */
  commentsOfClient(fingerprint: string, max: number): Promise<{ id: string; status: CommentStatus }[]> {
    return this.commentsIn(commentPartitions.byClient(fingerprint), max);
  }

  /** The comments posted under an email (by its keyed hash), from any client, newest first. */
  commentsOfCommenter(emailHash: string, max: number): Promise<{ id: string; status: CommentStatus }[]> {
    return this.commentsIn(commentPartitions.byCommenter(emailHash), max);
  }

  /** The index gives the keys (it projects nothing else); one BatchGetItem a page gives the statuses. */
  private async commentsIn(
    partition: IndexPartition<typeof COMMENTS_TABLE>,
    max: number,
  ): Promise<{ id: string; status: CommentStatus }[]> {
    const out: { id: string; status: CommentStatus }[] = [];
    let startKey: PageKey | undefined;
    do {
      const result = await this.comments.db.send(
        new QueryCommand({
          ...indexQuery(COMMENTS_TABLE, this.table, partition),
          ScanIndexForward: false,
          Limit: Math.min(100, max - out.length),
          ExclusiveStartKey: startKey,
        }),
      );
      const found = (result.Items ?? []).map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
      const items = await batchGet(this.comments.db, this.table, found, ['pk', 'status']);
      for (const item of items) {
        out.push({ id: String(item.pk).replace(/^COMMENT#/, ''), status: item.status as CommentStatus });
      }
      startKey = pageKeyOf(result.LastEvaluatedKey);
    } while (startKey && out.length < max);
    return out;
  }
}
