import { aws_apigateway as apigateway } from 'aws-cdk-lib';
import {
  BadRequestError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  TooManyRequestsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from '../../shared/errors.ts';
import { GATEWAY_RESPONSE_CORS } from '../../shared/http/cors.ts';
import { problemDocument } from '../../shared/http/problem.ts';
import { COMMENT_RATE_WINDOW_SECONDS } from './waf.ts';

/** A problem document (RFC 9457) that API Gateway itself answers with, before any function runs. */
export interface GatewayProblem {
  readonly type: apigateway.ResponseType;
  readonly status: number;
  readonly kind: string;
  readonly title: string;
  readonly detail: string;
  readonly headers?: Record<string, string>;
}

/** Status, kind and title come from the domain error, so the gateway's problems match the functions'. */
const like = (
  error: DomainError,
  type: apigateway.ResponseType,
  extra: Partial<GatewayProblem> = {},
): GatewayProblem => ({
  type,
  status: error.status,
  kind: error.kind,
  title: error.title,
  detail: error.message,
  ...extra,
});

/**
 * API Gateway's own errors. A REST API answers an unknown route with MISSING_AUTHENTICATION_TOKEN
 * (403 by default); here it is the 404 it means. Details are fixed text: nothing internal leaks.
 * Setting the status of a DEFAULT_* response changes every response type it covers, so the common
 * types are listed with their own status and the defaults only catch the rest.
 */
export const GATEWAY_PROBLEMS: readonly GatewayProblem[] = [
  like(
    new UnauthorizedError('Sign in: send a valid bearer token from the user pool.'),
    apigateway.ResponseType.UNAUTHORIZED,
  ),
  like(new ForbiddenError('You may not call this route.'), apigateway.ResponseType.ACCESS_DENIED),
  like(
    new NotFoundError('No route matches this method and path.'),
    apigateway.ResponseType.MISSING_AUTHENTICATION_TOKEN,
  ),
  like(
    new NotFoundError('No route matches this method and path.'),
    apigateway.ResponseType.RESOURCE_NOT_FOUND,
  ),
  like(
    new TooManyRequestsError('Too many requests; slow down and retry.', 1),
    apigateway.ResponseType.THROTTLED,
    {
      headers: { 'Retry-After': '1' },
    },
  ),
  like(
    new TooManyRequestsError('The request quota is used up; retry later.', 60),
    apigateway.ResponseType.QUOTA_EXCEEDED,
    {
      headers: { 'Retry-After': '60' },
    },
  ),
  like(new PayloadTooLargeError('The request is too large.'), apigateway.ResponseType.REQUEST_TOO_LARGE),
  like(
    new UnsupportedMediaTypeError('This content type is not accepted.'),
    apigateway.ResponseType.UNSUPPORTED_MEDIA_TYPE,
  ),
  // The web ACL's only rule is the comment rate limit, and it blocks without a custom response
  // (WAF cannot send application/problem+json), so API Gateway answers with this 429 problem.
  like(
    new TooManyRequestsError(
      'Too many comments from your address; try again in a few minutes.',
      COMMENT_RATE_WINDOW_SECONDS,
    ),
    apigateway.ResponseType.WAF_FILTERED,
    { headers: { 'Retry-After': String(COMMENT_RATE_WINDOW_SECONDS) } },
  ),
  like(new BadRequestError('The request is malformed.'), apigateway.ResponseType.DEFAULT_4XX),
  {
    type: apigateway.ResponseType.INTEGRATION_TIMEOUT,
    status: 504,
    kind: 'timeout',
    title: 'Gateway timeout',
    detail: 'The request took too long; retry later.',
  },
  {
    type: apigateway.ResponseType.DEFAULT_5XX,
    status: 502,
    kind: 'internal',
    title: 'Bad gateway',
    detail: 'Something went wrong on our side; retry later.',
  },
];

/** The body template; `$context.requestId` is substituted by API Gateway, as in the functions' problems. */
export function problemBody(problem: GatewayProblem): string {
  return JSON.stringify(problemDocument({ ...problem, requestId: '$context.requestId' }));
}

export function addGatewayProblems(api: apigateway.RestApi): void {
  for (const problem of GATEWAY_PROBLEMS) {
    const headers: Record<string, string> = {
      'Content-Type': 'application/problem+json',
      'Cache-Control': 'no-store',
      // Any origin may read the gateway's own refusals (see GATEWAY_RESPONSE_CORS for why).
      ...GATEWAY_RESPONSE_CORS,
      ...problem.headers,
    };
    api.addGatewayResponse(`Problem-${problem.type.responseType}`, {
      type: problem.type,
      statusCode: String(problem.status),
      // Header values are mapping expressions: a literal must be single-quoted.
      responseHeaders: Object.fromEntries(
        Object.entries(headers).map(([name, value]) => [name, `'${value}'`]),
      ),
      templates: { 'application/json': problemBody(problem) },
    });
  }
}
