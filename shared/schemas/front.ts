import * as z from 'zod/mini';
import { SectionSchema, TagSchema } from './article.ts';
import { PublicArticleSummarySchema } from './articleLists.ts';
import { ULID_PATTERN } from './facts.ts';
import { isoTimestamp, plainLine, slugString } from './text.ts';

/**
 * Fronts: a page of zones (top, secondary, more...), each a list of slots an editor arranges. A
 * slot shows a pinned story (until an optional time) or the next story of its rule; the published
 * arrangement is resolved into list entries when it changes (shared/fronts/), so a read is one
 * GetItem. Limits keep a publish (the arrangement, its revision, the resolved front and the
 * index rows of its pins and rules) inside one TransactWriteItems of at most 100 items.
 */
export const FRONT_LIMITS = {
  name: 40,
  zone: 32,
  zones: 8,
  slotsPerZone: 20,
  /** Slots over all zones: what the bench measures (30) with room to spare. */
  slots: 40,
  title: 120,
} as const;

export const FrontNameSchema = slugString(FRONT_LIMITS.name);
const ZoneNameSchema = slugString(FRONT_LIMITS.zone);

/** What a rule fills slots with: the newest live stories of a section, a tag or an author. */
export const FrontRuleSchema = z
  .strictObject({
    kind: z.enum(['section', 'tag', 'author'], { error: 'must be section, tag or author' }),
    /** A section or tag slug, or an author key (the slug of a name in the byline, as author feeds). */
    value: z.union([SectionSchema, TagSchema]),
  })
  .register(z.globalRegistry, {
    description:
      'Fills a slot with the newest live story (by first publication) of a section, a tag or an author (the slug of a name in the byline, as the author feeds key it) that the front does not already show.',
  });
export type FrontRule = z.infer<typeof FrontRuleSchema>;

export const FrontPinSchema = z.strictObject({
  articleId: z.string().check(z.regex(ULID_PATTERN, 'must be an article id (a ULID)')),
  /** After this instant the slot falls back to its rule (or shows nothing). */
  until: z.optional(z.nullable(isoTimestamp)),
});

export const FrontSlotSchema = z
  .strictObject({
    pin: z.optional(z.nullable(FrontPinSchema)),
    rule: z.optional(z.nullable(FrontRuleSchema)),
  })
  .check(
    z.refine((slot) => Boolean(slot.pin || slot.rule), { message: 'a slot needs a pin, a rule or both' }),
  )
  .register(z.globalRegistry, {
    description:
      'A pinned story (while it is live and until pin.until, if set), else the next story of its rule. A slot with neither that applies shows nothing.',
  });
export type FrontSlot = z.infer<typeof FrontSlotSchema>;

export const FrontZoneSchema = z.strictObject({
  name: ZoneNameSchema,
  slots: z.array(FrontSlotSchema).check(z.minLength(1), z.maxLength(FRONT_LIMITS.slotsPerZone)),
});
export type FrontZone = z.infer<typeof FrontZoneSchema>;

/** The arrangement as an editor saves it (the draft) and as a revision keeps it. */
const arrangementShape = z.strictObject({
  title: plainLine(FRONT_LIMITS.title),
  zones: z.array(FrontZoneSchema).check(z.minLength(1), z.maxLength(FRONT_LIMITS.zones)),
});

/** Zone names differ, a story is pinned once, and the slots fit FRONT_LIMITS.slots. */
const wellArranged = () =>
  z.superRefine((front: z.infer<typeof arrangementShape>, ctx) => {
    const names = new Set<string>();
    const pinned = new Set<string>();
    let slots = 0;
    front.zones.forEach((zone, z) => {
      if (names.has(zone.name)) {
        ctx.issues.push({
          code: 'custom',
          message: 'zone names must differ',
          path: ['zones', z, 'name'],
          input: zone.name,
        });
      }
      names.add(zone.name);
      zone.slots.forEach((slot, s) => {
        slots += 1;
        const id = slot.pin?.articleId;
        if (!id) return;
        if (pinned.has(id)) {
          ctx.issues.push({
            code: 'custom',
            message: 'a story can be pinned once per front',
            path: ['zones', z, 'slots', s, 'pin', 'articleId'],
            input: id,
          });
        }
        pinned.add(id);
      });
    });
    if (slots > FRONT_LIMITS.slots) {
      ctx.issues.push({
        code: 'custom',
        message: `a front holds at most ${FRONT_LIMITS.slots} slots (this one has ${slots})`,
        path: ['zones'],
        input: slots,
      });
    }
  });

export const FrontArrangementSchema = arrangementShape.check(wellArranged()).register(z.globalRegistry, {
  id: 'FrontArrangement',
  description: `A front's zones in order, each its slots in order. At most ${FRONT_LIMITS.zones} zones, ${FRONT_LIMITS.slotsPerZone} slots a zone and ${FRONT_LIMITS.slots} in all; zone names differ; a story is pinned at most once.`,
});
export type FrontArrangement = z.infer<typeof FrontArrangementSchema>;

export const FrontCreateSchema = z
  .extend(arrangementShape, { name: FrontNameSchema })
  .check(wellArranged())
  .register(z.globalRegistry, {
    id: 'FrontCreate',
    description:
      'A new front, named `home` or for the section it stands for (a slug), with its first draft arrangement. Nothing is public until it is published.',
  });

export const FrontPublishSchema = z
  .strictObject({ publishAt: z.optional(isoTimestamp) })
  .register(z.globalRegistry, {
    id: 'FrontPublish',
    description: 'Publish the draft now (no publishAt) or at publishAt, exactly once.',
  });

/** The draft as the editors' API shows it. */
export const FrontViewSchema = z
  .extend(arrangementShape, {
    name: FrontNameSchema,
    version: z.number(),
    updatedAt: z.string(),
    updatedBy: z.string(),
    /** The revision the public sees, or null while never published. */
    publishedRevision: z.nullable(z.number()),
    publishedAt: z.nullable(z.string()),
    /** A publish waiting for its time, or null. */
    scheduledFor: z.nullable(z.string()),
  })
  .register(z.globalRegistry, {
    id: 'Front',
    description: "A front's draft arrangement and its publishing state.",
  });
export type FrontView = z.infer<typeof FrontViewSchema>;

export const FrontListSchema = z
  .object({ items: z.array(FrontViewSchema) })
  .register(z.globalRegistry, { id: 'FrontList', description: 'Every front, by name.' });

export const FrontRevisionSchema = z
  .extend(arrangementShape, {
    name: FrontNameSchema,
    n: z.number(),
    /** The draft version it was published from. */
    version: z.number(),
    publishedAt: z.string(),
    publishedBy: z.string(),
  })
  .register(z.globalRegistry, {
    id: 'FrontRevision',
    description: 'A published arrangement, kept as it was.',
  });
export type FrontRevision = z.infer<typeof FrontRevisionSchema>;

/**
 * A resolved slot: the story's public list entry, whether an editor pinned it there, and (fronts
 * only, not every public list) `live: true` while the story's live coverage is live.
 */
export const FrontEntrySchema = z.extend(PublicArticleSummarySchema, {
  pinned: z.boolean(),
  live: z.optional(z.boolean()),
});
export type FrontEntry = z.infer<typeof FrontEntrySchema>;

export const PublicFrontSchema = z
  .strictObject({
    name: FrontNameSchema,
    title: z.string(),
    /** The revision shown. */
    revision: z.number(),
    publishedAt: z.string(),
    /** When the stories in it were last worked out (a story published, changed or pulled; a pin expired). */
    resolvedAt: z.string(),
    zones: z.array(z.strictObject({ name: z.string(), entries: z.array(FrontEntrySchema) })),
  })
  .register(z.globalRegistry, {
    id: 'PublicFront',
    description:
      "A published front, every zone resolved to the list entries of live stories (those of GET /v1/articles, plus pinned), in slot order, no story twice. A slot whose pin expired or whose story went dark shows its rule's next story, or nothing.",
  });
export type PublicFront = z.infer<typeof PublicFrontSchema>;
