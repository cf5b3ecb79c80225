import { eachTextField } from '../../../shared/schemas/articleFields.ts';
import type { ArticleInput } from '../api.ts';

/**
 * The content fields an autosave may bring back, each checked for its kind before use: every field
 * the editor sends but the slug (a field added to ArticleInput and not to KINDS fails to compile).
 */
export type RestoredFields = Partial<Omit<ArticleInput, 'slug'>>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const KINDS: Record<keyof RestoredFields, (v: unknown) => boolean> = {
  ...eachTextField(() => (v: unknown) => typeof v === 'string'),
  section: (v) => typeof v === 'string',
  tags: (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'),
  source: (v) => v === null || (isObject(v) && typeof v.name === 'string'),
  body: (v) => Array.isArray(v) && v.every((b) => isObject(b) && typeof b.type === 'string'),
  leadImage: (v) => v === null || (isObject(v) && typeof v.mediaId === 'string'),
  seo: isObject,
  access: (v) => v === 'free' || v === 'registered' || v === 'subscribers',
  authors: (v) => Array.isArray(v) && v.every((a) => typeof a === 'string'),
};

/**
 * The fields of an autosave's text that have the kind the editor expects; undefined when the text
 * is not an object at all. A field of another kind (an older console's) is left out, not trusted.
 */
export function restoredFields(text: string): RestoredFields | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, fits] of Object.entries(KINDS)) {
    if (key in value && fits(value[key])) out[key] = value[key];
  }
  return out as RestoredFields;
}
