import * as z from 'zod';
import { BAN_LIMITS, ULID_PATTERN } from './facts.ts';
import { isoTimestamp, plainText } from './text.ts';

export const BanCreateSchema = z
  .strictObject({
    commentId: z.string().regex(ULID_PATTERN, 'must be the id of a comment by the commenter to ban'),
    reason: plainText(BAN_LIMITS.reason).refine((r) => r.trim().length > 0, 'say why'),
    until: isoTimestamp.optional().meta({ description: 'When the ban ends; none means until revoked' }),
    rejectPending: z
      .boolean()
      .default(true)
      .meta({ description: "Reject the commenter's pending comments in the same action" }),
  })
  .meta({
    id: 'BanCreate',
    description:
      "Bans whoever wrote a comment: by their email's keyed hash (if they gave one) and their client fingerprint.",
  });
export type BanCreateInput = z.infer<typeof BanCreateSchema>;

export const BanSchema = z
  .object({
    id: z.string(),
    commentId: z.string(),
    authorName: z.string(),
    /** The ban also holds the commenter's email (as a keyed hash; the email itself is not kept). */
    byEmail: z.boolean(),
    reason: z.string(),
    until: isoTimestamp.nullable(),
    createdAt: isoTimestamp,
    createdBy: z.string(),
    revokedAt: isoTimestamp.nullable(),
    revokedBy: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'Ban' });
export type Ban = z.infer<typeof BanSchema>;

export const BanCreatedSchema = BanSchema.extend({
  rejected: z.array(z.string()).meta({ description: 'Pending comments of theirs rejected with the ban' }),
}).meta({ id: 'BanCreated' });
export type BanCreated = z.infer<typeof BanCreatedSchema>;

/** As stored: the keyed hashes the markers are under, never shown. */
export interface StoredBan extends Omit<Ban, 'active'> {
  hashes: { email: string | null; client: string | null };
}
