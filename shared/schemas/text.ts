import * as z from 'zod';
import { SLUG_PATTERN } from './facts.ts';
import { ISO_TIMESTAMP, plainLineChecks, plainTextChecks, wellFormed } from './textChecks.ts';

/** Text primitives shared by every schema; the plain-text rules are in ./textChecks.ts. */
export { wellFormed };

/** One line of plain text (titles, names): no line breaks, no control characters. */
export const plainLine = (max: number) => z.string().check(...plainLineChecks(max));

/** Multi-line plain text (paragraphs, notes): line breaks and tabs allowed, other controls not. */
export const plainText = (max: number) => z.string().check(...plainTextChecks(max));

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

export const isoTimestamp = z.iso.datetime(ISO_TIMESTAMP);
