import * as z from 'zod/mini';
import { isoTimestamp } from './text.ts';
import { NOT_WELL_FORMED, wellFormed } from './textChecks.ts';

/**
 * The writing desk's companions to the editor: one person's autosaved edits of an article, and
 * who else has it open. Neither is a revision or part of the article; both expire by themselves.
 */
export const DESK_LIMITS = {
  /** The autosave's text, in UTF-8 bytes: the article's own cap (services/articles/checks.ts). */
  autosaveBytes: 256 * 1024,
  /** An autosave nobody restored or discarded goes after this (its item's TTL). */
  autosaveDays: 30,
  /** How often an open editor says it is still there. */
  heartbeatSeconds: 30,
  /** How long one heartbeat counts: two missed ones and the person is gone from the line. */
  presenceSeconds: 75,
  /**
   * The console's autosave: a write this long after typing stops, and at most one write in this
   * many seconds while typing goes on (web/src/desk/autosave.ts; README figures in docs/desk.md).
   */
  autosaveIdleSeconds: 2,
  autosaveEverySeconds: 5,
} as const;

/** JSON text of an object: what the editor had in its fields, in its own shape. */
function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

export const AutosaveInputSchema = z
  .strictObject({
    baseVersion: z
      .number()
      .check(z.int('must be a whole number'), z.gte(1, 'must be a version of the article, from 1')),
    content: z
      .string()
      .check(
        z.minLength(2, 'must be the JSON text of an object'),
        z.refine<string>(wellFormed, NOT_WELL_FORMED),
        z.refine<string>(isJsonObject, 'must be the JSON text of an object'),
      ),
  })
  .register(z.globalRegistry, {
    id: 'AutosaveInput',
    description:
      "The caller's unsaved edits of the article: the version they started from, and the editor's fields as the JSON text of an object (at most 256 KB, opaque to the server: the edits need not be a valid article yet).",
  });
export type AutosaveInput = z.infer<typeof AutosaveInputSchema>;

/** A story not yet created has no version: its autosave is the fields alone. */
export const NewArticleAutosaveInputSchema = z
  .strictObject({ content: AutosaveInputSchema.shape.content })
  .register(z.globalRegistry, {
    id: 'NewArticleAutosaveInput',
    description:
      "The caller's unsaved new article, before its first save: the editor's fields as the JSON text of an object (at most 256 KB, opaque to the server).",
  });
export type NewArticleAutosaveInput = z.infer<typeof NewArticleAutosaveInputSchema>;

export const NewArticleAutosaveSchema = z
  .object({ content: z.string(), savedAt: isoTimestamp, expiresAt: isoTimestamp })
  .register(z.globalRegistry, {
    id: 'NewArticleAutosave',
    description:
      "The caller's own unsaved new article, as sent, with when it was saved and when it expires unless created or discarded first.",
  });
export type NewArticleAutosave = z.infer<typeof NewArticleAutosaveSchema>;

export const AutosaveSchema = z
  .object({
    articleId: z.string(),
    baseVersion: z.number(),
    content: z.string(),
    savedAt: isoTimestamp,
    expiresAt: isoTimestamp,
  })
  .register(z.globalRegistry, {
    id: 'Autosave',
    description:
      "The caller's own autosaved edits of the article, as sent, with when they were saved and when they expire unless saved or discarded first.",
  });
export type Autosave = z.infer<typeof AutosaveSchema>;

/**
 * Which desk a heartbeat is from: the article's editor (the default), or its live desk, where the
 * coverage's contributors post entries without being able to see the article's working copy.
 */
export const PresenceDeskSchema = z.enum(['article', 'live']);
export type PresenceDesk = z.infer<typeof PresenceDeskSchema>;

export const PresenceInputSchema = z
  .strictObject({ unsaved: z.boolean(), desk: z.optional(PresenceDeskSchema) })
  .register(z.globalRegistry, {
    id: 'PresenceInput',
    description:
      "A heartbeat of an open editor: whether the caller has edits not yet saved, and which desk it is from (article, the default, or live: the live desk of the article's coverage, open to its contributors).",
  });

export const PresenceLeaveQuerySchema = z.object({ desk: z.optional(PresenceDeskSchema) });

export const PresenceListSchema = z
  .object({
    items: z.array(
      z.object({
        user: z.string(),
        unsaved: z.boolean(),
        seenAt: isoTimestamp,
      }),
    ),
    heartbeatSeconds: z.number(),
  })
  .register(z.globalRegistry, {
    id: 'PresenceList',
    description:
      'Who else has the article open (the caller is not listed), by user id, whether they have unsaved edits, and how often to send the next heartbeat.',
  });
export type PresenceList = z.infer<typeof PresenceListSchema>;
