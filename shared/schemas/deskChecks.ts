import * as z from 'zod/mini';
import { DESK_WARNING_CODES } from '../desk/prePublish.ts';

/** Something a story lacks before it goes live: a warning, never a refusal. */
const DeskWarningSchema = z.object({
  code: z.enum(DESK_WARNING_CODES),
  field: z.string(),
  message: z.string(),
});

export const DeskChecksSchema = z
  .object({
    version: z.number().check(z.int()),
    words: z.number().check(z.int()),
    readingMinutes: z.number().check(z.int()),
    wordsPerMinute: z.number().check(z.int()),
    warnings: z.array(DeskWarningSchema),
  })
  .register(z.globalRegistry, {
    id: 'DeskChecks',
    description:
      "What the desk sees of a working copy's saved version: the body's words, its reading time (words / wordsPerMinute, rounded up) and the pre-publish warnings (lead image or its alt text missing, no section, no meta description, headline over 110 characters). The console computes the same from the text being edited.",
  });
export type DeskChecks = z.infer<typeof DeskChecksSchema>;
