import * as z from 'zod/mini';
import { CropSchema, FocalPointSchema, PlacementCropsSchema, PublicCropSchema } from './crops.ts';
import { MEDIA_LIMITS, MEDIA_STATUSES, MEDIA_TYPES, ULID_PATTERN } from './facts.ts';
import { HighlightsSchema } from './highlights.ts';
import { isoTimestamp, plainLine } from './text.ts';

/**
 * The media library: images uploaded straight to storage with a presigned POST, then read by the
 * server (format, dimensions and size come from the bytes, never from the client) and rendered to
 * WebP at a few widths. Articles refer to them by id; the public article carries them resolved.
 */

export const MediaIdSchema = z
  .string()
  .check(z.regex(ULID_PATTERN, 'must be the id of an image in the media library'));

/** Empty alt text is how a purely decorative image says so; anything else is a plain line. */
const altText = z.union([z.literal(''), plainLine(MEDIA_LIMITS.alt)]);
const caption = plainLine(MEDIA_LIMITS.caption);
const credit = plainLine(MEDIA_LIMITS.credit);
const licence = plainLine(MEDIA_LIMITS.licence);
/** A name only: the library finds an image by it, and storage keys never come from it. */
const fileName = plainLine(MEDIA_LIMITS.fileName).check(
  z.refine((name) => !/[/\\]/.test(name), { error: 'must be a file name, without a folder' }),
);

export const MediaCreateSchema = z
  .strictObject({
    contentType: z.enum(MEDIA_TYPES, { error: `must be one of ${MEDIA_TYPES.join(', ')}` }),
    /** The size the client means to send; the upload policy enforces the limit whatever this says. */
    bytes: z.optional(
      z
        .number()
        .check(
          z.int(),
          z.gte(1, 'must be at least 1'),
          z.lte(MEDIA_LIMITS.maxBytes, `must be at most ${MEDIA_LIMITS.maxBytes} bytes (20 MB)`),
        ),
    ),
    alt: altText,
    caption: z.optional(caption),
    credit: z.optional(credit),
    licence: z.optional(licence),
    fileName: z.optional(fileName),
  })
  .register(z.globalRegistry, {
    id: 'MediaCreate',
    description:
      'An image about to be uploaded: its content type (JPEG, PNG, WebP, AVIF or GIF), the text that describes it (alt; empty for a purely decorative image), its caption, credit and licence, and the name of the file (the library can be searched by it).',
  });
export type MediaCreate = z.infer<typeof MediaCreateSchema>;

/** An empty string clears caption, credit or licence. */
const clearable = <S extends z.ZodMiniType<string>>(schema: S) =>
  z.optional(z.union([z.literal(''), schema]));

export const MediaPatchSchema = z
  .strictObject({
    alt: z.optional(altText),
    caption: clearable(caption),
    credit: clearable(credit),
    licence: clearable(licence),
    /** Moves the point the crops are cut around; they are cut again, asynchronously. */
    focalPoint: z.optional(FocalPointSchema),
  })
  .check(
    z.refine((patch) => Object.keys(patch).length > 0, { message: 'a patch must change at least one field' }),
  )
  .register(z.globalRegistry, {
    id: 'MediaPatch',
    description:
      'The descriptive fields to change (an empty string clears one), or the focal point the crops are cut around.',
  });
export type MediaPatch = z.infer<typeof MediaPatchSchema>;

export const RenditionSchema = z
  .object({
    width: z.number().check(z.int()),
    height: z.number().check(z.int()),
    /** The object's key in the media bucket. */
    key: z.string(),
    /** Where it is served: a path on the CMS's own origin (CloudFront in AWS, the local server). */
    url: z.string(),
  })
  .register(z.globalRegistry, { id: 'Rendition', description: 'A WebP rendition of an image at one width.' });
export type Rendition = z.infer<typeof RenditionSchema>;

export const MediaSchema = z
  .object({
    id: z.string(),
    status: z.enum(MEDIA_STATUSES),
    /** The format read from the bytes; null until the upload has been read. */
    type: z.nullable(z.enum(MEDIA_TYPES)),
    width: z.nullable(z.number().check(z.int())),
    height: z.nullable(z.number().check(z.int())),
    bytes: z.nullable(z.number().check(z.int())),
    alt: z.string(),
    caption: z.nullable(z.string()),
    credit: z.nullable(z.string()),
    licence: z.nullable(z.string()),
    /** The file's name as uploaded, if the client gave it (searchable; never a storage key). */
    fileName: z.nullable(z.string()),
    uploadedBy: z.string(),
    createdAt: isoTimestamp,
    updatedAt: isoTimestamp,
    version: z.number().check(z.int()),
    /** The uploaded file as sent, once it is ready. */
    original: z.nullable(z.string()),
    /** Narrowest first. */
    renditions: z.array(RenditionSchema),
    focalPoint: FocalPointSchema,
    /** The named crops, cut around cropsFor; empty until cut (docs/crops.md). */
    crops: z.array(CropSchema),
    /** The focal point the crops were cut around: while it differs from focalPoint, new ones are being cut. */
    cropsFor: z.nullable(FocalPointSchema),
    /** Why the upload could not be used (status failed). */
    failure: z.nullable(z.string()),
    /** Only in a search (q): alt, caption, credit or fileName with the words found marked. */
    highlights: z.optional(HighlightsSchema),
  })
  .register(z.globalRegistry, {
    id: 'Media',
    description:
      'An image in the media library. Format, dimensions and size are read from the uploaded bytes, never taken from the client.',
  });
export type Media = z.infer<typeof MediaSchema>;

/** What readers are shown of an image besides its pixels: what an article's approval covers. */
export type MediaWords = Pick<Media, 'alt' | 'caption' | 'credit'>;

export const MediaUploadSchema = z
  .object({
    media: MediaSchema,
    upload: z.object({
      /** POST a multipart/form-data body here: every field below, then the file as `file`, last. */
      url: z.string(),
      fields: z.record(z.string(), z.string()),
      expiresAt: isoTimestamp,
      /** The largest file the policy accepts. */
      maxBytes: z.number().check(z.int()),
    }),
  })
  .register(z.globalRegistry, {
    id: 'MediaUpload',
    description:
      'The new media record (pending) and a presigned POST for its file: the policy fixes the key, limits Content-Type to the type declared and the size to maxBytes, and expires at expiresAt.',
  });
export type MediaUpload = z.infer<typeof MediaUploadSchema>;

/** How an article refers to an image of the library; alt and caption override the library's. */
export const MediaRefSchema = z
  .strictObject({
    mediaId: MediaIdSchema,
    alt: z.optional(altText),
    caption: z.optional(caption),
  })
  .register(z.globalRegistry, {
    id: 'MediaRef',
    description:
      "An image of the media library by id; alt and caption, when given, replace the image's own here.",
  });
export type MediaRef = z.infer<typeof MediaRefSchema>;

/** The article's lead image: an image of the library, and the crop a placement shows if not its default. */
export const LeadImageRefSchema = z
  .extend(MediaRefSchema, { crops: z.optional(PlacementCropsSchema) })
  .register(z.globalRegistry, {
    id: 'LeadImageRef',
    description:
      "The article's lead image: an image of the media library by id (alt and caption, when given, replace its own here) and, per placement, a named crop to show instead of the default.",
  });
export type LeadImageRef = z.infer<typeof LeadImageRefSchema>;

/** An image of the library as the public article carries it: ready to put in an <img>. */
export const PublicImageSchema = z
  .object({
    mediaId: z.string(),
    /** The widest rendition. */
    src: z.string(),
    /** Every rendition with its width, for the srcset attribute. */
    srcset: z.string(),
    width: z.number().check(z.int()),
    height: z.number().check(z.int()),
    alt: z.string(),
    caption: z.nullable(z.string()),
    credit: z.nullable(z.string()),
    /** The lead and social images only: every named crop, cut around the image's focal point. */
    crops: z.optional(z.array(PublicCropSchema)),
    /** Which of the crops each placement shows (lead, card, social). */
    placements: z.optional(PlacementCropsSchema),
  })
  .register(z.globalRegistry, {
    id: 'PublicImage',
    description:
      'An image resolved for readers: src (the widest rendition), srcset, the original width and height (aspect ratio), alt, caption and credit. URLs are paths on the CMS origin.',
  });
export type PublicImage = z.infer<typeof PublicImageSchema>;

/** An article's lead image in a public list: enough for a responsive <img>, nothing more. */
export const ListImageSchema = z
  .pick(PublicImageSchema, { src: true, srcset: true, width: true, height: true, alt: true })
  .register(z.globalRegistry, {
    id: 'ListImage',
    description:
      "An article's lead image in a public list, resolved at publish: src (the widest rendition), srcset, width, height and alt.",
  });
export type ListImage = z.infer<typeof ListImageSchema>;
