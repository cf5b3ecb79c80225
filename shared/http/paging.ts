import * as z from 'zod/mini';
import type { CursorCodec, PageKey } from '../store/cursor.ts';

/** `limit` and `cursor`, the same on every cursor-paged list. */
export const PAGE_LIMITS = { min: 1, max: 100, default: 20 } as const;

export const PageQuerySchema = z.object({
  limit: z.optional(
    z.string().check(z.regex(/^(100|[1-9][0-9]?)$/, { error: 'must be a whole number from 1 to 100' })),
  ),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048, { error: 'is too long' }))),
});

export interface PageRequest {
  limit: number;
  startKey: PageKey | undefined;
}

export interface Page<T> {
  items: T[];
  lastKey: PageKey | undefined;
}

/**
 * A cursor is bound to its list: the route, its path, its filters and the caller. One taken from
 * another list (or another user's) fails verification and is a 400.
 */
export function pageScope(routeId: string, path: string, filters: unknown, caller: string): string {
  return `${routeId}|${path}|${JSON.stringify(filters)}|${caller}`;
}

export function pageRequest(
  query: z.infer<typeof PageQuerySchema>,
  scope: string,
  cursors: CursorCodec,
): PageRequest {
  return {
    limit: query.limit === undefined ? PAGE_LIMITS.default : Number(query.limit),
    startKey: cursors.decode(query.cursor, scope),
  };
}

export function pageBody<T>(page: Page<T>, scope: string, cursors: CursorCodec) {
  return { items: page.items, nextCursor: cursors.encode(page.lastKey, scope) };
}
