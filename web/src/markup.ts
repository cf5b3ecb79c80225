import type { Mark, Span } from './api.ts';
import { safeUrl } from './safeUrl.ts';

/**
 * The console's lightweight markup for rich text, the way an editor types it:
 *
 *   **bold**   *italic*   [link text](https://example.org "nofollow")   [link text][1]   \* a star
 *
 * The API's spans stay the source of truth; markup is only what the text box shows. A field is a
 * RichDraft: its markup, the stored links it refers to by number (`[text][1]`), and the spans it
 * was made from. While the markup is unchanged the stored spans are sent back as they were, byte
 * for byte; once edited, the markup is read again, and a numbered link is the stored link itself,
 * never re-read from text. A stored link is written inline only when reading the written
 * destination back gives exactly that href and rel; any other (an address holding `)`, `"` or
 * `](`, say) is numbered. A marker without a partner is a literal character, so "5 * 3" stays.
 */

export type LinkMark = Extract<Mark, { type: 'link' }>;

export interface RichDraft<T> {
  /** What the text box shows and the editor types. */
  readonly markup: string;
  /** The stored links `[text][n]` refers to: n is the index + 1. */
  readonly links: readonly LinkMark[];
  /** What the draft was made from, sent back as it was while the markup is unchanged. */
  readonly stored?: { readonly markup: string; readonly value: T };
}

type Token =
  | { kind: 'text'; value: string }
  | { kind: 'bold' }
  | { kind: 'italic' }
  | { kind: 'linkStart'; mark: LinkMark }
  | { kind: 'linkEnd' };

const ESCAPABLE = new Set(['\\', '*', '[', ']']);

/** An inline destination at `at` (just after `](`): href, optional "rel", and where it ends. */
function linkDestination(s: string, at: number): { href: string; rel?: string; end: number } | null {
  let depth = 0;
  let i = at;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ' || c === '\n') break;
    if (c === '(') depth += 1;
    if (c === ')') {
      if (depth === 0) break;
      depth -= 1;
    }
    i += 1;
  }
  const href = s.slice(at, i);
  if (!href) return null;
  if (s[i] === ')') return { href, end: i + 1 };
  const rel = /^ "([^"\n]*)"\)/.exec(s.slice(i));
  if (!rel) return null;
  return { href, ...(rel[1] ? { rel: rel[1] } : {}), end: i + rel[0].length };
}

/** The index of the `]` that closes the `[` at `open` and is followed by `(` or `[`, or -1. */
function linkTextEnd(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i += 1) {
    const c = s[i];
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (c === '[') return -1;
    if (c === ']') return s[i + 1] === '(' || s[i + 1] === '[' ? i : -1;
  }
  return -1;
}

/** The link after a link's text (`](…)` or `][n]`, at `close`), and where it ends. */
function linkAfter(
  s: string,
  close: number,
  links: readonly LinkMark[],
): { mark: LinkMark; end: number } | null {
  if (s[close + 1] === '[') {
    const ref = /^\[(\d{1,4})\]/.exec(s.slice(close + 1));
    const mark = ref ? links[Number(ref[1]) - 1] : undefined;
    return ref && mark ? { mark, end: close + 1 + ref[0].length } : null;
  }
  const dest = linkDestination(s, close + 2);
  if (!dest) return null;
  const mark: LinkMark = { type: 'link', href: dest.href, ...(dest.rel ? { rel: dest.rel } : {}) };
  return { mark, end: dest.end };
}

function tokenize(s: string, links: readonly LinkMark[], out: Token[] = []): Token[] {
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', value: text });
    text = '';
  };
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i] as string;
    const next = s[i + 1];
    if (c === '\\' && next !== undefined && ESCAPABLE.has(next)) {
      text += next;
      i += 1;
    } else if (c === '*' && next === '*') {
      flush();
      out.push({ kind: 'bold' });
      i += 1;
    } else if (c === '*') {
      flush();
      out.push({ kind: 'italic' });
    } else if (c === '[') {
      const close = linkTextEnd(s, i);
      const link = close > i + 1 ? linkAfter(s, close, links) : null;
      if (link) {
        flush();
        out.push({ kind: 'linkStart', mark: link.mark });
        tokenize(s.slice(i + 1, close), links, out);
        out.push({ kind: 'linkEnd' });
        i = link.end - 1;
      } else {
        text += c;
      }
    } else {
      text += c;
    }
  }
  flush();
  return out;
}

/** A marker with no partner after it is literal text. */
function unpaired(tokens: Token[], kind: 'bold' | 'italic'): Set<number> {
  const at = tokens.flatMap((t, i) => (t.kind === kind ? [i] : []));
  return new Set(at.length % 2 === 1 ? [at[at.length - 1] as number] : []);
}

const sameMarks = (a: Mark[], b: Mark[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Markup to spans, `[text][n]` being links[n - 1] (the stored mark object itself). Adjacent spans
 * with the same marks are merged; marks come bold, italic, link. An empty string gives [].
 */
export function markupToSpans(markup: string, links: readonly LinkMark[] = []): Span[] {
  const tokens = tokenize(markup, links);
  const literal = new Set([...unpaired(tokens, 'bold'), ...unpaired(tokens, 'italic')]);
  const spans: Span[] = [];
  let bold = false;
  let italic = false;
  let link: LinkMark | null = null;
  const push = (text: string) => {
    if (!text) return;
    const marks: Mark[] = [
      ...(bold ? [{ type: 'bold' as const }] : []),
      ...(italic ? [{ type: 'italic' as const }] : []),
      ...(link ? [link] : []),
    ];
    const last = spans[spans.length - 1];
    if (last && sameMarks(last.marks, marks)) last.text += text;
    else spans.push({ text, marks });
  };
  tokens.forEach((t, i) => {
    if (t.kind === 'text') push(t.value);
    else if (literal.has(i)) push(t.kind === 'bold' ? '**' : '*');
    else if (t.kind === 'bold') bold = !bold;
    else if (t.kind === 'italic') italic = !italic;
    else if (t.kind === 'linkStart') link = t.mark;
    else link = null;
  });
  return spans;
}

const escaped = (text: string) => text.replace(/[\\*[\]]/g, (c) => `\\${c}`);
/** A span as the API returns it (marks always there) or as the console sends it (marks optional). */
type SpanLike = { text: string; marks?: readonly Mark[] | undefined };
const linkOf = (span: SpanLike) => span.marks?.find((m): m is LinkMark => m.type === 'link');
const has = (span: SpanLike, type: 'bold' | 'italic') => span.marks?.some((m) => m.type === type) ?? false;

const inlineDestination = (mark: LinkMark) => `](${mark.href}${mark.rel ? ` "${mark.rel}"` : ''})`;

/** An absolute http(s) or mailto address (safeUrl with a base nothing can be relative to). */
const absoluteAndSafe = (href: string) => safeUrl(href, 'about:blank') !== undefined;

/** Whether markup can carry this link inline: its destination reads back as exactly this link. */
function inlineExact(mark: LinkMark): boolean {
  if (!absoluteAndSafe(mark.href)) return false;
  const dest = inlineDestination(mark);
  const read = linkDestination(dest, 2);
  return read !== null && read.end === dest.length && read.href === mark.href && read.rel === mark.rel;
}

/** Numbers the links markup cannot carry inline, the same link (href and rel) once. */
class LinkTable {
  readonly links: LinkMark[] = [];
  destination(mark: LinkMark): string {
    if (inlineExact(mark)) return inlineDestination(mark);
    let at = this.links.findIndex((l) => l.href === mark.href && l.rel === mark.rel);
    if (at < 0) at = this.links.push(mark) - 1;
    return `][${at + 1}]`;
  }
}

/** Spans (or a plain string, as older clients stored) to markup, each link's destination from `dest`. */
function write(value: string | readonly SpanLike[], dest: (mark: LinkMark) => string): string {
  if (typeof value === 'string') return escaped(value);
  let out = '';
  let bold = false;
  let italic = false;
  let link: string | null = null;
  const closeLink = () => {
    if (link === null) return;
    if (bold) out += '**';
    if (italic) out += '*';
    bold = false;
    italic = false;
    out += link;
    link = null;
  };
  for (const span of value) {
    const mark = linkOf(span);
    const next = mark ? dest(mark) : null;
    if (next !== link) {
      closeLink();
      if (next !== null) {
        if (bold) out += '**';
        if (italic) out += '*';
        bold = false;
        italic = false;
        out += '[';
        link = next;
      }
    }
    if (has(span, 'bold') !== bold) {
      out += '**';
      bold = !bold;
    }
    if (has(span, 'italic') !== italic) {
      out += '*';
      italic = !italic;
    }
    out += escaped(span.text);
  }
  closeLink();
  if (italic) out += '*';
  if (bold) out += '**';
  return out;
}

/** A stored piece of rich text as a draft. */
export function draftOf(spans: readonly Span[]): RichDraft<Span[]> {
  const table = new LinkTable();
  const markup = write(spans, (mark) => table.destination(mark));
  return { markup, links: table.links, stored: { markup, value: spans as Span[] } };
}

/** Stored list items as one draft: a line each, one table of links for all of them. */
export function draftOfItems(items: readonly (readonly Span[])[]): RichDraft<Span[][]> {
  const table = new LinkTable();
  const markup = items.map((item) => write(item, (mark) => table.destination(mark))).join('\n');
  return { markup, links: table.links, stored: { markup, value: items as Span[][] } };
}

/** A draft with nothing stored behind it (a new block). */
export const newDraft = <T>(markup = ''): RichDraft<T> => ({ markup, links: [] });

/** The draft after the editor typed: the stored links and spans stay with it. */
export const edited = <T>(draft: RichDraft<T>, markup: string): RichDraft<T> => ({ ...draft, markup });

const unchanged = <T>(draft: RichDraft<T>): draft is RichDraft<T> & { stored: { value: T } } =>
  draft.stored !== undefined && draft.stored.markup === draft.markup;

/** The spans a draft stands for: the stored ones while unchanged, else its markup read. */
export function spansOf(draft: RichDraft<Span[]>): Span[] {
  return unchanged(draft) ? draft.stored.value : markupToSpans(draft.markup.trim(), draft.links);
}

/** The items a list draft stands for, a line each. */
export function itemsOf(draft: RichDraft<Span[][]>): Span[][] {
  if (unchanged(draft)) return draft.stored.value;
  return draft.markup.split('\n').map((line) => markupToSpans(line.trim(), draft.links));
}

/**
 * Rich text as people read a difference: markup with every link's address written out. For
 * reading only, shown as text: never read back into spans.
 */
export const readableMarkup = (value: string | readonly SpanLike[]) => write(value, inlineDestination);

/** The plain text of rich text (for summaries). */
export const plainOf = (value: string | readonly Span[]) =>
  typeof value === 'string' ? value : value.map((s) => s.text).join('');
