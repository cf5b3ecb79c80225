import { LINK_RELS, type Span, toSpans } from '../schemas/spans.ts';
import { attr, esc } from './html.ts';
import { safeUrl } from './safeUrl.ts';

/** A rel the schema would refuse (a record written before its rules) is dropped. */
const RELS: ReadonlySet<string> = new Set(LINK_RELS);

/**
 * Rich text (spans, or a plain string for one unmarked span) as inline HTML. Each span is its own
 * run of elements, so marks nest the same way every time: link outside, then bold, then italic. A
 * link whose href fails the safe-URL rule is written as its text alone. Line breaks in text
 * become <br>.
 */
export function renderRichText(value: string | readonly Span[]): string {
  return toSpans(value).map(renderSpan).join('');
}

function renderSpan(span: Span): string {
  let html = esc(span.text).replace(/\r?\n/g, '<br>');
  if (span.marks.some((m) => m.type === 'italic')) html = `<em>${html}</em>`;
  if (span.marks.some((m) => m.type === 'bold')) html = `<strong>${html}</strong>`;
  const link = span.marks.find((m) => m.type === 'link');
  if (link) {
    const href = safeUrl(link.href);
    if (href !== null) {
      const rel = (link.rel ?? '')
        .split(/\s+/)
        .filter((r) => RELS.has(r))
        .join(' ');
      html = `<a${attr('href', href)}${attr('rel', rel || null)}>${html}</a>`;
    }
  }
  return html;
}
