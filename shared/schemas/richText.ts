import * as z from 'zod/mini';
import { LINK_RELS, RICH_TEXT_LIMITS, toSpans } from './spans.ts';
import {
  CONTROL_IN_LINE,
  CONTROL_IN_TEXT,
  NOT_WELL_FORMED,
  plainLineChecks,
  plainTextChecks,
  wellFormed,
} from './textChecks.ts';

/**
 * Inline rich text: a run of spans, each a piece of text with the marks that apply to all of it.
 *
 *   [{ "text": "The ", "marks": [] },
 *    { "text": "council papers", "marks": [{ "type": "link", "href": "https://…", "rel": "nofollow" }] },
 *    { "text": " were published in ", "marks": [] },
 *    { "text": "The Harbour Gazette", "marks": [{ "type": "italic" }] }]
 *
 * A frontend renders it by walking the array: no HTML to parse or sanitise, the text is always
 * literal characters. Marks: bold, italic, link (href http, https or mailto; an optional rel).
 * A span carries each mark type at most once; concatenating the spans' text gives the plain text.
 * On input a plain string is still accepted and stands for one span without marks, so clients
 * written before rich text keep working; the API always answers with spans.
 */

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

export { LINK_RELS };

const HrefSchema = z
  .string()
  .check(
    z.minLength(1, 'must not be empty'),
    z.maxLength(RICH_TEXT_LIMITS.href, `must be at most ${RICH_TEXT_LIMITS.href} characters`),
    z.refine(
      isSafeHref,
      'must be an absolute http, https or mailto URL without spaces or control characters',
    ),
  );

const RelSchema = z.string().check(
  z.maxLength(RICH_TEXT_LIMITS.rel, `must be at most ${RICH_TEXT_LIMITS.rel} characters`),
  z.refine(
    (rel: string) => {
      const tokens = rel.split(' ');
      return (
        tokens.length > 0 &&
        tokens.every((t) => (LINK_RELS as readonly string[]).includes(t)) &&
        new Set(tokens).size === tokens.length
      );
    },
    `must be distinct values from ${LINK_RELS.join(', ')}, separated by single spaces`,
  ),
);

export const MarkSchema = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('bold') }),
      z.strictObject({ type: z.literal('italic') }),
      z.strictObject({ type: z.literal('link'), href: HrefSchema, rel: z.optional(RelSchema) }),
    ],
    { error: 'must be a mark: { type: "bold" }, { type: "italic" } or { type: "link", href, rel? }' },
  )
  .register(z.globalRegistry, {
    id: 'Mark',
    description: 'An inline mark: bold, italic, or a link (http, https, mailto).',
  });

export const SpanSchema = z
  .strictObject({
    // Not trimmed: the spaces between spans are part of the text.
    text: z.string().check(
      z.minLength(1, 'must not be empty'),
      z.maxLength(RICH_TEXT_LIMITS.spanText, `must be at most ${RICH_TEXT_LIMITS.spanText} characters`),
      z.refine((s: string) => !CONTROL_IN_TEXT.test(s), 'must not contain control characters'),
      z.refine(wellFormed, NOT_WELL_FORMED),
    ),
    marks: z._default(
      z.array(MarkSchema).check(
        z.maxLength(3, 'at most one bold, one italic and one link'),
        z.refine(
          (marks: { type: string }[]) => new Set(marks.map((m) => m.type)).size === marks.length,
          'each mark at most once',
        ),
      ),
      [],
    ),
  })
  .register(z.globalRegistry, {
    id: 'Span',
    description: 'A piece of text and the marks that apply to all of it. marks is [] for plain text.',
  });

/**
 * Rich text as a field: a plain string (one unmarked span, trimmed as plain text always was) or
 * an array of spans. Either way the value is spans, and its whole text is bounded by `max`.
 */
const richText = (max: number, line: boolean) => {
  const plain = z.string().check(...(line ? plainLineChecks(max) : plainTextChecks(max)));
  type Spans = z.output<typeof SpanSchema>[];
  const spans = z.array(SpanSchema).check(
    z.minLength(1, 'needs at least one span'),
    z.maxLength(RICH_TEXT_LIMITS.spans, `at most ${RICH_TEXT_LIMITS.spans} spans`),
    z.refine(
      (all: Spans) => all.reduce((n, s) => n + s.text.length, 0) <= max,
      `must be at most ${max} characters in all`,
    ),
    z.refine((all: Spans) => all.some((s) => s.text.trim().length > 0), 'must not be only whitespace'),
    z.refine(
      (all: Spans) => !line || all.every((s) => !CONTROL_IN_LINE.test(s.text)),
      'must not contain line breaks',
    ),
  );
  // The pipe gives the answer side its schema (spans) in the generated document.
  return z.pipe(
    z.pipe(
      z.union([plain, spans], { error: 'must be a string, or an array of spans: { text, marks }' }),
      z.transform((value: string | Spans): z.input<typeof SpanSchema>[] => toSpans(value)),
    ),
    z.array(SpanSchema),
  );
};

/** A paragraph's, a quote's or a list item's text. */
export const richBlockText = (max: number) => richText(max, false);
/** A heading's text: one line. */
export const richLine = (max: number) => richText(max, true);
