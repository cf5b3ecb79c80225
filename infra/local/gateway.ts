import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { GATEWAY_RESPONSE_CORS, preflightHeaders } from '../../shared/http/cors.ts';
import { problem } from '../../shared/http/problem.ts';
import { type ApiFunctionName, gatewayMethods, ROUTES } from '../../shared/http/routes.ts';
import { log } from '../../shared/log.ts';
import { verifyToken } from './devAuth.ts';
import { docsPage } from './docsPage.ts';

/**
 * The local stand-in for API Gateway. It routes by the same route table CDK uses, checks the bearer
 * token as the Cognito authorizer would, and hands the unchanged Lambda handlers the same REST
 * proxy event (claims as strings under requestContext.authorizer.claims).
 */
export type LambdaHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface GatewayOptions {
  handlers: Record<ApiFunctionName, LambdaHandler>;
  tokenSecret: string;
  stage?: string;
  log?: (line: string) => void;
  /** Origins whose browsers may read the token-bearing routes (as `-c corsOrigins` in AWS). */
  corsOrigins?: readonly string[];
  /** Answers what is not the API (the local web console); returns false to let the gateway route it. */
  beforeRoutes?: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;
}

/** API Gateway's own payload limit; the handlers enforce the API's smaller one. */
const GATEWAY_MAX_BODY = 10 * 1024 * 1024;

const compiled = ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
}));

/**
 * A request as the gateway reads it off the socket. The in-process dispatcher (createDispatcher)
 * takes the same, so everything below the socket (routing, the authorizer's check, the event)
 * is one code path.
 */
export interface GatewayRequest {
  method: string;
  /** Path and query as sent on the request line. */
  url: string;
  /** Lower-case names, each with every value sent (IncomingMessage.headersDistinct). */
  headers: Record<string, string[] | undefined>;
  /** The body, read only once a route matched; null when it exceeds the gateway's limit. */
  body(): Promise<Buffer | null>;
  sourceIp: string;
}

export function createGateway(options: GatewayOptions): Server {
  return createServer((req, res) => {
    const started = Date.now();
    (options.beforeRoutes ? options.beforeRoutes(req, res) : Promise.resolve(false))
      .then((answered) =>
        answered ? undefined : dispatch(fromSocket(req), options).then((r) => send(res, r)),
      )
      .catch((error: unknown) => {
        // No URL: a preview link's path is its token.
        log.error('The local gateway failed', { method: req.method, error });
        send(
          res,
          gatewayProblem(500, 'internal', 'Internal server error', 'The local gateway failed.', 'local'),
        );
      })
      .finally(() => options.log?.(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
  });
}

/** The gateway without its socket: what a request gets below the HTTP server, in this process. */
export function createDispatcher(
  options: GatewayOptions,
): (request: GatewayRequest) => Promise<APIGatewayProxyResult> {
  return (request) => dispatch(request, options);
}

function fromSocket(req: IncomingMessage): GatewayRequest {
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: req.headersDistinct,
    body: () => readBody(req),
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
  };
}

async function dispatch(req: GatewayRequest, options: GatewayOptions): Promise<APIGatewayProxyResult> {
  const requestId = randomUUID();
  const url = new URL(req.url, 'http://localhost');
  const method = req.method;
  const page = docsPage(method, url.pathname);
  if (page) return page;
  const onPath = compiled.filter(({ pattern }) => pattern.test(url.pathname));
  if (method === 'OPTIONS' && onPath.length > 0) {
    // The CORS preflight API Gateway answers itself: any origin on public paths, the stage's
    // listed origins on token-bearing ones (infra/constructs/api.ts).
    const access = onPath.some(({ route }) => route.access !== 'public') ? 'signed-in' : 'public';
    return {
      statusCode: 204,
      headers: preflightHeaders(access, headerValue(req, 'origin'), options.corsOrigins ?? []),
      body: '',
    };
  }
  const match = compiled
    .filter(({ route }) => (gatewayMethods(route) as string[]).includes(method))
    .map(({ route, pattern }) => ({ route, found: pattern.exec(url.pathname) }))
    .find((m) => m.found !== null);
  if (!match) {
    const allowed = compiled
      .filter(({ pattern }) => pattern.test(url.pathname))
      .flatMap(({ route }) => gatewayMethods(route));
    if (allowed.length) {
      const allow = [...allowed, 'OPTIONS'].join(', ');
      return gatewayProblem(
        405,
        'method-not-allowed',
        'Method not allowed',
        `${method} is not allowed on ${url.pathname}; it takes ${allow}.`,
        requestId,
        {},
        { Allow: allow },
      );
    }
    // API Gateway answers unknown routes itself; the stack maps that answer to this 404.
    return gatewayProblem(404, 'not-found', 'Not found', `No route ${method} ${url.pathname}.`, requestId);
  }
  const body = await req.body();
  if (body === null) {
    // The rest of the body is never read, so this connection cannot carry another request: close it
    // rather than leave the client to write its next request into a half-read stream.
    return gatewayProblem(
      413,
      'payload-too-large',
      'Payload too large',
      'The body exceeds 10 MB.',
      requestId,
      {},
      {
        Connection: 'close',
      },
    );
  }

  let claims: Record<string, string> | null = null;
  if (match.route.access !== 'public') {
    const header = headerValue(req, 'authorization');
    const token = header?.match(/^Bearer\s+(.+)$/i)?.[1];
    if (!token)
      return gatewayProblem(
        401,
        'unauthorized',
        'Unauthorized',
        'Send Authorization: Bearer <token>.',
        requestId,
      );
    try {
      claims = await verifyToken(token, options.tokenSecret);
    } catch {
      return gatewayProblem(
        401,
        'unauthorized',
        'Unauthorized',
        'The token is invalid or has expired.',
        requestId,
      );
    }
  }

  const params: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(match.found?.groups ?? {})) params[key] = safeDecode(value);
  const headers: Record<string, string> = Object.create(null);
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(req.headers)) {
    if (!value) continue;
    headers[key] = value.join(',');
    multiValueHeaders[key] = value;
  }
  // Null-prototype maps: a parameter named __proto__ is just a parameter, as in API Gateway.
  const query: Record<string, string> = Object.create(null);
  const multiQuery: Record<string, string[]> = Object.create(null);
  for (const [key, value] of url.searchParams) {
    query[key] = value;
    multiQuery[key] = [...(multiQuery[key] ?? []), value];
  }
  const stage = options.stage ?? 'local';
  const event: APIGatewayProxyEvent = {
    resource: match.route.path,
    path: url.pathname,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length ? multiQuery : null,
    pathParameters: Object.keys(params).length ? params : null,
    stageVariables: null,
    body: body.length ? body.toString('utf8') : null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: claims ? { claims } : null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: apiIdentity(req.sourceIp, headerValue(req, 'user-agent') ?? null),
      path: `/${stage}${url.pathname}`,
      stage,
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'local',
      resourcePath: match.route.path,
    },
  };
  return options.handlers[match.route.fn](event);
}

/** An answer of the gateway itself, with the CORS headers of the stack's gateway responses. */
function gatewayProblem(...args: Parameters<typeof problem>): APIGatewayProxyResult {
  const answer = problem(...args);
  return { ...answer, headers: { ...answer.headers, ...GATEWAY_RESPONSE_CORS } };
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > GATEWAY_MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, result: APIGatewayProxyResult) {
  if (res.headersSent) return;
  res.statusCode = result.statusCode;
  for (const [key, value] of Object.entries(result.headers ?? {})) res.setHeader(key, String(value));
  res.end(result.statusCode === 304 || result.statusCode === 204 ? undefined : result.body);
}

function headerValue(req: GatewayRequest, name: string): string | undefined {
  return req.headers[name]?.[0];
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * The caller's identity in an API Gateway REST event: only the address and the user agent are
 * known (no IAM or Cognito identity pool callers); the bundle tests send the same shape.
 */
export function apiIdentity(
  sourceIp: string,
  userAgent: string | null,
): APIGatewayProxyEvent['requestContext']['identity'] {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent,
    userArn: null,
  };
}
