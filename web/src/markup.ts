import type { Mark, Span } from './api.ts';

/**
 * The console's lightweight markup for rich text, converted to and from the API's spans:
 *
 *   **bold**   *italic*   [link text](https://example.org "nofollow")   \* a literal star
 *
 * The optional quoted word after a link's address is its `rel`. A marker without a partner is
 * kept as a literal character, so "5 * 3" stays as typed. The API never sees markup: it gets spans.
 */

type Token =
  | { kind: 'text'; value: string }
  | { kind: 'bold' }
  | { kind: 'italic' }
  | { kind: 'linkStart'; href: string; rel: string | undefined }
  | { kind: 'linkEnd' };

const ESCAPABLE = new Set(['\\', '*', '[', ']']);

/** The destination of a link at `at` (just after `](`): href, optional "rel", and where it ends. */
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

/** The index of the `](` that closes the `[` at `open`, or -1 (no nested or unescaped brackets). */
function linkTextEnd(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i += 1) {
    const c = s[i];
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (c === '[') return -1;
    if (c === ']') return s[i + 1] === '(' ? i : -1;
  }
  return -1;
}

function tokenize(s: string, out: Token[] = []): Token[] {
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
      const dest = close > i ? linkDestination(s, close + 2) : null;
      if (close > i + 1 && dest) {
        flush();
        out.push({ kind: 'linkStart', href: dest.href, rel: dest.rel });
        tokenize(s.slice(i + 1, close), out);
        out.push({ kind: 'linkEnd' });
        i = dest.end - 1;
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

/** Markup to spans; adjacent spans with the same marks are merged. An empty string gives []. */
export function markupToSpans(markup: string): Span[] {
  const tokens = tokenize(markup);
  const literal = new Set([...unpaired(tokens, 'bold'), ...unpaired(tokens, 'italic')]);
  const spans: Span[] = [];
  let bold = false;
  let italic = false;
  let link: { href: string; rel: string | undefined } | null = null;
  const push = (text: string) => {
    if (!text) return;
    const marks: Mark[] = [
      ...(bold ? [{ type: 'bold' as const }] : []),
      ...(italic ? [{ type: 'italic' as const }] : []),
      ...(link ? [{ type: 'link' as const, href: link.href, ...(link.rel ? { rel: link.rel } : {}) }] : []),
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
    else if (t.kind === 'linkStart') link = { href: t.href, rel: t.rel };
    else link = null;
  });
  return spans;
}

const escaped = (text: string) => text.replace(/[\\*[\]]/g, (c) => `\\${c}`);
/** A span as the API returns it (marks always there) or as the console sends it (marks optional). */
type SpanLike = { text: string; marks?: readonly Mark[] | undefined };
const linkOf = (span: SpanLike) => span.marks?.find((m) => m.type === 'link');
const has = (span: SpanLike, type: 'bold' | 'italic') => span.marks?.some((m) => m.type === type) ?? false;

/** Spans (or a plain string, as older clients stored) to markup. */
export function spansToMarkup(value: string | readonly SpanLike[]): string {
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
    const dest = mark ? `](${mark.href}${mark.rel ? ` "${mark.rel}"` : ''})` : null;
    if (dest !== link) {
      closeLink();
      if (dest !== null) {
        if (bold) out += '**';
        if (italic) out += '*';
        bold = false;
        italic = false;
        out += '[';
        link = dest;
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

/** The plain text of rich text (for summaries). */
export const plainOf = (value: string | readonly Span[]) =>
  typeof value === 'string' ? value : value.map((s) => s.text).join('');
