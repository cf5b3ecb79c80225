import * as z from 'zod/mini';
import { isoTimestamp } from './text.ts';

/** What a moderator sends is in ./moderation.ts (zod/mini, for that function's cold start). */
export { type BanCreateInput, BanCreateSchema } from './moderation.ts';

export const BanSchema = z
  .object({
    id: z.string(),
    commentId: z.string(),
    authorName: z.string(),
    /** The ban also holds the commenter's email (as a keyed hash; the email itself is not kept). */
    byEmail: z.boolean(),
    reason: z.string(),
    until: z.nullable(isoTimestamp),
    createdAt: isoTimestamp,
    createdBy: z.string(),
    revokedAt: z.nullable(isoTimestamp),
    revokedBy: z.nullable(z.string()),
    active: z.boolean(),
  })
  .register(z.globalRegistry, { id: 'Ban' });
export type Ban = z.infer<typeof BanSchema>;

export const BanCreatedSchema = z
  .extend(BanSchema, {
    rejected: z
      .array(z.string())
      .register(z.globalRegistry, { description: 'Pending comments of theirs rejected with the ban' }),
  })
  .register(z.globalRegistry, { id: 'BanCreated' });
export type BanCreated = z.infer<typeof BanCreatedSchema>;

/** As stored: the keyed hashes the markers are under, never shown. */
export interface StoredBan extends Omit<Ban, 'active'> {
  hashes: { email: string | null; client: string | null; address: string | null };
}
