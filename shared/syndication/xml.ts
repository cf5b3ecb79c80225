/**
 * XML text, written by hand rather than through a library: feeds and sitemaps are a few fixed
 * shapes, and every piece of text that enters them goes through these three functions. Article text
 * is plain (never markup), so escaping is all it needs; what XML 1.0 cannot carry at all (control
 * characters, lone surrogates, U+FFFE/U+FFFF) is dropped rather than breaking the whole document.
 */

const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Only characters XML 1.0 allows. */
export const xmlChars = (value: string): string => value.replace(NOT_XML, '');

/** Text content of an element. */
export const xmlText = (value: string): string =>
  xmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An attribute value, for double quotes (single quotes escaped too, for any reader). */
export const xmlAttr = (value: string): string =>
  xmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;');

/**
 * A CDATA section: markup carried as text (an RSS item's HTML body). `]]>` cannot occur inside
 * one, so it is split across two sections.
 */
export const cdata = (value: string): string =>
  `<![CDATA[${xmlChars(value).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;

type Attributes = Record<string, string | number | undefined>;

const attributes = (attrs: Attributes) =>
  Object.entries(attrs)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${xmlAttr(String(value))}"`)
    .join('');

/**
 * An element whose content is already XML (children built by these functions): an empty one is
 * self-closed.
 */
export function element(name: string, attrs: Attributes, ...children: readonly (string | null)[]): string {
  const inner = children.filter((c): c is string => c !== null && c !== '').join('');
  return inner === '' ? `<${name}${attributes(attrs)}/>` : `<${name}${attributes(attrs)}>${inner}</${name}>`;
}

/** An element holding text, escaped; null (nothing) when the text is absent or empty. */
export function textElement(
  name: string,
  value: string | null | undefined,
  attrs: Attributes = {},
): string | null {
  if (value === null || value === undefined || value === '') return null;
  return `<${name}${attributes(attrs)}>${xmlText(value)}</${name}>`;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
