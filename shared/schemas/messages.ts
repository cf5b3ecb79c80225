import { config } from 'zod/v4/core';
import en from 'zod/v4/locales/en.js';

/**
 * zod's English messages for the checks that carry none of their own ("Invalid input: expected
 * string, received number"). Full zod sets them when its first schema is built; `zod/mini` leaves
 * every such message at "Invalid input" unless told. Imported by ./textChecks.ts, which every body
 * schema loads, so problem documents read the same whichever zod a bundle carries. English only:
 * the other locales never reach a bundle.
 */
config(en());
