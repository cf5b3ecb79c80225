import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The document client every repository uses. `endpoint` is only set locally and in tests
 * (DynamoDB Local); in Lambda the SDK finds the regional endpoint and credentials itself.
 */
export function createDocumentClient(endpoint?: string): DynamoDBDocumentClient {
  const client = new DynamoDBClient(
    endpoint
      ? {
          endpoint,
          region: process.env.AWS_REGION ?? 'local',
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
          maxAttempts: 3,
        }
      : { maxAttempts: 3 },
  );
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  if (endpoint) for (const plugin of localPlugins) plugin(doc);
  return doc;
}

/** What the local runtime adds to every client it points at DynamoDB Local (infra/local/iam.ts). */
type LocalPlugin = (client: DynamoDBDocumentClient) => void;
const localPlugins: LocalPlugin[] = [];

/** For the local runtime only: applied to clients created afterwards with an endpoint. */
export function onLocalClients(plugin: LocalPlugin): void {
  if (!localPlugins.includes(plugin)) localPlugins.push(plugin);
}
