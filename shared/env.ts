/**
 * The one reader of environment variables. Infra sets exactly these names; a function reads its
 * configuration once at cold start and fails fast if something is missing, rather than on the
 * first request that happens to need it.
 */
export const ENV = {
  contentTable: 'CONTENT_TABLE',
  commentsTable: 'COMMENTS_TABLE',
  cursorSecret: 'CURSOR_SECRET',
  /** Only set locally and in tests: DynamoDB Local's URL. Unset in AWS. */
  dynamodbEndpoint: 'DYNAMODB_ENDPOINT',
} as const;

export type EnvName = (typeof ENV)[keyof typeof ENV];

export function requireEnv(name: EnvName, source: NodeJS.ProcessEnv = process.env): string {
  const value = source[name];
  if (value === undefined || value === '') {
    throw new Error(`Missing required environment variable ${name}`);
  }
  return value;
}

export function optionalEnv(name: EnvName, source: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = source[name];
  return value === undefined || value === '' ? undefined : value;
}
