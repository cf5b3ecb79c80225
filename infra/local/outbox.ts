import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { localClient } from './localTables.ts';

/** The stream function's Lambda handler (functions/eventRelay.ts), called as Lambda would call it. */
export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export interface LocalOutbox {
  /** Reads every record committed so far and hands it to the handler: what one poll does. */
  drain(): Promise<number>;
  /**
   * Stops polling after a last drain, so nothing committed before the stop goes unannounced.
   * `relayPending: false` skips that drain: for a test's throwaway tables, whose events nobody reads.
   */
  stop(options?: { relayPending?: boolean }): Promise<void>;
}

/** Attempts per record, as the event source mapping's retries, before it is dead-lettered. */
const MAX_ATTEMPTS = 3;

interface ShardCursor {
  iterator: string | undefined;
  /**
   * The last record handed over (or skipped at start); a new iterator resumes after it. Unset
   * while the shard has had no record: it is then read from its beginning.
   */
  after: string | undefined;
  attempts: number;
  closed: boolean;
}

/**
 * The local stand-in for the stream function's event source mappings: polls DynamoDB Local's
 * streams of the given tables and calls the same handler with the same records, so local events,
 * like those in AWS, follow only from committed writes. It starts at the streams' newest records
 * (the samples loaded before it announce nothing) and retries a record whose events were not
 * delivered, up to three times, then appends it to the dead-letter file, as the stream function's
 * failure destination would receive it.
 */
export async function startLocalOutbox(options: {
  endpoint: string;
  tables: readonly string[];
  handler: StreamHandler;
  /** 0 disables the timer; drain() still works. */
  intervalMs: number;
  deadLetterFile: string;
  log?: (line: string) => void;
}): Promise<LocalOutbox> {
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const tables = localClient(options.endpoint);
  /** Stream ARN of each table, and a cursor per shard of each stream. */
  const arns = new Map<string, string>();
  const shards = new Map<string, Map<string, ShardCursor>>();

  async function discover(table: string, initial: boolean): Promise<string | undefined> {
    const { Table } = await tables.send(new DescribeTableCommand({ TableName: table }));
    const arn = Table?.LatestStreamArn;
    if (!arn) return undefined;
    if (arns.get(table) !== arn) {
      // A new stream (the table was recreated): everything in it is new to us.
      arns.set(table, arn);
      shards.set(arn, new Map());
    }
    const known = shards.get(arn) ?? new Map<string, ShardCursor>();
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || known.has(shard.ShardId)) continue;
      const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
      const cursor: ShardCursor = {
        iterator: undefined,
        after: undefined,
        attempts: 0,
        closed: initial && closed,
      };
      known.set(shard.ShardId, cursor);
      // At start, only what is committed from now on; shards that appear later are read whole.
      if (initial && !closed) {
        await skipExisting(arn, shard.ShardId, cursor).catch(() => {
          // Nothing to skip that can be read: the shard is read from its beginning.
          cursor.iterator = undefined;
        });
      }
    }
    shards.set(arn, known);
    return arn;
  }

  /**
   * DynamoDB Local (with one database for all tables, where sequence numbers are shared) answers
   * TrimmedDataAccessException for an iterator taken while its shard was empty once records
   * arrive. So an iterator is kept only once the shard has had a record; until then each poll
   * takes a fresh one from the shard's beginning.
   */
  async function iteratorOf(arn: string, shardId: string, cursor: ShardCursor): Promise<string | undefined> {
    if (cursor.iterator && cursor.after) return cursor.iterator;
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: arn,
        ShardId: shardId,
        ...(cursor.after
          ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: cursor.after }
          : { ShardIteratorType: 'TRIM_HORIZON' }),
      }),
    );
    cursor.iterator = ShardIterator;
    return ShardIterator;
  }

  /** Moves a cursor past every record already in its shard, without handing any over. */
  async function skipExisting(arn: string, shardId: string, cursor: ShardCursor): Promise<void> {
    for (;;) {
      const iterator = await iteratorOf(arn, shardId, cursor);
      if (!iterator) return;
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      const last = page.Records?.at(-1)?.dynamodb?.SequenceNumber;
      if (!last) return;
      cursor.after = last;
      cursor.iterator = page.NextShardIterator;
    }
  }

  async function deadLetter(records: StreamRecord[]) {
    await mkdir(dirname(options.deadLetterFile), { recursive: true });
    for (const record of records) {
      const { SequenceNumber, Keys } = record.dynamodb ?? {};
      await appendFile(
        options.deadLetterFile,
        `${JSON.stringify({ at: new Date().toISOString(), eventName: record.eventName, SequenceNumber, Keys })}\n`,
      );
      options.log?.(`outbox: gave up on record ${SequenceNumber} after ${MAX_ATTEMPTS} attempts`);
    }
  }

  /** Hands over a shard's new records, batch by batch, until it has nothing more. */
  async function pollShard(arn: string, shardId: string, cursor: ShardCursor): Promise<number> {
    let handled = 0;
    for (;;) {
      const iterator = await iteratorOf(arn, shardId, cursor);
      if (!iterator) {
        cursor.closed = true;
        return handled;
      }
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      const records = page.Records ?? [];
      if (records.length === 0) {
        cursor.iterator = page.NextShardIterator;
        if (!page.NextShardIterator) cursor.closed = true;
        return handled;
      }
      const response = await options.handler({ Records: records.map(asLambdaRecord(arn)) });
      const firstFailed = response.batchItemFailures[0]?.itemIdentifier;
      if (firstFailed === undefined) {
        cursor.after = records.at(-1)?.dynamodb?.SequenceNumber;
        cursor.iterator = page.NextShardIterator;
        cursor.attempts = 0;
        handled += records.length;
        continue;
      }
      // As Lambda does: retry from the first failed record; after the last attempt, give it up.
      const failedAt = records.findIndex((r) => r.dynamodb?.SequenceNumber === firstFailed);
      const done = Math.max(failedAt, 0);
      handled += done;
      if (done > 0) cursor.after = records[done - 1]?.dynamodb?.SequenceNumber;
      cursor.attempts += 1;
      cursor.iterator = undefined;
      if (cursor.attempts < MAX_ATTEMPTS) return handled;
      const given = records[done];
      if (given) {
        await deadLetter([given]);
        cursor.after = given.dynamodb?.SequenceNumber;
      }
      cursor.attempts = 0;
    }
  }

  let running: Promise<number> | null = null;
  const drain = async (): Promise<number> => {
    // One poll at a time; a drain asked for during a poll runs after it, and sees its writes.
    while (running) await running.catch(() => 0);
    running = (async () => {
      let handled = 0;
      for (const table of options.tables) {
        const arn = await discover(table, false);
        if (!arn) continue;
        for (const [shardId, cursor] of shards.get(arn) ?? []) {
          if (cursor.closed) continue;
          try {
            handled += await pollShard(arn, shardId, cursor);
          } catch {
            // An expired or refused iterator: once more with a fresh one, after the last record.
            cursor.iterator = undefined;
            handled += await pollShard(arn, shardId, cursor);
          }
        }
      }
      return handled;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  };

  for (const table of options.tables) await discover(table, true);
  let stopped = false;
  const timer =
    options.intervalMs > 0
      ? setInterval(() => {
          drain().catch((error: unknown) => {
            if (!stopped) options.log?.(`outbox: poll failed: ${String(error)}`);
          });
        }, options.intervalMs)
      : null;
  timer?.unref();

  return {
    drain,
    async stop({ relayPending = true } = {}) {
      if (timer) clearInterval(timer);
      if (relayPending) {
        await drain().catch((error: unknown) => options.log?.(`outbox: last poll failed: ${String(error)}`));
      } else {
        // A poll under way finishes before the clients it uses are closed.
        await running?.catch(() => 0);
      }
      stopped = true;
      streams.destroy();
      tables.destroy();
    },
  };
}

/** A GetRecords record in the shape Lambda delivers (creation time in epoch seconds). */
const asLambdaRecord =
  (arn: string) =>
  (record: StreamRecord): DynamoDBStreamEvent['Records'][number] => {
    const { ApproximateCreationDateTime, ...rest } = record.dynamodb ?? {};
    return {
      ...(record.eventID ? { eventID: record.eventID } : {}),
      ...(record.eventName ? { eventName: record.eventName } : {}),
      eventSource: 'aws:dynamodb',
      eventSourceARN: arn,
      dynamodb: {
        ...(rest as NonNullable<DynamoDBStreamEvent['Records'][number]['dynamodb']>),
        ...(ApproximateCreationDateTime
          ? { ApproximateCreationDateTime: Math.floor(ApproximateCreationDateTime.getTime() / 1000) }
          : {}),
      },
    };
  };
