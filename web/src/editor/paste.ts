import { Fragment, type Schema, Slice } from 'prosemirror-model';

/**
 * Paste from where reporters write. Google Docs, Microsoft Word and web pages put HTML on the
 * clipboard; this reduces it to what the article model holds (paragraphs, headings, bold, italic,
 * links, lists, quotes) before the schema's parser reads it, and drops the rest: fonts, colours,
 * Docs' `<b style="font-weight:normal" id="docs-internal-guid-…">` wrapper, Word's `mso-` styles,
 * `<o:p>` and comments, images (tracking pixels included), scripts and page furniture.
 */

/** Elements dropped with all they contain. */
const DROP =
  'script, style, meta, link, title, template, noscript, iframe, object, embed, img, picture, svg, video, audio, canvas, map, button, input, select, textarea, form, nav, aside, footer:not(blockquote footer), figure:not([data-image]), del, xml, .MsoCommentReference, .MsoCommentText, .msocomanchor, .msocomtxt, .msocomoff, [data-paste-style*="mso-element:comment"], [data-paste-style*="mso-comment"]';
/** The only attributes kept; the schema's parse rules read nothing else. */
const KEEP_ATTRS = new Set([
  'href',
  'data-pm-slice',
  'data-image',
  'data-embed',
  'data-rel',
  'data-attribution',
]);
const OWN_CLASS = /^q-(before|text|after|attr)$/;
const BLOCKS = 'p, div, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, table, tr, section, article, header';

function unwrap(el: Element) {
  el.replaceWith(...el.childNodes);
}

/** Wraps an element's children in a new element of `tag` (a style that means bold or italic). */
function wrapChildren(el: Element, tag: string) {
  const wrapper = el.ownerDocument.createElement(tag);
  wrapper.append(...el.childNodes);
  el.append(wrapper);
}

function removeComments(root: Node) {
  const walker = root.ownerDocument?.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker?.nextNode()) comments.push(walker.currentNode);
  for (const c of comments) c.parentNode?.removeChild(c);
}

/**
 * Word writes a list as paragraphs with `mso-list` in their style, each starting with its bullet
 * or number in a `mso-list:Ignore` span: runs of them become a real list, numbered when the
 * marker is a number or a letter.
 */
function wordLists(body: HTMLElement) {
  const items = [...body.querySelectorAll<HTMLElement>('p[data-paste-style*="mso-list"]')];
  let list: HTMLElement | null = null;
  for (const p of items) {
    const marker = p.querySelector(
      '[data-paste-style*="mso-list:Ignore"], [data-paste-style*="mso-list: Ignore"]',
    );
    const ordered = /^\s*[0-9a-z]{1,3}[.)]/i.test(marker?.textContent ?? '');
    marker?.remove();
    if (!(list && p.previousElementSibling === list && list.tagName === (ordered ? 'OL' : 'UL'))) {
      list = body.ownerDocument.createElement(ordered ? 'ol' : 'ul');
      p.before(list);
    }
    const li = body.ownerDocument.createElement('li');
    li.append(...p.childNodes);
    list.append(li);
    p.remove();
  }
}

/**
 * Inline styles, renamed before the HTML is parsed: a document parsed in the console's page
 * inherits its Content-Security-Policy (no inline styles), which would refuse each style attribute
 * and `<style>` element with a violation report (and leave el.style empty). The rules read the
 * renamed attribute as text.
 */
const STYLE = 'data-paste-style';
const renameStyles = (html: string) =>
  html
    .replace(/<style[\s>][\s\S]*?<\/style\s*>/gi, '')
    .replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/(\s)style(\s*=)/gi, `$1${STYLE}$2`));

/** An element's inline style as written, property to value. */
function styleOf(el: Element): Map<string, string> {
  const style = new Map<string, string>();
  for (const declaration of (el.getAttribute(STYLE) ?? '').split(';')) {
    const at = declaration.indexOf(':');
    if (at > 0)
      style.set(
        declaration.slice(0, at).trim().toLowerCase(),
        declaration
          .slice(at + 1)
          .trim()
          .toLowerCase(),
      );
  }
  return style;
}

/** Styles that carry meaning become elements; bold that says "normal" (Docs' wrapper) is no bold. */
function stylesToElements(body: HTMLElement) {
  for (const el of [...body.querySelectorAll(`[${STYLE}]`)]) {
    const style = styleOf(el);
    const weight = style.get('font-weight') ?? '';
    const tag = el.tagName;
    if ((tag === 'B' || tag === 'STRONG') && /^(normal|[1-4]00)$/.test(weight)) {
      unwrap(el);
      continue;
    }
    if (el.matches(BLOCKS)) continue;
    if (tag !== 'B' && tag !== 'STRONG' && /^(bold(er)?|[6-9]00)$/.test(weight)) wrapChildren(el, 'strong');
    if (tag !== 'I' && tag !== 'EM' && style.get('font-style') === 'italic') wrapChildren(el, 'em');
  }
}

/** A quote's words as inline content, and its credit (a footer or cite at its end) as its attribution. */
function flattenQuotes(body: HTMLElement) {
  for (const quote of [...body.querySelectorAll('blockquote')]) {
    if (quote.querySelector(':scope > p.q-text')) continue;
    const credit = quote.querySelector(':scope > footer, :scope > cite, :scope > p > cite:only-child');
    if (credit) {
      const who = (credit.textContent ?? '').replace(/^[\s—–―-]+/, '').trim();
      if (who) quote.setAttribute('data-attribution', who);
      (credit.parentElement?.tagName === 'P' && credit.parentElement !== quote
        ? credit.parentElement
        : credit
      ).remove();
    }
    for (const block of [...quote.querySelectorAll(BLOCKS)]) {
      block.after(quote.ownerDocument.createTextNode(' '));
      unwrap(block);
    }
  }
}

/** The clipboard's HTML reduced to what the schema reads. Runs in the browser (DOMParser). */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(renameStyles(html), 'text/html');
  const body = doc.body;
  removeComments(doc);
  // Word's quote styles are its quotes; its title is the top heading.
  for (const p of [...body.querySelectorAll('p.MsoQuote, p.MsoIntenseQuote')]) {
    const quote = doc.createElement('blockquote');
    quote.append(...p.childNodes);
    p.replaceWith(quote);
  }
  for (const p of [...body.querySelectorAll('p.MsoTitle')]) {
    const h = doc.createElement('h1');
    h.append(...p.childNodes);
    p.replaceWith(h);
  }
  for (const el of [...body.querySelectorAll(DROP)]) el.remove();
  // Word's <o:p> (an empty paragraph mark) and Docs' wrapper carry nothing of the text.
  for (const el of [...body.getElementsByTagName('o:p')]) el.remove();
  for (const el of [...body.querySelectorAll('b[id^="docs-internal-guid"]')]) unwrap(el);
  // Hidden text (Word's and web pages' display:none) is not part of what the reporter copied.
  for (const el of [...body.querySelectorAll(`[${STYLE}]`)])
    if (styleOf(el).get('display') === 'none') el.remove();
  wordLists(body);
  stylesToElements(body);
  // A heading is bold by nature: bold inside one is no mark of the text.
  for (const el of [...body.querySelectorAll(':is(h1, h2, h3, h4, h5, h6) :is(b, strong)')]) unwrap(el);
  // A list item is one piece of text: its paragraphs (Docs puts one in each) are unwrapped, and a
  // nested list's items join the list they are in (the model has no nesting).
  for (const p of [...body.querySelectorAll('li > p, li > div')]) {
    p.after(doc.createTextNode(' '));
    unwrap(p);
  }
  for (const nested of [...body.querySelectorAll('li > ul, li > ol')].reverse()) {
    nested.parentElement?.after(...nested.children);
    nested.remove();
  }
  flattenQuotes(body);
  // A line break inside a paragraph becomes a space: headings and items take no breaks.
  for (const br of [...body.querySelectorAll('br')]) br.replaceWith(doc.createTextNode(' '));
  for (const el of [...body.querySelectorAll('*')]) {
    for (const attr of [...el.attributes]) {
      const keep = KEEP_ATTRS.has(attr.name) || (attr.name === 'class' && OWN_CLASS.test(attr.value));
      if (!keep) el.removeAttribute(attr.name);
    }
  }
  return body.innerHTML;
}

/** A line that starts a list item: a bullet (•, ●, ▪, ◦, -, *) or a number (1. or 1)), then a space. */
const ITEM = /^[ \t]*(?:([•●▪◦*-])|(\d{1,3}[.)]))[ \t]+(?=\S)/;
/**
 * Longer than any hard wrap (emails and terminals wrap at 72-80): a text with such a line was
 * written a paragraph to a line (Docs, Word, a notes app), so each of its lines is a block.
 */
const UNWRAPPED = 100;

export type TextBlock =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] };

/**
 * Plain text as blocks. A blank line ends a block; a line after a bullet or a number is a list
 * item (a run of them one list, numbered or not). A single line break joins the lines around it
 * with a space when the text is hard-wrapped (a wrapped email, a terminal: no line over 100
 * characters); in text written a paragraph to a line, it starts the next paragraph, so a heading
 * or an item is not run into the paragraph under it.
 */
export function blocksOfText(text: string): TextBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const unwrapped = lines.some((l) => l.trim().length > UNWRAPPED);
  const blocks: TextBlock[] = [];
  let open: TextBlock | undefined;
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) {
      open = undefined;
      continue;
    }
    const item = ITEM.exec(raw);
    if (item) {
      const ordered = !item[1];
      const words = raw.slice(item[0].length).trim();
      const last = blocks[blocks.length - 1];
      // Items of one list may have blank lines between them.
      if (last?.kind === 'list' && last.ordered === ordered) last.items.push(words);
      else blocks.push({ kind: 'list', ordered, items: [words] });
      open = blocks[blocks.length - 1];
    } else if (open && !unwrapped) {
      if (open.kind === 'paragraph') open.text += ` ${line}`;
      else open.items[open.items.length - 1] += ` ${line}`;
    } else {
      open = { kind: 'paragraph', text: line };
      blocks.push(open);
    }
  }
  return blocks;
}

/** Plain text as a slice of blocks, open at both ends so that the first and last join the text around. */
export function sliceOfText(schema: Schema, text: string): Slice {
  const { paragraph, list, list_item } = schema.nodes;
  if (!paragraph || !list || !list_item) throw new Error('no paragraph or list in the schema');
  const nodes = blocksOfText(text).map((b) =>
    b.kind === 'paragraph'
      ? paragraph.create(null, schema.text(b.text))
      : list.create(
          { ordered: b.ordered },
          b.items.map((i) => list_item.create(null, schema.text(i))),
        ),
  );
  // A slice that starts or ends in a list is closed on that side (its items are not merged into a paragraph).
  const first = nodes[0];
  const last = nodes[nodes.length - 1];
  return new Slice(Fragment.from(nodes), first?.type === paragraph ? 1 : 0, last?.type === paragraph ? 1 : 0);
}
