/**
 * Escaping for text and attribute values. Everything the renderer writes from an article goes
 * through one of these: the article is data, never markup.
 */
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text content and (double-quoted) attribute values alike: all five specials are escaped. */
export function esc(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** ` name="value"`, escaped; nothing for an absent value. */
export function attr(name: string, value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : ` ${name}="${esc(String(value))}"`;
}
