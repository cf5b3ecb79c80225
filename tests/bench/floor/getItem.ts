import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

/**
 * The floor of a function that reads DynamoDB: the same SDK clients the functions use, one GetItem,
 * nothing else (no validation, no routing, no secrets). Built with the functions' esbuild options.
 */
const endpoint = process.env.DYNAMODB_ENDPOINT;
const db = DynamoDBDocumentClient.from(new DynamoDBClient(endpoint ? { endpoint } : {}));

export async function handler() {
  const { Item } = await db.send(
    new GetCommand({ TableName: process.env.CONTENT_TABLE, Key: { pk: 'SLUG#floor', sk: 'LIVE' } }),
  );
  return { statusCode: 200, body: JSON.stringify(Item ?? null) };
}
