/**
 * The zod-free side of rich text (see richText.ts for the schema and the documented shape): the
 * types, the limits, and turning what was stored or sent as a plain string into spans. The lean
 * public read bundle and the store's readers use these without loading a schema library.
 */
export type Mark = { type: 'bold' } | { type: 'italic' } | { type: 'link'; href: string; rel?: string };
export interface Span {
  text: string;
  marks: Mark[];
}

export const RICH_TEXT_LIMITS = {
  /** Spans in one piece of text: generous for a 10,000-character paragraph full of links. */
  spans: 500,
  spanText: 10_000,
  href: 2_048,
  rel: 100,
} as const;

/** The rels a link mark may carry. */
export const LINK_RELS = ['nofollow', 'noopener', 'noreferrer', 'sponsored', 'ugc', 'external'] as const;

/** A plain string is one span without marks; spans are kept as they are. */
export function toSpans(value: string | readonly Span[]): Span[] {
  if (typeof value === 'string') return [{ text: value, marks: [] }];
  return value.map((s) => ({ text: s.text, marks: s.marks ?? [] }));
}

/** The plain text of spans: what a search index, a comment rule or an excerpt reads. */
export const plainTextOf = (spans: readonly Span[]): string => spans.map((s) => s.text).join('');

/** A lone UTF-16 surrogate: not a character, and it breaks encoders and search indexes downstream. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const wellFormed = (s: string) => !LONE_SURROGATE.test(s);

/** Whitespace and controls, including the ones URL parsers silently strip (tab, CR, LF). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\u2028\u2029]/;

const LINK_PROTOCOLS = ['https:', 'http:', 'mailto:'] as const;

/** Whether an href is a link a reader can safely follow: http(s) to a host, or mailto an address. */
export function isSafeHref(value: string): boolean {
  if (CONTROL_OR_SPACE.test(value) || !wellFormed(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (!(LINK_PROTOCOLS as readonly string[]).includes(url.protocol)) return false;
  if (url.protocol === 'mailto:') return /^[^@/?#]+@[^@/?#]+/.test(url.pathname);
  return url.hostname.length > 0 && !url.username && !url.password;
}
