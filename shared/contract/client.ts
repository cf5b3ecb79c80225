import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './types.ts';

/**
 * The typed client for frontends, the console and the API tests: openapi-fetch over the types
 * openapi-typescript generates from the served document, so a call that does not match the
 * contract (a path, a parameter, a body field) fails to compile. About 6 KB in a browser.
 *
 *   const api = createApiClient({ baseUrl: 'http://localhost:3000' });
 *   const { data, error } = await api.GET('/v1/articles/{slug}', { params: { path: { slug } } });
 */
export type ApiClient = Client<paths>;
export type { components, operations } from './types.ts';
export type { paths };

export interface ApiClientOptions {
  /** Where the API lives: `http://localhost:3000`, a stage's ApiUrl, or '' for the same origin. */
  baseUrl: string;
  /** The bearer token to send, read before every request (so a refreshed token is picked up). */
  token?: () => string | undefined | null;
  fetch?: typeof globalThis.fetch;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.token) {
    const token = options.token;
    const auth: Middleware = {
      onRequest({ request }) {
        const value = token();
        if (value) request.headers.set('Authorization', `Bearer ${value}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

/** The version an answer carries in its ETag, to send back in If-Match. */
export const ifMatch = (response: Response): string => response.headers.get('ETag') ?? '';
