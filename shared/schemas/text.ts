import * as z from 'zod/mini';
import { SLUG_PATTERN } from './facts.ts';
import { ISO_TIMESTAMP, plainLineChecks, plainTextChecks, wellFormed } from './textChecks.ts';

/**
 * Text primitives shared by every schema; the plain-text rules are in ./textChecks.ts. Like every
 * schema a function builds, written with `zod/mini` (see docs/performance.md: cold starts).
 */
export { wellFormed };

/** One line of plain text (titles, names): no line breaks, no control characters. */
export const plainLine = (max: number) => z.string().check(...plainLineChecks(max));

/** Multi-line plain text (paragraphs, notes): line breaks and tabs allowed, other controls not. */
export const plainText = (max: number) => z.string().check(...plainTextChecks(max));

/** Lowercase URL slug: letters, digits and single hyphens. */
export const slugString = (max: number) =>
  z
    .string()
    .check(
      z.minLength(1, 'must not be empty'),
      z.maxLength(max, `must be at most ${max} characters`),
      z.regex(SLUG_PATTERN, 'must be a lowercase slug: a-z, 0-9 and single hyphens, e.g. "city-council"'),
    );

export const httpsUrl = z.string().check(
  z.maxLength(2048, 'must be at most 2048 characters'),
  z.refine((value: string) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'must be an absolute https URL'),
);

export const isoTimestamp = z.iso.datetime(ISO_TIMESTAMP);
