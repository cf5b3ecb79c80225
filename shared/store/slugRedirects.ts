import { keys } from './keys.ts';

/**
 * An article's earlier slugs (docs/slugs.md). At each one's live key, while the article is live
 * elsewhere, an item that says where it went: the public read stays one GetItem, a snapshot or
 * this. `redirectTo` is always the current slug (a publication that moves the article again
 * rewrites every one), so a chain is one hop. Its `type` tells stream readers it is no snapshot.
 */
const SLUG_REDIRECT = 'slugRedirect';

export function slugRedirectOf(from: string, to: string, articleId: string, createdAt: string) {
  return { ...keys.liveSnapshot(from), type: SLUG_REDIRECT, redirectTo: to, articleId, createdAt };
}

/** Whether an item at a live key is a redirect rather than a snapshot. */
export const isSlugRedirect = (item: Record<string, unknown> | undefined): boolean =>
  item?.type === SLUG_REDIRECT;
