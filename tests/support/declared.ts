import { impliedProblems, ROUTES, type RouteDefinition } from '../../shared/http/routes.ts';

/**
 * The statuses each route declares (success, 304 where conditional, and every problem status its
 * declaration implies or lists). The test clients check every answer against it, so an operation
 * that can answer a status its contract does not list fails the test that provokes it.
 */
const compiled = (ROUTES as readonly RouteDefinition[]).map((route) => ({
  route,
  pattern: new RegExp(`^${route.path.replace(/\{(\w+)\}/g, '[^/]+')}$`),
}));

export function declaredStatuses(route: RouteDefinition): number[] {
  return [route.ok.status, ...(route.conditional ? [304] : []), ...impliedProblems(route)];
}

export function routeFor(method: string, pathname: string): RouteDefinition | undefined {
  return compiled.find((c) => c.route.method === method && c.pattern.test(pathname))?.route;
}

export function assertDeclared(method: string, url: string, status: number): void {
  const route = routeFor(method, new URL(url, 'http://localhost').pathname);
  if (!route) return;
  if (!declaredStatuses(route).includes(status)) {
    throw new Error(
      `${route.id} (${method} ${url}) answered ${status}, which its declaration in shared/http/routes does not list (${declaredStatuses(route).join(', ')}).`,
    );
  }
}
