import * as z from 'zod';
import { SLUG_PATTERN } from './facts.ts';

/**
 * Text primitives shared by every schema. Text is plain: HTML is neither rejected nor stripped,
 * it is stored and returned as the literal characters the user sent and never interpreted.
 * Control characters are refused because they corrupt feeds and break renderers silently.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_IN_LINE = /[\u0000-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** A lone UTF-16 surrogate: not a character, and it breaks encoders and search indexes downstream. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
export const wellFormed = (s: string) => !LONE_SURROGATE.test(s);
const NOT_WELL_FORMED = 'must be well-formed Unicode text';

const plain = (max: number, control: RegExp, message: string) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !control.test(s), message)
    .refine(wellFormed, NOT_WELL_FORMED);

/** One line of plain text (titles, names): no line breaks, no control characters. */
export const plainLine = (max: number) =>
  plain(max, CONTROL_IN_LINE, 'must not contain control characters or line breaks');

/** Multi-line plain text (paragraphs, notes): line breaks and tabs allowed, other controls not. */
export const plainText = (max: number) => plain(max, CONTROL_IN_TEXT, 'must not contain control characters');

/** Lowercase URL slug: letters, digits and single hyphens. */
export const slugString = (max: number) =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(SLUG_PATTERN, 'must be a lowercase slug: a-z, 0-9 and single hyphens, e.g. "city-council"');

export const httpsUrl = z
  .string()
  .max(2048, 'must be at most 2048 characters')
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an absolute https URL');

export const isoTimestamp = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 timestamp' });
