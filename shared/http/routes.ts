import { COMMENT_SUBMIT_ROUTES } from './routes/commentSubmit.ts';
import { DOCS_ROUTES } from './routes/docs.ts';
import { EDITORIAL_ROUTES } from './routes/editorial.ts';
import { MEDIA_ROUTES } from './routes/media.ts';
import { MODERATION_ROUTES } from './routes/moderation.ts';
import { PREVIEW_ROUTES } from './routes/preview.ts';
import { PUBLIC_READ_ROUTES } from './routes/publicRead.ts';

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
  ...COMMENT_SUBMIT_ROUTES,
  ...EDITORIAL_ROUTES,
  ...MEDIA_ROUTES,
  ...PREVIEW_ROUTES,
  ...MODERATION_ROUTES,
] as const;

export type Route = (typeof ROUTES)[number];
export type RouteId = Route['id'];

export function findRouteById<I extends RouteId>(id: I): Extract<Route, { id: I }> {
  const route = ROUTES.find((r) => r.id === id);
  if (!route) throw new Error(`No route ${id}`);
  return route as Extract<Route, { id: I }>;
}
