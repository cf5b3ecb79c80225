import * as z from 'zod/mini';
import { ARTICLE_LIMITS } from './facts.ts';
import { isoTimestamp, plainText } from './text.ts';

/** Corrections: made while an article is live, published with it, kept with the working copy. */
/** A correction published with a live article: what was wrong and when it was put right. */
export const PublicCorrectionSchema = z
  .object({ text: z.string(), at: isoTimestamp })
  .register(z.globalRegistry, {
    id: 'Correction',
    description: 'A published correction: its text and when it was made.',
  });
export type PublicCorrection = z.infer<typeof PublicCorrectionSchema>;

/** As the working copy keeps it: also who made it (an account id, not shown to the public). */
export const CorrectionRecordSchema = z
  .extend(PublicCorrectionSchema, { by: z.string() })
  .register(z.globalRegistry, {
    id: 'CorrectionRecord',
    description: 'A correction as editors see it: text, time and the editor who made it.',
  });
export type CorrectionRecord = z.infer<typeof CorrectionRecordSchema>;

export const CorrectionCreateSchema = z
  .strictObject({ text: plainText(ARTICLE_LIMITS.correction) })
  .register(z.globalRegistry, {
    id: 'CorrectionCreate',
    description: 'What was wrong and what is right now, as readers will read it.',
  });
