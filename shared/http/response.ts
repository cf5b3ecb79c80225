import type { APIGatewayProxyResult } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyResult & { headers: Record<string, string> };

/**
 * On every response. Tokens travel in the Authorization header, never in cookies, so any origin
 * may read responses (a frontend on its own domain); the headers clients need are exposed.
 */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Location, Retry-After',
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode: status,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
    body: JSON.stringify(body),
  };
}

export function empty(status: 204 | 304, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode: status,
    headers: { ...BASE_HEADERS, 'Cache-Control': 'no-store', ...headers },
    body: '',
  };
}

export const etagOf = (version: number) => `"${version}"`;
