import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { hasAnyRole, type Principal, principalFromClaims } from '../auth/principal.ts';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors.ts';
import { problemResponse } from './problem.ts';
import type { HttpResponse } from './response.ts';
import { type ApiFunctionName, findRoute, type Route, type RouteIdOf } from './routes.ts';

/** What an operation gets: the matched route, the caller, and the request's parts. */
export interface Request {
  route: Route;
  principal: Principal | null;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** Header names lowercased. */
  headers: Record<string, string>;
  body: string | null;
  requestId: string;
  /** The client's address as API Gateway saw it; only ever stored as a keyed hash. */
  sourceIp: string;
}

/** An operation behind an authenticated route always has a principal. */
export interface AuthedRequest extends Request {
  principal: Principal;
}

export type Operation<R extends Request = Request> = (request: R) => Promise<HttpResponse>;

/** Public routes get a Request; every other route gets an AuthedRequest. */
export type Operations<F extends ApiFunctionName> = {
  [K in RouteIdOf<F>]: Operation<
    Extract<Route, { id: K }>['access'] extends 'public' ? Request : AuthedRequest
  >;
};

/**
 * Builds a Lambda handler for one function group: matches `event.resource` against the route
 * table, enforces the route's roles (defence in depth behind the Cognito authorizer), runs the
 * operation and turns any error into a problem document. The compiler checks that every route
 * of the group has an operation.
 */
export function createHandler<F extends ApiFunctionName>(fn: F, operations: Operations<F>) {
  return async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
    const requestId = event.requestContext?.requestId ?? 'unknown';
    try {
      const route = findRoute(event.httpMethod, event.resource);
      if (!route || route.fn !== fn) throw new NotFoundError(`No route ${event.httpMethod} ${event.path}.`);
      const principal = principalFromClaims(event.requestContext?.authorizer?.claims);
      if (route.access !== 'public') {
        if (!principal) throw new UnauthorizedError('Sign in: this route needs a bearer token.');
        if (!hasAnyRole(principal, route.access)) {
          throw new ForbiddenError(`This route is for the roles ${[...route.access, 'admin'].join(', ')}.`);
        }
      }
      const operation = operations[route.id as RouteIdOf<F>] as Operation<Request>;
      return await operation({
        route,
        principal,
        params: definedValues(event.pathParameters),
        query: definedValues(event.queryStringParameters),
        headers: lowercaseKeys(event.headers),
        body:
          event.body && event.isBase64Encoded
            ? Buffer.from(event.body, 'base64').toString('utf8')
            : event.body,
        requestId,
        sourceIp: event.requestContext?.identity?.sourceIp ?? '',
      });
    } catch (error) {
      return problemResponse(error, requestId);
    }
  };
}

function definedValues(
  source: Record<string, string | undefined> | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source ?? {})) if (value !== undefined) out[key] = value;
  return out;
}

function lowercaseKeys(
  source: Record<string, string | undefined> | null | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(source ?? {}))
    if (value !== undefined) out[key.toLowerCase()] = value;
  return out;
}
