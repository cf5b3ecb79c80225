import { ACCESS_LEVELS, type Access } from './schemas/facts.ts';
import { oneOfOr } from './store/parse.ts';

/**
 * Access levels as the CMS applies them (zod-free: the lean public reads use it). The CMS labels a
 * story; the newsroom's frontend decides what a reader sees. See docs/access.md.
 */

/** A story neither its editor nor its section says anything about is free to read. */
export const DEFAULT_ACCESS: Access = 'free';

/**
 * The one rule for a new story's access: the editor's choice, else its section's default, else
 * free. Applied once, when the story is created (and imported), and stored: a section default
 * changed later does not silently move stories already written, live or not.
 */
export const resolveAccess = (explicit: Access | undefined, sectionDefault: Access | undefined): Access =>
  explicit ?? sectionDefault ?? DEFAULT_ACCESS;

/**
 * Whether readers must sign in or subscribe to read the whole story: then feeds carry its summary
 * only (never the body, whatever the site's fullBodyInFeeds) and its jsonLd marks the paywalled part.
 * `registered` counts: a feed reader has no session, so a body behind a sign-in stays off feeds.
 */
export const isGated = (access: Access): boolean => access !== 'free';

/** Where a page marks a gated story's paywalled part, unless the site settings say otherwise. */
export const DEFAULT_PAYWALL_SELECTOR = '.paywall';

/** Access as stored: items written before it existed were free to read, and read so. */
export const readAccess = oneOfOr(ACCESS_LEVELS, DEFAULT_ACCESS);
