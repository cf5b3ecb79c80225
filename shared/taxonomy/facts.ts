/** Facts about sections, free of zod so the lean public bundle can read them. */

/** How deep the section tree goes: a root, its child and a grandchild. */
export const SECTION_MAX_DEPTH = 3;

/** Who may read a story: what a section gives its new stories unless the article says otherwise. */
export const ACCESS_LEVELS = ['free', 'registered', 'subscribers'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];
