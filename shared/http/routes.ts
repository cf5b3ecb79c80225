import type * as core from 'zod/v4/core';
import { PageQuerySchema } from './paging.ts';
import { AUTHOR_ADMIN_ROUTES, AUTHOR_PUBLIC_ROUTES } from './routes/authors.ts';
import { COMMENT_SUBMIT_ROUTES } from './routes/commentSubmit.ts';
import type { RouteDefinition } from './routes/define.ts';
import { DESK_ROUTES } from './routes/desk.ts';
import { DOCS_ROUTES } from './routes/docs.ts';
import { EDITORIAL_ROUTES } from './routes/editorial.ts';
import { FRONT_ROUTES } from './routes/fronts.ts';
import { LIVE_PUBLIC_ROUTES, LIVE_ROUTES } from './routes/live.ts';
import { MEDIA_ROUTES } from './routes/media.ts';
import { MODERATION_ROUTES } from './routes/moderation.ts';
import { PREVIEW_ROUTES } from './routes/preview.ts';
import { PUBLIC_FRONT_ROUTES } from './routes/publicFronts.ts';
import { PUBLIC_READ_ROUTES } from './routes/publicRead.ts';
import { SITE_SETTINGS_ROUTES } from './routes/site.ts';
import { TAXONOMY_ADMIN_ROUTES } from './routes/taxonomy.ts';
import { TAXONOMY_PUBLIC_ROUTES } from './routes/taxonomyPublic.ts';

export * from './routes/define.ts';

/**
 * The route table, written once, one module per function so each Lambda bundles only its own
 * routes (and schemas). CDK builds the REST API from it (infra/constructs/api.ts), the local
 * gateway routes by it, the OpenAPI document is generated from it, each Lambda dispatches by it
 * and a test checks the synthesized template against it. Paths use API Gateway's `{param}`
 * syntax, which is also what a Lambda sees as `event.resource`.
 */
export const ROUTES = [
  ...DOCS_ROUTES,
  ...PUBLIC_READ_ROUTES,
  ...LIVE_PUBLIC_ROUTES,
  ...AUTHOR_PUBLIC_ROUTES,
  ...COMMENT_SUBMIT_ROUTES,
  ...EDITORIAL_ROUTES,
  ...DESK_ROUTES,
  ...MEDIA_ROUTES,
  ...PREVIEW_ROUTES,
  ...MODERATION_ROUTES,
  ...SITE_SETTINGS_ROUTES,
  ...FRONT_ROUTES,
  ...PUBLIC_FRONT_ROUTES,
  ...LIVE_ROUTES,
  ...TAXONOMY_PUBLIC_ROUTES,
  ...TAXONOMY_ADMIN_ROUTES,
  ...AUTHOR_ADMIN_ROUTES,
] as const;

export type Route = (typeof ROUTES)[number];
export type RouteId = Route['id'];

export function findRouteById<I extends RouteId>(id: I): Extract<Route, { id: I }> {
  const route = ROUTES.find((r) => r.id === id);
  if (!route) throw new Error(`No route ${id}`);
  return route as Extract<Route, { id: I }>;
}

/**
 * Every query parameter a cacheable GET reads (its filters, and `limit` and `cursor` on a paged
 * list): the CDN's cache key takes exactly these, so `?utm_source=...` and other parameters the API
 * ignores share one cached copy instead of each reaching the function. Read from the route table,
 * so a new filter joins the key where it is declared.
 */
export function cachedQueryParameters(routes: readonly RouteDefinition[] = ROUTES): string[] {
  const names = new Set<string>();
  for (const route of routes) {
    if (route.method !== 'GET' || route.ok.cache === undefined) continue;
    for (const name of Object.keys(objectShape(route.query))) names.add(name);
    if (route.paged) for (const name of Object.keys(PageQuerySchema.shape)) names.add(name);
  }
  return [...names].sort();
}

/** The fields of an object schema (a query is one), or none. */
function objectShape(schema: core.$ZodType | undefined): Record<string, unknown> {
  const def = schema?._zod.def as { type?: string; shape?: Record<string, unknown> } | undefined;
  if (schema && def?.type !== 'object') throw new Error('A route query must be an object schema');
  return def?.shape ?? {};
}
