import * as z from 'zod/mini';
import './messages.ts';
import { wellFormed } from './spans.ts';

/**
 * The checks of plain text, as zod checks (./text.ts, ./richText.ts, ./commentSubmit.ts and
 * ./moderation.ts build on them), so the rules and their messages are written once. Text is plain:
 * HTML is neither rejected nor stripped, it is stored and returned as the literal characters the
 * user sent and never interpreted. Control characters are refused because they corrupt feeds and
 * break renderers silently.
 */

/** Controls in one line of text, line breaks included. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const CONTROL_IN_LINE = /[\u0000-\u001f\u007f]/;
/** Controls in multi-line text: line breaks and tabs are allowed. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
export const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

// Zod-free (spans.ts), so the console's editor and the lean public bundle check text the same way.
export { wellFormed } from './spans.ts';
export const NOT_WELL_FORMED = 'must be well-formed Unicode text';

const plainChecks = (max: number, control: RegExp, message: string) =>
  [
    z.trim(),
    z.minLength(1, 'must not be empty'),
    z.maxLength(max, `must be at most ${max} characters`),
    z.refine<string>((s) => !control.test(s), message),
    z.refine<string>(wellFormed, NOT_WELL_FORMED),
  ] as const;

/** One line of plain text (titles, names): no line breaks, no control characters. */
export const plainLineChecks = (max: number) =>
  plainChecks(max, CONTROL_IN_LINE, 'must not contain control characters or line breaks');

/** Multi-line plain text (paragraphs, notes): line breaks and tabs allowed, other controls not. */
export const plainTextChecks = (max: number) =>
  plainChecks(max, CONTROL_IN_TEXT, 'must not contain control characters');

/** An ISO 8601 timestamp with its offset, as `z.iso.datetime` of either zod takes it. */
export const ISO_TIMESTAMP = { offset: true, message: 'must be an ISO 8601 timestamp' } as const;
