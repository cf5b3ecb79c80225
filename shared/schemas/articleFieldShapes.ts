import * as z from 'zod/mini';
import {
  ARTICLE_FIELD_KEYS,
  ARTICLE_FIELDS,
  type ArticleFieldKey,
  type ArticleFieldSpec,
  isTextField,
  type TextField,
} from './articleFields.ts';
import { plainLine, plainText } from './text.ts';

/**
 * How ./article.ts builds its schemas from the field table (./articleFields.ts): the plain text
 * fields' schemas, and the table's order for every object of fields.
 */

/** A schema for each field of the table: no more, no fewer. */
export type Fields = Record<ArticleFieldKey, z.ZodMiniType>;

export type Optional<S extends Partial<Fields>> = {
  [K in keyof S]: S[K] extends z.ZodMiniType ? z.ZodMiniOptional<S[K]> : never;
};

/** A plain text field as an editor sends it: one line or paragraphs, its limit; '' where optional. */
export function textInput(spec: TextField): z.ZodMiniType<string, string> {
  const text = spec.text === 'line' ? plainLine(spec.limit) : plainText(spec.limit);
  return spec.required ? text : z.union([z.literal(''), text]);
}

const spec = (key: ArticleFieldKey): ArticleFieldSpec => ARTICLE_FIELDS[key];
export const isRequired = (key: ArticleFieldKey) => spec(key).required === true;
export const isPublic = (key: ArticleFieldKey) => {
  const s = spec(key);
  return isTextField(s) ? s.public : true;
};

/**
 * An object of `field(key)` for the table's fields in its order (what must be given first, with
 * `requiredFirst`; only some, with `only`), so the contract lists the properties in one order.
 * The caller names its type: the table's mapped types say which keys it has.
 */
export function ordered(
  field: (key: ArticleFieldKey) => z.ZodMiniType,
  options: { requiredFirst?: boolean; only?: (key: ArticleFieldKey) => boolean } = {},
): Record<string, z.ZodMiniType> {
  const { requiredFirst = false, only = () => true } = options;
  const keys = ARTICLE_FIELD_KEYS.filter(only);
  const sorted = requiredFirst
    ? [...keys.filter(isRequired), ...keys.filter((key) => !isRequired(key))]
    : keys;
  return Object.fromEntries(sorted.map((key) => [key, field(key)]));
}
