import { createHash } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type * as core from 'zod/v4/core';
import { hasAnyRole, type Principal, principalFromClaims } from '../auth/principal.ts';
import { ENV, optionalEnv } from '../env.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';
import { withRequestId } from '../log.ts';
import { emitServerError } from '../metrics.ts';
import { PREVIEW_GONE } from '../preview.ts';
import type { CursorCodec, PageKey } from '../store/cursor.ts';
import { clientAddress, ORIGIN_SECRET_HEADER, type OriginSecrets } from './clientAddress.ts';
import { corsHeaders, parseOrigins } from './cors.ts';
import { PageQuerySchema, type PageRequest, pageBody, pageRequest, pageScope } from './paging.ts';
import { problemResponse } from './problem.ts';
import { matchesNoneMatch, parseIfMatch, parseQuery, readJson } from './request.ts';
import { document, empty, type HttpResponse, html, json, problemPage } from './response.ts';
import type { ResponseOf } from './responses.ts';
import {
  gatewayMethods,
  PATH_PARAMS,
  type PathParamName,
  type ResponseHeader,
  type RouteDefinition,
} from './routes/define.ts';

/**
 * The dispatcher. One per function: it matches `event.resource` against that function's routes,
 * enforces the route's roles (defence in depth behind the Cognito authorizer), validates path
 * parameters, query, body and If-Match from the route's declaration, decodes the cursor, runs the
 * operation with typed values, and writes the answer: status, headers, `{ items, nextCursor }` for
 * lists, 304 for a matching If-None-Match. Any error becomes a problem document in one place.
 */
type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}`
  ? N | ParamNames<Rest>
  : never;
type ParamValue<N> = N extends 'n' ? number : string;

/** What an operation is handed: only what its route declares, already validated. */
export interface OperationInput<R extends RouteDefinition> {
  principal: R['access'] extends 'public' ? Principal | null : Principal;
  params: { [K in ParamNames<R['path']>]: ParamValue<K> };
  query: R['query'] extends core.$ZodType ? core.output<R['query']> : Record<string, never>;
  body: R['body'] extends core.$ZodType
    ? R['bodyOptional'] extends true
      ? Partial<core.output<R['body']>>
      : core.output<R['body']>
    : undefined;
  ifMatch: R['ifMatch'] extends 'required' ? number : number | undefined;
  page: R['paged'] extends string ? PageRequest : undefined;
  /** Header names lowercased. */
  headers: Record<string, string>;
  requestId: string;
  /**
   * The client: the viewer's address when the request provably came through CloudFront, else the
   * address API Gateway saw (shared/http/clientAddress.ts); only ever stored as a keyed hash.
   */
  client: { ip: string; userAgent: string };
}

type Headers = Partial<Record<Exclude<ResponseHeader, 'Cache-Control'>, string>> & Record<string, string>;

/** What an operation returns: the list page, nothing (204), or the body its route declares. */
export type OperationOutput<R extends RouteDefinition> = R['paged'] extends string
  ? { items: ResponseOf<R['paged']>[]; lastKey: PageKey | undefined }
  : R['ok']['status'] extends 204
    ? undefined
    : R['ok']['contentType'] extends string
      ? { body: string; headers?: Headers }
      : R['ok']['schema'] extends string
        ? { body: ResponseOf<R['ok']['schema']>; headers?: Headers }
        : { body: unknown; headers?: Headers };

export type Operations<Rs extends readonly RouteDefinition[]> = {
  [R in Rs[number] as R['id']]: (input: OperationInput<R>) => Promise<OperationOutput<R>>;
};

type AnyOperation = (input: OperationInput<RouteDefinition>) => Promise<unknown>;

export function createHandler<const Rs extends readonly RouteDefinition[]>(
  routes: Rs,
  operations: NoInfer<Operations<Rs>>,
  deps: {
    cursors?: CursorCodec;
    /** The functions that key readers by address hold the origin secret, to believe CloudFront's. */
    originSecrets?: OriginSecrets;
  } = {},
) {
  if (routes.some((r) => r.paged) && !deps.cursors) throw new Error('Paged routes need a cursor codec');
  const allowedOrigins = parseOrigins(optionalEnv(ENV.corsOrigins));
  // Set by the stack: each 5xx answer is counted per function (locally neither is set: no metrics).
  const stage = optionalEnv(ENV.stage);
  const fn = optionalEnv(ENV.functionName);
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const requestId = event.requestContext?.requestId ?? 'unknown';
    const route = routes.find(
      (r) => r.path === event.resource && (gatewayMethods(r) as string[]).includes(event.httpMethod),
    );
    const answered = await withRequestId(requestId, () => answer(route, event, requestId));
    // HEAD is the GET's answer without its body (its headers, ETag and Cache-Control included).
    const response = event.httpMethod === 'HEAD' ? { ...answered, body: '' } : answered;
    if (response.statusCode >= 500 && stage && fn) emitServerError({ stage, fn });
    const origin = Object.entries(event.headers ?? {}).find(([k]) => k.toLowerCase() === 'origin')?.[1];
    const access = route && route.access !== 'public' ? 'signed-in' : 'public';
    return { ...response, headers: { ...response.headers, ...corsHeaders(access, origin, allowedOrigins) } };
  };

  async function answer(
    route: Rs[number] | undefined,
    event: APIGatewayProxyEvent,
    requestId: string,
  ): Promise<HttpResponse> {
    try {
      if (!route) throw new NotFoundError(`No route ${event.httpMethod} ${event.path}.`);
      const { input, scope } = parse(route, event, requestId, deps.cursors);
      // parse() took the source address; the viewer's replaces it when CloudFront provably sent it.
      input.client.ip = await clientAddress(input.headers, input.client.ip, deps.originSecrets);
      // The origin secret has done its work: no operation (or log line) sees it.
      delete input.headers[ORIGIN_SECRET_HEADER];
      const operation = (operations as unknown as Record<string, AnyOperation>)[route.id];
      if (!operation) throw new NotFoundError(`No route ${event.httpMethod} ${event.path}.`);
      return respond(
        route,
        input,
        await operation(input),
        scope && deps.cursors ? { scope, cursors: deps.cursors } : null,
      );
    } catch (error) {
      const problem = problemResponse(error, requestId);
      return route?.ok.contentType === 'text/html' ? problemPage(problem) : problem;
    }
  }
}

function parse(
  route: RouteDefinition,
  event: APIGatewayProxyEvent,
  requestId: string,
  cursors: CursorCodec | undefined,
): { input: OperationInput<RouteDefinition>; scope: string | null } {
  const principal = principalFromClaims(event.requestContext?.authorizer?.claims);
  if (route.access !== 'public') {
    if (!principal) throw new UnauthorizedError('Sign in: this route needs a bearer token.');
    if (!hasAnyRole(principal, route.access)) {
      throw new ForbiddenError(`This route is for the roles ${[...route.access, 'admin'].join(', ')}.`);
    }
  }
  const rawParams = event.pathParameters ?? {};
  const params: Record<string, string | number> = {};
  for (const [, name] of route.path.matchAll(/\{(\w+)\}/g)) {
    const spec = PATH_PARAMS[name as PathParamName];
    const value = rawParams[name as string] ?? '';
    // A value that cannot name anything is simply not found; it never reaches DynamoDB.
    if (value.length > spec.maxLength || !spec.pattern.test(value))
      throw new NotFoundError(notFoundDetail(route.path, name as string, value));
    params[name as string] = name === 'n' ? Number(value) : value;
  }
  const rawQuery = definedValues(event.queryStringParameters);
  const query = route.query ? parseQuery(route.query, rawQuery) : {};
  let page: PageRequest | undefined;
  let scope: string | null = null;
  if (route.paged && cursors) {
    scope = pageScope(route.id, pathOf(route, params), query, principal?.sub ?? '');
    page = pageRequest(parseQuery(PageQuerySchema, rawQuery), scope, cursors);
  }
  const headers = lowercaseKeys(event.headers);
  const raw = {
    headers,
    body:
      event.body && event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body,
  };
  const body = !route.body
    ? undefined
    : route.bodyOptional && !raw.body?.trim()
      ? {}
      : readJson(raw, route.body);
  const ifMatch = route.ifMatch ? parseIfMatch(headers, route.ifMatch === 'required') : undefined;
  const input = {
    principal: principal as Principal,
    params: params as never,
    query: query as never,
    body: body as never,
    ifMatch: ifMatch as number,
    page: page as never,
    headers,
    requestId,
    client: { ip: event.requestContext?.identity?.sourceIp ?? '', userAgent: headers['user-agent'] ?? '' },
  };
  return { input, scope };
}

function respond(
  route: RouteDefinition,
  input: OperationInput<RouteDefinition>,
  output: unknown,
  paging: { scope: string; cursors: CursorCodec } | null,
): HttpResponse {
  const cache: Record<string, string> = route.ok.cache ? { 'Cache-Control': route.ok.cache } : {};
  if (route.ok.status === 204) return empty(204, cache);
  if (paging) {
    const page = output as { items: unknown[]; lastKey: PageKey | undefined };
    const body = pageBody(page, paging.scope, paging.cursors);
    if (!route.conditional) return json(route.ok.status, body, cache);
    // A list's ETag is a digest of the page it answers (cursors are deterministic), so a client or
    // cache holding the same page gets a 304 with no body.
    const etag = digestEtag(JSON.stringify(body));
    const all = { ...cache, ETag: etag };
    if (matchesNoneMatch(input.headers, etag)) return empty(304, all);
    return json(route.ok.status, body, all);
  }
  const { body, headers = {} } = output as { body: unknown; headers?: Record<string, string> };
  if (route.ok.contentType) {
    // A document (a page, a feed, a sitemap): its ETag is a digest of it, like a list page's.
    const text = String(body);
    const all = { ...cache, ETag: digestEtag(text), ...headers };
    if (route.conditional && matchesNoneMatch(input.headers, all.ETag)) return empty(304, all);
    return document(route.ok.status, route.ok.contentType, text, all);
  }
  const all = { ...cache, ...headers };
  if (route.conditional && headers.ETag && matchesNoneMatch(input.headers, headers.ETag))
    return empty(304, all);
  return json(route.ok.status, body, all);
}

const digestEtag = (text: string) =>
  `"${createHash('sha256').update(text).digest('base64url').slice(0, 22)}"`;

/** The request path rebuilt from the route and its validated parameters (for cursor scopes). */
function pathOf(route: RouteDefinition, params: Record<string, string | number>): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name])));
}

/** The same words the services use for a miss, so a malformed value and an unknown one read alike. */
function notFoundDetail(path: string, param: string, value: string): string {
  const segment = path.split(`/{${param}}`)[0]?.split('/').pop() ?? '';
  if (param === 'token') return PREVIEW_GONE;
  if (param === 'link') return `No preview link ${value}.`;
  if (param === 'slug') return `No published article at "${value}".`;
  if (param === 'n') return `No revision ${value}.`;
  if (segment === 'media') return `No image with id ${value}.`;
  return `No ${segment === 'comments' ? 'comment' : 'article'} with id ${value}.`;
}

function definedValues(
  source: Record<string, string | undefined> | null | undefined,
): Record<string, string> {
  // A null-prototype map: a parameter named __proto__ or constructor is just a parameter.
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(source ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

function lowercaseKeys(
  source: Record<string, string | undefined> | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const [key, value] of Object.entries(source ?? {}))
    if (value !== undefined) out[key.toLowerCase()] = value;
  return out;
}
