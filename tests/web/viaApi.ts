import { expect } from 'vitest';
import { sampleArticle, type TestApi } from '../support/api.ts';

/**
 * Articles set up over the API for a console test to open: quicker than the screens, and the
 * screens that make them are tested on their own.
 */

/** A sample draft by author `sub`, with `overrides`. */
export async function createViaApi(api: TestApi, sub: string, overrides: Record<string, unknown> = {}) {
  const token = await api.token('author', sub);
  const res = await api.request('POST', '/v1/admin/articles', { token, json: sampleArticle(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number; slug: string; title: string };
}

/** One workflow step by `sub` in `role`, on the article as it is now (its current ETag). */
export async function transitionViaApi(
  api: TestApi,
  id: string,
  role: 'author' | 'editor',
  sub: string,
  action: string,
  note?: string,
) {
  const token = await api.token(role, sub);
  const current = await api.request('GET', `/v1/admin/articles/${id}`, { token });
  const res = await api.request('POST', `/v1/admin/articles/${id}/transitions`, {
    token,
    headers: { 'if-match': current.headers.get('etag') ?? '' },
    json: { action, ...(note ? { note } : {}) },
  });
  expect(res.status, res.text).toBe(200);
}
