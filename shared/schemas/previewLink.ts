import * as z from 'zod/mini';
import { PREVIEW_TTL } from '../preview.ts';
import { isoTimestamp } from './text.ts';

/** Preview links: a working copy shown to whoever holds the link, until it expires or is revoked. */
export const PreviewRequestSchema = z
  .strictObject({
    expiresInSeconds: z.optional(
      z
        .number()
        .check(
          z.int(),
          z.gte(PREVIEW_TTL.minSeconds, `must be at least ${PREVIEW_TTL.minSeconds} seconds`),
          z.lte(PREVIEW_TTL.maxSeconds, `must be at most ${PREVIEW_TTL.maxSeconds} seconds (7 days)`),
        ),
    ),
  })
  .register(z.globalRegistry, {
    id: 'PreviewRequest',
    description: 'How long the link lives; 24 hours when not given.',
  });

export const PreviewLinkSchema = z
  .object({
    id: z.string(),
    /** The working copy as JSON (what scripts and frontends read). */
    url: z.string(),
    /** The working copy as a page: what an editor opens to see it as readers would. */
    pageUrl: z.string(),
    /** The newsroom's own preview of it (the previewUrl setting filled in); null when none is set. */
    frontendUrl: z.nullable(z.string()),
    token: z.string(),
    expiresAt: isoTimestamp,
    createdAt: isoTimestamp,
    createdBy: z.string(),
  })
  .register(z.globalRegistry, {
    id: 'PreviewLink',
    description:
      "A link that shows the working copy to anyone holding it, until it expires, is revoked, or the article is unpublished: url as JSON, pageUrl as an HTML page. frontendUrl is the newsroom's own frontend showing it (the previewUrl setting), null when that is not set; editors are sent there when it is.",
  });

export const PreviewLinkListSchema = z
  .object({ items: z.array(PreviewLinkSchema) })
  .register(z.globalRegistry, {
    id: 'PreviewLinkList',
    description: "An article's preview links that still open it, oldest first.",
  });
