import { expect } from 'vitest';
import type { ApiClient, components } from '../../shared/contract/client.ts';
import { sampleArticle } from './api.ts';

export type ArticleView = components['schemas']['Article'];
type ArticleCreate = components['schemas']['ArticleCreate'];
type Transition = components['schemas']['Transition'];

/**
 * The article steps most tests start from, through the typed client frontends use, so the tests
 * exercise the contract as it is generated (a drifting schema breaks their compilation first).
 * Tests that send hostile or malformed requests use the raw `api.request` instead.
 */
export async function createDraft(client: ApiClient, overrides: Partial<ArticleCreate> = {}) {
  const { data, error, response } = await client.POST('/v1/admin/articles', {
    body: { ...(sampleArticle() as ArticleCreate), ...overrides },
  });
  expect(response.status, JSON.stringify(error)).toBe(201);
  return data as ArticleView;
}

export async function transition(
  client: ApiClient,
  article: Pick<ArticleView, 'id' | 'version'>,
  action: Transition['action'],
  extra: Omit<Transition, 'action'> = {},
) {
  const { data, error, response } = await client.POST('/v1/admin/articles/{id}/transitions', {
    params: { path: { id: article.id }, header: { 'If-Match': `"${article.version}"` } },
    body: { action, ...extra },
  });
  expect(response.status, JSON.stringify(error)).toBe(200);
  return data as ArticleView;
}

/** Walks a fresh draft through the given steps, each by its own client (author, editor...). */
export async function walk(
  steps: readonly (readonly [ApiClient, Transition['action']])[],
  draft: ArticleView,
): Promise<ArticleView> {
  let article = draft;
  for (const [client, action] of steps) article = await transition(client, article, action);
  return article;
}

/** Submitted by its author, approved and published by an editor: the usual way to go live. */
export function publish(
  article: ArticleView,
  by: { author: ApiClient; editor: ApiClient },
): Promise<ArticleView> {
  return walk(
    [
      [by.author, 'submit'],
      [by.editor, 'approve'],
      [by.editor, 'publish'],
    ],
    article,
  );
}
