/**
 * A failure an operator can act on: printed as one line, no stack trace, with an exit code.
 * 2 means the command line was wrong (nothing was sent to AWS); 1 means AWS refused or failed.
 */
export class OpsError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'OpsError';
  }
}

/** The command line was wrong: caught before any AWS call. */
export class UsageError extends OpsError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}

/** The AWS error name of an SDK failure (its `name`, which the SDK sets from the error code). */
export const awsErrorName = (error: unknown): string | undefined =>
  error instanceof Error ? error.name : undefined;

const firstLine = (text: string): string => text.split('\n', 1)[0]?.trim() ?? '';

/**
 * What a failure that no command explained itself means, in one line: missing credentials or
 * region, an expired session, a refusal, an unreachable endpoint. Anything else keeps AWS's own
 * name and message.
 */
export function explainFailure(error: unknown): OpsError {
  if (error instanceof OpsError) return error;
  const name = awsErrorName(error) ?? 'Error';
  const message = firstLine(error instanceof Error ? error.message : String(error));
  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new OpsError(
      'no AWS credentials found: sign in as for the AWS CLI (AWS_PROFILE with `aws sso login`, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)',
    );
  }
  if (/region is missing/i.test(message)) {
    return new OpsError(
      'no AWS region: set AWS_REGION (or a region in your AWS profile) to where the stack is deployed',
    );
  }
  if (/^(ExpiredToken|ExpiredTokenException|TokenRefreshRequired)$/.test(name)) {
    return new OpsError(`your AWS session has expired (${name}): sign in again, e.g. \`aws sso login\``);
  }
  if (
    /^(UnrecognizedClientException|InvalidClientTokenId|SignatureDoesNotMatch|IncompleteSignature)$/.test(
      name,
    )
  ) {
    return new OpsError(`AWS did not accept your credentials (${name}): ${message}`);
  }
  if (/^(AccessDenied|AccessDeniedException|NotAuthorizedException)$/.test(name)) {
    return new OpsError(`AWS refused (${name}): ${message}`);
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^(ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN)$/.test(code)) {
    return new OpsError(`could not reach AWS (${code}): check the network and the region`);
  }
  return new OpsError(`${name}: ${message}`);
}
