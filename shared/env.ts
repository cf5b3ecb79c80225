/**
 * The one reader of environment variables. Infra sets exactly these names; a function reads its
 * configuration once at cold start and fails fast if something is missing, rather than on the
 * first request that happens to need it.
 */
export const ENV = {
  contentTable: 'CONTENT_TABLE',
  commentsTable: 'COMMENTS_TABLE',
  /** The search index (shared/search/): written by the relay, read by the search routes. */
  searchTable: 'SEARCH_TABLE',
  /**
   * AWS: the ARNs of the Secrets Manager secrets holding the signing keys (cursors, preview links,
   * comment fingerprints). Only the ARN is in the environment; shared/secrets.ts reads the value.
   */
  cursorSecretArn: 'CURSOR_SECRET_ARN',
  previewSecretArn: 'PREVIEW_SECRET_ARN',
  fingerprintSecretArn: 'FINGERPRINT_SECRET_ARN',
  /** AWS: the ARN of the secret CloudFront sends to the API as a custom origin header. */
  originSecretArn: 'ORIGIN_SECRET_ARN',
  /** Local only: the JSON file of dev keys that stands in for Secrets Manager. */
  localSecretsFile: 'LOCAL_SECRETS_FILE',
  /** AWS: the EventBridge bus that ArticlePublished / ArticleUnpublished go to. */
  eventBusName: 'EVENT_BUS_NAME',
  /** AWS: where publish schedules are created, what they invoke, as whom, and where failures go. */
  scheduleGroup: 'SCHEDULE_GROUP',
  scheduledPublishArn: 'SCHEDULED_PUBLISH_ARN',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  scheduleDlqArn: 'SCHEDULE_DLQ_ARN',
  /** Origins (comma-separated) whose browsers may read the token-bearing routes; none if unset. */
  corsOrigins: 'CORS_ORIGINS',
  /** Local only: the file events are appended to, and an optional webhook to POST them to. */
  eventsLog: 'EVENTS_LOG',
  webhookUrl: 'WEBHOOK_URL',
  /** AWS: the CloudFront distribution whose cached public answers the purge function invalidates. */
  cdnDistributionId: 'CDN_DISTRIBUTION_ID',
  /** The stage name (dev, prod...): the dimension of the business metrics. */
  stage: 'CMS_STAGE',
  /** The function's name in the stack (editorial, publicRead...): the dimension of its 5xx count. */
  functionName: 'CMS_FUNCTION',
  /** AWS: the media bucket (uploads, originals and renditions). */
  mediaBucket: 'MEDIA_BUCKET',
  /**
   * Local only: the folder media objects live in (keys as in the bucket), and the local gateway's
   * stand-in for the bucket's POST endpoint that upload policies are signed for.
   */
  mediaLocalDir: 'MEDIA_LOCAL_DIR',
  mediaUploadUrl: 'MEDIA_UPLOAD_URL',
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
