import * as z from 'zod/mini';
import { isoTimestamp } from './text.ts';

/** An earlier address of a live article that answers 301 to its current one (docs/slugs.md). */
export const SlugRedirectSchema = z.object({
  /** The old slug; its claim stays with the article, so no other article can take it. */
  from: z.string(),
  /** When it started redirecting (the publication that moved the article). */
  createdAt: isoTimestamp,
});
export type SlugRedirect = z.infer<typeof SlugRedirectSchema>;

/** The working copy's addresses, besides `slug` (what its next publication uses). */
export const ADDRESS_FIELDS = {
  /**
   * The slug readers have (or had, while it is dark): `slug` differs from it from a slug change
   * until that is published. Null before first publication.
   */
  liveSlug: z.nullable(z.string()),
  /** Earlier slugs answering 301 to liveSlug, newest first (empty while never moved). */
  redirects: z.array(SlugRedirectSchema),
};
