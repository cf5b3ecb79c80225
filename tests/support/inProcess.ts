import type { GatewayRequest } from '../../infra/local/gateway.ts';
import { assertDeclared } from './declared.ts';

/**
 * One API request handed to the local gateway in this process (RunningCms.dispatch) instead of over
 * a socket: for tests that send thousands (the fuzz), where fetch and the HTTP server were much of
 * the CPU. What reaches the gateway is what fetch would have put on the wire: the URL and headers
 * normalized by a Request (dot segments resolved, values trimmed, a string body's default
 * content type, lone surrogates sent as U+FFFD), plus the headers fetch adds when it sends.
 */
export async function requestInProcess(
  dispatch: (request: GatewayRequest) => Promise<{ statusCode: number; headers?: object; body: string }>,
  baseUrl: string,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Headers; body: any; text: string }> {
  const request = new Request(`${baseUrl}${path}`, {
    method,
    headers: options.headers ?? {},
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  const url = new URL(request.url);
  const body = Buffer.from(await request.arrayBuffer());
  const headers: Record<string, string[]> = {
    host: [url.host],
    connection: ['keep-alive'],
  };
  for (const [name, value] of request.headers) headers[name] = [value];
  headers.accept ??= ['*/*'];
  headers['accept-language'] ??= ['*'];
  headers['sec-fetch-mode'] ??= ['cors'];
  headers['user-agent'] ??= ['node'];
  headers['accept-encoding'] ??= ['gzip, deflate'];
  // fetch sends a conditional request uncached (its cache mode becomes no-store).
  if (
    ['if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since', 'if-range'].some(
      (h) => h in headers,
    )
  ) {
    headers.pragma ??= ['no-cache'];
    headers['cache-control'] ??= ['no-cache'];
  }
  if (body.length > 0) headers['content-length'] = [String(body.length)];
  const result = await dispatch({
    method,
    url: `${url.pathname}${url.search}`,
    headers,
    body: async () => body,
    sourceIp: '127.0.0.1',
  });
  assertDeclared(method, path, result.statusCode);
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(result.headers ?? {})) responseHeaders.set(name, String(value));
  // As the socket would carry it: no body on a 204 or 304 (gateway.ts, send).
  const text = result.statusCode === 204 || result.statusCode === 304 ? '' : result.body;
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the text
  }
  return { status: result.statusCode, headers: responseHeaders, body: parsed as any, text };
}
