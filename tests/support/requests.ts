import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Records the name of every DynamoDB operation `db` sends ("GetItem", "TransactWriteItems"...),
 * while each still goes to DynamoDB Local: a counter on the client's middleware stack, not a
 * stand-in. Clear the returned list (`sent.length = 0`) before the work to count.
 */
export function recordRequests(db: DynamoDBDocumentClient): string[] {
  const sent: string[] = [];
  db.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(String(context.commandName).replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'requestCounter' },
  );
  return sent;
}
