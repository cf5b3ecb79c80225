import type { Mark, Span } from '../../../shared/schemas/spans.ts';

/**
 * Inline content between the API's spans and the editor's text nodes (ProseMirror's JSON form):
 * pure functions, no DOM, no editor. A span is a text node; its marks are the node's marks in the
 * schema's rank (bold, italic, link), and a link's rel is an attribute (null when absent).
 */
export interface MarkJSON {
  type: 'bold' | 'italic' | 'link';
  attrs?: { href: string; rel: string | null };
}
export interface TextJSON {
  type: 'text';
  text: string;
  marks?: MarkJSON[];
}

const RANK: Record<Mark['type'], number> = { bold: 0, italic: 1, link: 2 };

/** A span's marks in rank order, so that two spans with the same marks compare equal. */
const ranked = (marks: readonly Mark[]) => [...marks].sort((a, b) => RANK[a.type] - RANK[b.type]);

const markJson = (mark: Mark): MarkJSON =>
  mark.type === 'link'
    ? { type: 'link', attrs: { href: mark.href, rel: mark.rel ?? null } }
    : { type: mark.type };

const markOf = (mark: MarkJSON): Mark =>
  mark.type === 'link'
    ? { type: 'link', href: mark.attrs?.href ?? '', ...(mark.attrs?.rel ? { rel: mark.attrs.rel } : {}) }
    : { type: mark.type };

const sameMarks = (a: readonly Mark[], b: readonly Mark[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Spans as the editor would hold them: marks in rank order, empty text gone, neighbours with the
 * same marks joined (ProseMirror joins such text nodes itself).
 */
export function canonicalSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    if (!span.text) continue;
    const marks = ranked(span.marks ?? []).map((m) => markOf(markJson(m)));
    const last = out.at(-1);
    if (last && sameMarks(last.marks, marks)) last.text += span.text;
    else out.push({ text: span.text, marks });
  }
  return out;
}

/** Spans to the text nodes of a block's content. */
export function textNodesOf(spans: readonly Span[]): TextJSON[] {
  return canonicalSpans(spans).map((span) =>
    span.marks.length
      ? { type: 'text', text: span.text, marks: span.marks.map(markJson) }
      : { type: 'text', text: span.text },
  );
}

/** A block's text nodes (as the editor gives them, in rank order) back to spans. */
export function spansOf(
  nodes: readonly { text?: string; marks?: readonly MarkJSON[] }[] | undefined,
): Span[] {
  return canonicalSpans(
    (nodes ?? []).map((node) => ({ text: node.text ?? '', marks: (node.marks ?? []).map(markOf) })),
  );
}

/** Whether spans hold any visible text: an empty or blank piece of text is no text at all. */
export const hasText = (spans: readonly Span[]) => spans.some((s) => s.text.trim().length > 0);
