import { type DOMOutputSpec, Fragment, type Node, DOMParser as PMParser, Schema } from 'prosemirror-model';
import { isSafeHref, LINK_RELS, RICH_TEXT_LIMITS } from '../../../shared/schemas/spans.ts';
import { safeUrl } from '../safeUrl.ts';

/**
 * The editor's document model is the API's rich-text model, block for block and mark for mark
 * (shared/schemas/article.ts, richText.ts): paragraph, heading 2-4, quote (words before, the quoted
 * words, words after, attribution), list (ordered or not, each item one piece of rich text), image,
 * embed; bold, italic, link. Nothing else can exist in it, so convert.ts maps it to and from the
 * API's JSON without loss. `stored` on a block is the API block it was read from: sent back as it
 * was while the block is unchanged (byte for byte, spans and key order included).
 */
const stored = { stored: { default: null } };

/** A quote's parts, each its own line of the quote block; the label names it for every reader. */
const quotePart = (cls: string, label: string, marks?: string) => ({
  content: marks === '' ? 'text*' : 'inline*',
  ...(marks === undefined ? {} : { marks }),
  parseDOM: [{ tag: `p.${cls}`, priority: 60 }],
  toDOM: (): DOMOutputSpec => ['p', { class: cls, 'data-label': label }, 0],
});

/** A link's rel as given, kept only when the API would take it. */
function relOf(value: string | null | undefined): string | null {
  if (!value) return null;
  const tokens = value.trim().split(/\s+/);
  const known = tokens.every((t) => (LINK_RELS as readonly string[]).includes(t));
  return known && new Set(tokens).size === tokens.length ? tokens.join(' ') : null;
}

/** Whether an href may become a link mark: the API's own rule (and its length limit). */
export const acceptableHref = (href: string) => href.length <= RICH_TEXT_LIMITS.href && isSafeHref(href);

/** JSON in a data attribute of the editor's own clipboard HTML, read back without trusting it. */
function jsonAttr(value: string | null): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(value ?? '');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
const str = (v: unknown, fallback: string | null) => (typeof v === 'string' ? v : fallback);

export const schema: Schema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: {
      group: 'block',
      content: 'inline*',
      attrs: stored,
      parseDOM: [{ tag: 'p' }],
      toDOM: () => ['p', 0],
    },
    heading: {
      group: 'block',
      content: 'inline*',
      defining: true,
      attrs: { level: { default: 2 }, ...stored },
      parseDOM: [
        { tag: 'h1', attrs: { level: 2 } },
        { tag: 'h2', attrs: { level: 2 } },
        { tag: 'h3', attrs: { level: 3 } },
        { tag: 'h4', attrs: { level: 4 } },
        { tag: 'h5', attrs: { level: 4 } },
        { tag: 'h6', attrs: { level: 4 } },
      ],
      toDOM: (node) => [`h${node.attrs.level}`, 0],
    },
    quote: {
      group: 'block',
      content: 'quote_before quote_text quote_after quote_attribution',
      defining: true,
      attrs: stored,
      parseDOM: [
        {
          tag: 'blockquote',
          // Pasted quotes arrive as their words (paste.ts flattens them); the editor's own copy has its parts.
          getContent: (dom, s) => quoteContentOf(dom as DomElement, s),
        },
      ],
      toDOM: () => ['blockquote', { class: 'pm-quote' }, 0],
    },
    quote_before: quotePart('q-before', 'Words before the quote (optional)'),
    quote_text: quotePart('q-text', 'The quoted words'),
    quote_after: quotePart('q-after', 'Words after the quote (optional)'),
    quote_attribution: quotePart('q-attr', 'Who said it (optional)', ''),
    list: {
      group: 'block',
      content: 'list_item+',
      attrs: { ordered: { default: false }, ...stored },
      parseDOM: [
        { tag: 'ul', attrs: { ordered: false } },
        { tag: 'ol', attrs: { ordered: true } },
      ],
      toDOM: (node) => [node.attrs.ordered ? 'ol' : 'ul', 0],
    },
    list_item: {
      content: 'inline*',
      defining: true,
      parseDOM: [{ tag: 'li' }],
      toDOM: () => ['li', 0],
    },
    image: {
      group: 'block',
      atom: true,
      draggable: true,
      selectable: true,
      attrs: {
        mediaId: { default: null },
        src: { default: '' },
        alt: { default: '' },
        caption: { default: null },
        ...stored,
      },
      parseDOM: [
        {
          tag: 'figure[data-image]',
          getAttrs: (dom) => {
            const a = jsonAttr(dom.getAttribute('data-image'));
            if (!a) return false;
            return {
              mediaId: str(a.mediaId, null),
              src: str(a.src, ''),
              alt: str(a.alt, ''),
              caption: str(a.caption, null),
            };
          },
        },
      ],
      // Only for the clipboard: the view draws it with nodeViews.tsx.
      toDOM: (node) => {
        const { mediaId, src, alt, caption } = node.attrs;
        return ['figure', { 'data-image': JSON.stringify({ mediaId, src, alt, caption }) }];
      },
    },
    embed: {
      group: 'block',
      atom: true,
      draggable: true,
      selectable: true,
      attrs: { url: { default: '' }, ...stored },
      parseDOM: [
        {
          tag: 'div[data-embed]',
          getAttrs: (dom) => ({ url: dom.getAttribute('data-embed') ?? '' }),
        },
      ],
      toDOM: (node) => ['div', { 'data-embed': node.attrs.url }],
    },
    text: { group: 'inline' },
  },
  // The order is the rank: a span's marks come out bold, italic, link, as the console always sent them.
  marks: {
    bold: {
      parseDOM: [
        { tag: 'strong' },
        // paste.ts has turned styles into elements (and unwrapped Docs' "normal" <b>) before this reads.
        { tag: 'b' },
        { style: 'font-weight', getAttrs: (value: string) => /^(bold(er)?|[6-9]00)$/.test(value) && null },
      ],
      toDOM: () => ['strong', 0],
    },
    italic: {
      parseDOM: [{ tag: 'em' }, { tag: 'i' }, { style: 'font-style=italic' }],
      toDOM: () => ['em', 0],
    },
    link: {
      attrs: { href: {}, rel: { default: null } },
      inclusive: false,
      parseDOM: [
        {
          tag: 'a[href]',
          getAttrs: (dom) => {
            const href = dom.getAttribute('href') ?? '';
            if (!acceptableHref(href)) return false;
            // A page's own rel (noopener, say) means nothing in an article: only the editor's own copy keeps one.
            return { href, rel: relOf(dom.getAttribute('data-rel')) };
          },
        },
      ],
      // Never an unsafe href: what the API would refuse is shown as text, not a link.
      toDOM: (mark) => {
        const href = String(mark.attrs.href);
        if (!acceptableHref(href) || !safeUrl(href)) return ['span', { class: 'blocked-link' }, 0];
        return [
          'a',
          {
            href,
            title: href,
            target: '_blank',
            rel: 'noopener noreferrer',
            ...(mark.attrs.rel ? { 'data-rel': mark.attrs.rel } : {}),
          },
          0,
        ];
      },
    },
  },
});

/** What this module reads of a DOM element (it is also compiled, for the unit tests, without the DOM's types). */
type DomNode = Parameters<PMParser['parse']>[0];
type DomElement = DomNode & {
  querySelector(selector: string): DomNode | null;
  getAttribute(name: string): string | null;
};

/** A blockquote's parts: the editor's own (p.q-*) when present, else all its words as the quoted text. */
function quoteContentOf(dom: DomElement, s: Schema): Fragment {
  const parser = PMParser.fromSchema(s);
  const part = (name: string, el: DomNode | null): Node => {
    const type = s.nodes[name];
    if (!type) throw new Error(`no ${name} in the schema`);
    return el ? parser.parse(el, { topNode: type.create() }) : type.create();
  };
  const own = (cls: string) => dom.querySelector(`:scope > p.${cls}`);
  if (own('q-text')) {
    return Fragment.from([
      part('quote_before', own('q-before')),
      part('quote_text', own('q-text')),
      part('quote_after', own('q-after')),
      part('quote_attribution', own('q-attr')),
    ]);
  }
  const attribution = dom.getAttribute('data-attribution');
  const who = s.nodes.quote_attribution;
  return Fragment.from([
    part('quote_before', null),
    part('quote_text', dom),
    part('quote_after', null),
    who && attribution ? who.create(null, s.text(attribution)) : part('quote_attribution', null),
  ]);
}
