import { GetCommand, PutCommand, ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { AccessDenied, allowed, asFunction, enforceGrants, needsOf } from '../../infra/local/iam.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { commentKeys } from '../../shared/store/commentKeys.ts';
import { keys } from '../../shared/store/keys.ts';
import { COMMENTS_TABLE, CONTENT_TABLE } from '../../shared/store/tables.ts';

/**
 * The local runtime holds each function's DynamoDB requests to its IAM grants (infra/access.ts),
 * as its role does in AWS: a grant missing from FUNCTION_ACCESS fails the API tests instead of a
 * deployed stage. Nothing here is sent: a refused request never leaves the client.
 */
const tables = { [CONTENT_TABLE.id]: 'iam-Content', [COMMENTS_TABLE.id]: 'iam-Comments' };
enforceGrants(tables);
// Port 9 (discard): nothing listens, so a request the check lets through fails to connect.
const db = createDocumentClient('http://127.0.0.1:9');

describe('local IAM', () => {
  it('refuses what a function has no grant for, before anything is sent', async () => {
    await expect(
      asFunction('publicRead', () =>
        db.send(new PutCommand({ TableName: tables[CONTENT_TABLE.id], Item: { ...keys.working('x') } })),
      ),
    ).rejects.toThrow(AccessDenied);
    await expect(
      asFunction('editorial', () => db.send(new ScanCommand({ TableName: tables[CONTENT_TABLE.id] }))),
    ).rejects.toThrow(/editorial is not authorized to perform dynamodb:Scan/);
  });

  it('checks every item of a transaction, and the leading keys a grant is limited to', async () => {
    const header = commentKeys.threadHeader('a-slug', 'START');
    // The publishers may write a thread's headers in the comments table, and nothing else there.
    const thread = { Put: { TableName: tables[COMMENTS_TABLE.id], Item: { ...header } } };
    const comment = { Put: { TableName: tables[COMMENTS_TABLE.id], Item: { ...commentKeys.comment('c1') } } };
    const refused = await asFunction('editorial', () =>
      db.send(new TransactWriteCommand({ TransactItems: [thread, comment] })),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AccessDenied);
    expect(String(refused)).toContain('key COMMENT#c1');
    expect(
      allowed(
        'editorial',
        needsOf('TransactWriteItems', { TransactItems: [thread] })[0] ?? { action: '', table: '' },
        COMMENTS_TABLE,
      ),
    ).toBe(true);
  });

  it('lets a granted request through, and leaves code outside an invocation unchecked', async () => {
    const get = () =>
      db.send(new GetCommand({ TableName: tables[CONTENT_TABLE.id], Key: keys.working('x') }));
    // Granted: it reaches the network (and fails to connect there), not the check.
    const inside = await asFunction('publicRead', get).catch((e: unknown) => e);
    expect(inside).not.toBeInstanceOf(AccessDenied);
    const outside = await db
      .send(new ScanCommand({ TableName: tables[CONTENT_TABLE.id] }))
      .catch((e: unknown) => e);
    expect(outside).not.toBeInstanceOf(AccessDenied);
  });
});
