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

/** An HTML page: a refusal answered to a browser (problemPage below). */
export function html(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode: status,
    headers: {
      ...BASE_HEADERS,
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      ...headers,
    },
    body,
  };
}

const escapeText = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A problem answered to a browser (a route that serves a page): the same status and words as the
 * problem document, as a bare page that loads and runs nothing.
 */
export function problemPage(problem: HttpResponse): HttpResponse {
  let title = 'Error';
  let detail = '';
  try {
    const parsed = JSON.parse(problem.body) as { title?: unknown; detail?: unknown };
    if (typeof parsed.title === 'string') title = parsed.title;
    if (typeof parsed.detail === 'string') detail = parsed.detail;
  } catch {
    // A body that is not a problem document: the status line says enough.
  }
  const { 'Content-Type': _type, ...headers } = problem.headers;
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${escapeText(title)}</title></head>
<body><main><h1>${escapeText(title)}</h1><p>${escapeText(detail)}</p></main></body></html>
`;
  return html(problem.statusCode, page, {
    ...headers,
    'Content-Security-Policy': "default-src 'none'; base-uri 'none'; form-action 'none'",
    'X-Robots-Tag': 'noindex, nofollow',
  });
}
