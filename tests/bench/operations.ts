/**
 * Per operation: DynamoDB requests, capacity units split by table and index (from
 * ReturnConsumedCapacity INDEXES), latency in-process and through the local gateway, and for reads
 * the same request replayed raw on the document client in the same run (the floor), with ratios.
 */
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../shared/store/query.ts';
import type { TableDefinition } from '../../shared/store/tables.ts';
import { type TransactChange, transactionUnits } from './billing.ts';

export const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
export const percentile = (xs: readonly number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const READ_COMMANDS = new Set([
  'GetItemCommand',
  'QueryCommand',
  'BatchGetItemCommand',
  'TransactGetItemsCommand',
]);

/** Capacity units by where they were spent: "Content", "Content/byStatus", "Comments/thread"... */
export type UnitsByPlace = Record<string, number>;

export interface Metered {
  requests: number;
  commands: string[];
  read: UnitsByPlace;
  write: UnitsByPlace;
  /** The document-client inputs of the read requests, for a raw replay. */
  replayable: { command: string; input: Record<string, unknown> }[];
  /**
   * Write units of the transactions as DynamoDB Local reported them (it undercounts: see
   * billing.ts); `write` holds them as DynamoDB bills them.
   */
  localTransactWrite: UnitsByPlace;
}

interface ConsumedCapacity {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<
    string,
    { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number }
  >;
}

/**
 * Hooks a document client: every request asks for ReturnConsumedCapacity INDEXES, and what it
 * consumed is added up by table and index, as read or write units (by the units DynamoDB names, or
 * by the kind of request when it names only a total).
 */
export function meter(
  db: DynamoDBDocumentClient,
  tableIds: Record<string, string>,
  billing: { tables: Record<string, TableDefinition>; raw: DynamoDBDocumentClient },
) {
  const state: Metered = {
    requests: 0,
    commands: [],
    read: {},
    write: {},
    replayable: [],
    localTransactWrite: {},
  };
  /** Each item of a transaction, read as it is now (strongly consistent, on a client not metered). */
  const readTransactItems = (items: TransactItem[]) =>
    Promise.all(
      items.map(async (item) => {
        const [kind, body] = Object.entries(item)[0] as [TransactChange['kind'], Record<string, unknown>];
        const tableName = String(body.TableName);
        const key = (body.Key ?? body.Item) as Record<string, unknown>;
        const table = billing.tables[tableName];
        if (!table) throw new Error(`No definition for table ${tableName}`);
        const { Item } = await billing.raw.send(
          new GetCommand({
            TableName: tableName,
            Key: {
              [table.partitionKey.name]: key[table.partitionKey.name],
              [table.sortKey.name]: key[table.sortKey.name],
            },
            ConsistentRead: true,
          }),
        );
        return { table, kind, item: Item };
      }),
    );
  const add = (bucket: UnitsByPlace, place: string, units: number | undefined) => {
    if (units) bucket[place] = round((bucket[place] ?? 0) + units, 3);
  };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const command = String(context.commandName);
      state.requests += 1;
      state.commands.push(command.replace(/Command$/, ''));
      const input = args.input as Record<string, unknown>;
      if (READ_COMMANDS.has(command)) state.replayable.push({ command, input: structuredClone(input) });
      input.ReturnConsumedCapacity = 'INDEXES';
      const transact =
        command === 'TransactWriteItemsCommand' ? (input.TransactItems as TransactItem[]) : null;
      const before = transact ? await readTransactItems(transact) : [];
      const result = await next(args);
      if (transact) {
        const after = await readTransactItems(transact);
        const billed = transactionUnits(
          before.map(({ table, kind, item }, i) => ({ table, kind, before: item, after: after[i]?.item })),
        );
        for (const [place, units] of Object.entries(billed)) add(state.write, place, units);
      }
      const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
        .ConsumedCapacity;
      const isRead = READ_COMMANDS.has(command);
      for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
        const table = tableIds[c.TableName ?? ''] ?? c.TableName ?? '?';
        const split = (
          units: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number },
          place: string,
        ) => {
          if (units.ReadCapacityUnits !== undefined || units.WriteCapacityUnits !== undefined) {
            add(state.read, place, units.ReadCapacityUnits);
            add(state.write, place, units.WriteCapacityUnits);
          } else add(isRead ? state.read : state.write, place, units.CapacityUnits);
        };
        // A transaction's billed units are worked out above; Local's own figure is kept beside them.
        if (transact) {
          add(state.localTransactWrite, table, (c.Table ?? c).CapacityUnits);
          for (const [index, units] of Object.entries(c.GlobalSecondaryIndexes ?? {}))
            add(state.localTransactWrite, `${table}/${index}`, units.CapacityUnits);
          continue;
        }
        split(c.Table ?? c, table);
        for (const [index, units] of Object.entries(c.GlobalSecondaryIndexes ?? {}))
          split(units, `${table}/${index}`);
      }
      return result;
    },
    { step: 'initialize', name: 'benchMeter' },
  );
  return {
    reset() {
      state.requests = 0;
      state.commands = [];
      state.read = {};
      state.write = {};
      state.replayable = [];
      state.localTransactWrite = {};
    },
    snapshot: (): Metered => structuredClone(state),
  };
}

export const total = (units: UnitsByPlace) =>
  round(
    Object.values(units).reduce((a, b) => a + b, 0),
    3,
  );

/** Sends a read request again, as recorded, on a client with no hooks: the floor of that read. */
export function rawReplay(db: DynamoDBDocumentClient, recorded: Metered['replayable']) {
  return async () => {
    for (const { command, input } of recorded) {
      const clean = { ...input };
      delete clean.ReturnConsumedCapacity;
      if (command === 'GetItemCommand') await db.send(new GetCommand(clean as never));
      else if (command === 'QueryCommand') await db.send(new QueryCommand(clean as never));
      else if (command === 'BatchGetItemCommand') await db.send(new BatchGetCommand(clean as never));
      else throw new Error(`No raw replay for ${command}`);
    }
  };
}

/** Times `work` `n` times; with `other`, alternates the two so the machine's drift hits both alike. */
export async function timeInterleaved(
  n: number,
  work: () => Promise<unknown>,
  other?: () => Promise<unknown>,
) {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i += 1) {
    let t0 = performance.now();
    await work();
    a.push(performance.now() - t0);
    if (other) {
      t0 = performance.now();
      await other();
      b.push(performance.now() - t0);
    }
  }
  return { work: a, other: b };
}

export interface Latency {
  p50: number;
  p99: number;
}
export const latencyOf = (samples: readonly number[]): Latency => ({
  p50: round(median(samples)),
  p99: round(percentile(samples, 0.99)),
});
