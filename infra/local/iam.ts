import { AsyncLocalStorage } from 'node:async_hooks';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FunctionName } from '../../shared/http/routes.ts';
import { onLocalClients } from '../../shared/store/client.ts';
import { TABLES, type TableDefinition } from '../../shared/store/tables.ts';
import { ACCESS_LEVELS, FUNCTION_ACCESS, grantedIndexes } from '../access.ts';

/**
 * IAM for the local runtime. In AWS each function's role allows exactly the DynamoDB actions of
 * its grants (FUNCTION_ACCESS, infra/access.ts), and anything else is an AccessDeniedException at
 * run time; locally every function shares one process and DynamoDB Local checks nothing, so a
 * missing grant would only show after a deploy. Here every request a function sends while it
 * handles an invocation is checked against the same grants, action by action (each item of a
 * transaction or batch too) and, where a grant names leading keys, key by key, and refused as IAM
 * would refuse it. Code outside an invocation (seeds, tests, the local scheduler's own reads) runs
 * unchecked, as an administrator would.
 */
const invocation = new AsyncLocalStorage<FunctionName>();

/** Runs one invocation of `name`: what it sends to DynamoDB is held to its grants. */
export const asFunction = <T>(name: FunctionName, work: () => Promise<T>): Promise<T> =>
  invocation.run(name, work);

export class AccessDenied extends Error {
  override readonly name = 'AccessDeniedException';
}

interface Need {
  action: string;
  table: string;
  index?: string;
  /** The partition key of the item touched, where the request names one. */
  leadingKey?: unknown;
}

type Input = Record<string, unknown>;
const keyOf = (value: unknown) => (value as { pk?: unknown } | undefined)?.pk;

const TRANSACT_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
};

/** The IAM actions (and their resources) a request needs. */
export function needsOf(command: string, input: Input): Need[] {
  const table = String(input.TableName ?? '');
  switch (command) {
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [{ action: command, table, leadingKey: keyOf(input.Key) }];
    case 'PutItem':
      return [{ action: command, table, leadingKey: keyOf(input.Item) }];
    case 'Query':
      return [{ action: 'Query', table, ...(input.IndexName ? { index: String(input.IndexName) } : {}) }];
    case 'BatchGetItem':
      return Object.entries((input.RequestItems ?? {}) as Record<string, { Keys?: unknown[] }>).flatMap(
        ([name, request]) =>
          (request.Keys ?? []).map((key) => ({
            action: 'BatchGetItem',
            table: name,
            leadingKey: keyOf(key),
          })),
      );
    case 'BatchWriteItem':
      return Object.entries((input.RequestItems ?? {}) as Record<string, Input[]>).flatMap(([name, writes]) =>
        writes.map((w) => ({
          action: 'BatchWriteItem',
          table: name,
          leadingKey: keyOf(
            (w.PutRequest as Input | undefined)?.Item ?? (w.DeleteRequest as Input | undefined)?.Key,
          ),
        })),
      );
    case 'TransactWriteItems':
      return ((input.TransactItems ?? []) as Input[]).flatMap((item) =>
        Object.entries(item).map(([kind, op]) => {
          const o = op as Input;
          return {
            action: TRANSACT_ACTIONS[kind] ?? kind,
            table: String(o.TableName ?? ''),
            leadingKey: keyOf(o.Key ?? o.Item),
          };
        }),
      );
    case 'TransactGetItems':
      return ((input.TransactItems ?? []) as { Get?: Input }[]).map(({ Get }) => ({
        action: 'GetItem',
        table: String(Get?.TableName ?? ''),
        leadingKey: keyOf(Get?.Key),
      }));
    default:
      // Scan, table administration, PartiQL: no function is granted any of them.
      return [{ action: command, table }];
  }
}

const matchesKey = (pattern: string, value: unknown) =>
  typeof value === 'string' &&
  (pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern);

/** Whether the function's grants allow the need, as its role in AWS would. */
export function allowed(name: FunctionName, need: Need, definition: TableDefinition | undefined): boolean {
  if (!definition) return false;
  const action = `dynamodb:${need.action}`;
  return FUNCTION_ACCESS[name].some((grant) => {
    if (grant.table.id !== definition.id) return false;
    const level = ACCESS_LEVELS[grant.level];
    if (need.index !== undefined) {
      const indexes = grantedIndexes(grant);
      return (
        (level.indexes as readonly string[]).includes(action) &&
        (indexes.includes('*') || indexes.includes(need.index))
      );
    }
    if (!(level.table as readonly string[]).includes(action)) return false;
    if (!grant.leadingKeys) return true;
    // A condition on dynamodb:LeadingKeys: the request must name a key, and each one must match.
    return grant.leadingKeys.some((pattern) => matchesKey(pattern, need.leadingKey));
  });
}

/** Every local table name the runtimes of this process created, with its definition. */
const byName = new Map<string, TableDefinition>();

/** The check, on one client: each request of an invocation, against its function's grants. */
function checkGrants(client: DynamoDBDocumentClient): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = invocation.getStore();
      if (name) {
        const command = String(context.commandName).replace(/Command$/, '');
        for (const need of needsOf(command, args.input as Input)) {
          if (!allowed(name, need, byName.get(need.table))) {
            const resource = need.index ? `${need.table}/index/${need.index}` : need.table;
            throw new AccessDenied(
              `${name} is not authorized to perform dynamodb:${need.action} on ${resource}${
                need.leadingKey === undefined ? '' : ` (key ${String(need.leadingKey)})`
              }: no grant in FUNCTION_ACCESS (infra/access.ts) allows it`,
            );
          }
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'localIam' },
  );
}

/**
 * Installs the check on every client created from now on with a DynamoDB Local endpoint. `tables`
 * maps each table definition's id to its local name.
 */
export function enforceGrants(tables: Record<string, string>): void {
  for (const definition of TABLES) {
    const local = tables[definition.id];
    if (local) byName.set(local, definition);
  }
  onLocalClients(checkGrants);
}
