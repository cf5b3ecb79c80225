/**
 * The comments widget's files, named once: `npm start` (local/embed.ts) and the console's
 * distribution (constructs/console.ts) serve them alike. Pages name the stable loader, which
 * imports a versioned module; the loader is cached briefly, a version for a year.
 */
export const EMBED_LOADER = 'comments.js';
/** A versioned module's name: `comments.<12 hex digits of its content hash>.js`. */
export const VERSIONED_EMBED = /^comments\.[0-9a-f]{12}\.js$/;
/** A new build reaches pages within this long (and at once where the deploy invalidates it). */
export const LOADER_CACHE_SECONDS = 300;
export const VERSION_CACHE_SECONDS = 365 * 24 * 3600;
