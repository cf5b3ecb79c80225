/**
 * The one gate for every address the console puts in an href or a src: what the browser would
 * resolve it to must be http, https or mailto. Anything else (javascript:, data:, vbscript:, blob:,
 * file:, and the same spelt with tabs, newlines or mixed case, which the URL parser folds) gives
 * undefined, and the caller shows text instead of a link or an image. Relative paths resolve
 * against the page, so the console's own paths (/media/..., /articles/...) pass.
 */
const SCHEMES: ReadonlySet<string> = new Set(['https:', 'http:', 'mailto:']);
/** The page's base URL (the module is also loaded by Node's tests, which pass a base). */
const pageBase = () => (globalThis as { document?: { baseURI: string } }).document?.baseURI;

export function safeUrl(value: string | null | undefined, base?: string): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value, base ?? pageBase());
  } catch {
    return undefined;
  }
  return SCHEMES.has(url.protocol) ? value : undefined;
}

/**
 * A srcset from renditions, each address through safeUrl; one that fails is left out (an empty
 * set gives undefined, so the img falls back to its src).
 */
export function safeSrcset(renditions: readonly { url: string; width: number }[]): string | undefined {
  const kept = renditions.flatMap((r) => {
    const url = safeUrl(r.url);
    return url ? [`${url} ${r.width}w`] : [];
  });
  return kept.length ? kept.join(', ') : undefined;
}
