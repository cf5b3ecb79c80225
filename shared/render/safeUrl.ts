/**
 * The one rule for every address the renderer writes into an href or a src: what a browser would
 * resolve it to must be https, http or mailto. A path on the page's own origin ("/media/...", how
 * the media library's renditions are given) resolves to the page's scheme and passes. Whitespace
 * and control characters anywhere are refused rather than trusted to the parser (which strips
 * some of them: "java\tscript:" is javascript:). Anything refused gives null, and the caller
 * writes text instead of a link or leaves the image out.
 */
const SCHEMES: ReadonlySet<string> = new Set(['https:', 'http:', 'mailto:']);
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/;
/** Stands in for the page's origin: only the scheme a relative address inherits matters here. */
const BASE = 'https://page.invalid/';
const MAX_LENGTH = 2048;

export function safeUrl(value: string | null | undefined): string | null {
  if (!value || value.length > MAX_LENGTH || CONTROL_OR_SPACE.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (!SCHEMES.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  return value;
}

/**
 * A srcset with each candidate's URL through safeUrl; a candidate that is not `<url> <n>w` or
 * `<url> <n>x`, or whose URL fails, is left out. Null when none is left.
 */
export function safeSrcset(value: string | null | undefined): string | null {
  if (!value) return null;
  const candidates = value
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/))
    .filter(
      (parts): parts is [string, string] =>
        parts.length === 2 && /^\d+(\.\d+)?[wx]$/.test(parts[1] ?? '') && safeUrl(parts[0]) !== null,
    )
    .map(([url, descriptor]) => `${url} ${descriptor}`);
  return candidates.length > 0 ? candidates.join(', ') : null;
}
