import type { APIGatewayProxyResult } from 'aws-lambda';

export type HttpResponse = APIGatewayProxyResult & { headers: Record<string, string> };

/** On every response. CORS headers are added by the dispatcher per route (see cors.ts). */
export const BASE_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
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

/** A document that is not JSON (a feed, a sitemap), as UTF-8 text of its type. */
export function document(
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    statusCode: status,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': `${type}; charset=utf-8`,
      'Cache-Control': 'no-store',
      ...headers,
    },
    body,
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
