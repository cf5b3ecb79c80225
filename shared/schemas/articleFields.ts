import { ARTICLE_LIMITS } from './facts.ts';

/**
 * Every field an editor sets on an article, declared once: the create, patch, stored and public
 * schemas (./article.ts), the defaults of a new article, the store's readers, the OpenAPI examples,
 * the console's form and its diff all enumerate this table. Plain data, free of zod like ./facts.ts,
 * so the console reads it without a schema library.
 *
 * A plain text field is one line here: its schema, default (''), form control and diff row derive
 * from it. A field with a shape of its own (the body, tags, the lead image...) keeps its bespoke
 * schema and component, and is listed so each view must decide about it: a key missing from one
 * of their maps fails to compile. CONTRIBUTING.md "Add an article field" has the recipe.
 */

/** A plain text field: everything about it derives from this entry. */
export interface TextField {
  /** How the console names it: the form's label and the diff's row. */
  readonly label: string;
  /** One line (no line breaks) or paragraphs. */
  readonly text: 'line' | 'paragraphs';
  readonly limit: number;
  /** Required to create an article, and never empty; otherwise optional and '' by default. */
  readonly required?: true;
  /** Whether readers get it: the public article and its list entries. */
  readonly public: boolean;
  /** What the OpenAPI examples show where the sample story has none. */
  readonly example: string;
  /** The console's control: an input, or a textarea of `rows`; with a character count or not. */
  readonly form: { readonly rows?: number; readonly counted?: true; readonly hint?: string };
}

/** A field with a shape of its own: its schema, component and diff rows are written where they live. */
export interface BespokeField {
  readonly label: string;
  readonly required?: true;
  /** Readers get it as stored, or resolved when it is published (library images, author records). */
  readonly public: 'as stored' | 'resolved';
  /**
   * In the article form (web/src/screens/contentFields.tsx BESPOKE), in a place of its own in the
   * editor (the body, the search fields), or not set by the editor at all.
   */
  readonly form: 'bespoke' | 'elsewhere' | 'none';
  /** Its own rows in the console's diff (web/src/diff.ts BESPOKE_ROWS), or not compared. */
  readonly diff: 'bespoke' | 'none';
}

export type ArticleFieldSpec = TextField | BespokeField;

/** In the order the API shows them (the contract's schemas list their properties so). */
export const ARTICLE_FIELDS = {
  slug: { label: 'Slug', public: 'as stored', form: 'bespoke', diff: 'bespoke' },
  title: {
    label: 'Title',
    text: 'line',
    limit: ARTICLE_LIMITS.title,
    required: true,
    public: true,
    example: 'Tram extension would fell 60 trees in Linden Park',
    form: { counted: true },
  },
  section: { label: 'Section', required: true, public: 'as stored', form: 'bespoke', diff: 'bespoke' },
  standfirst: {
    label: 'Standfirst',
    text: 'paragraphs',
    limit: ARTICLE_LIMITS.standfirst,
    public: true,
    example: 'Residents have until 12 December to respond to the consultation.',
    form: { rows: 2, counted: true },
  },
  body: { label: 'Body', required: true, public: 'resolved', form: 'elsewhere', diff: 'bespoke' },
  tags: { label: 'Tags', public: 'as stored', form: 'bespoke', diff: 'bespoke' },
  byline: {
    label: 'Byline',
    text: 'line',
    limit: ARTICLE_LIMITS.byline,
    public: true,
    example: 'Maren Holloway',
    form: {},
  },
  source: { label: 'Source', public: 'as stored', form: 'bespoke', diff: 'bespoke' },
  // Opened and closed from the thread panel (PATCH), not the form; not a difference between versions.
  commentsEnabled: { label: 'Comments', public: 'as stored', form: 'none', diff: 'none' },
  seo: { label: 'Search and sharing', public: 'resolved', form: 'elsewhere', diff: 'bespoke' },
  leadImage: { label: 'Lead image', public: 'resolved', form: 'bespoke', diff: 'bespoke' },
  access: { label: 'Access', public: 'as stored', form: 'bespoke', diff: 'bespoke' },
  authors: { label: 'Authors', public: 'resolved', form: 'bespoke', diff: 'bespoke' },
} as const satisfies Record<string, ArticleFieldSpec>;

type Fields = typeof ARTICLE_FIELDS;
export type ArticleFieldKey = keyof Fields;
/** Those of `Keys` whose entry matches `Entry` (has its properties, of its values). */
type KeysWhere<Keys extends ArticleFieldKey, Entry> = {
  [K in Keys]: Fields[K] extends Entry ? K : never;
}[Keys];
/** The plain text fields, whose every view derives from their entry. */
export type TextFieldKey = KeysWhere<ArticleFieldKey, TextField>;
export type BespokeFieldKey = Exclude<ArticleFieldKey, TextFieldKey>;
/** What a new article must be given. */
export type RequiredFieldKey = KeysWhere<ArticleFieldKey, { required: true }>;
/** Fields readers get resolved at publish, in a public shape of their own. */
export type ResolvedFieldKey = KeysWhere<BespokeFieldKey, { public: 'resolved' }>;
export type OptionalFieldKey = Exclude<ArticleFieldKey, RequiredFieldKey>;
/** Plain text fields readers do not get. */
export type PrivateTextKey = KeysWhere<TextFieldKey, { public: false }>;
/** Fields with a component of their own in the article form. */
export type BespokeFormKey = KeysWhere<BespokeFieldKey, { form: 'bespoke' }>;
/** Fields with rows of their own in the console's diff. */
export type BespokeDiffKey = KeysWhere<BespokeFieldKey, { diff: 'bespoke' }>;

export const ARTICLE_FIELD_KEYS = Object.keys(ARTICLE_FIELDS) as ArticleFieldKey[];

export const isTextField = (spec: ArticleFieldSpec): spec is TextField => 'text' in spec;

/** The plain text fields with their entries, in the table's order. */
export const TEXT_FIELDS = ARTICLE_FIELD_KEYS.flatMap((key) => {
  const spec: ArticleFieldSpec = ARTICLE_FIELDS[key];
  return isTextField(spec) ? [[key as TextFieldKey, spec] as const] : [];
});

/** A value for each plain text field, in the table's order. */
export function eachTextField<T>(value: (spec: TextField, key: TextFieldKey) => T): Record<TextFieldKey, T> {
  return Object.fromEntries(TEXT_FIELDS.map(([key, spec]) => [key, value(spec, key)])) as Record<
    TextFieldKey,
    T
  >;
}

/** The same fields in the table's order. */
export const inFieldOrder = <T extends Record<ArticleFieldKey, unknown>>(fields: T): T =>
  Object.fromEntries(ARTICLE_FIELD_KEYS.map((key) => [key, fields[key]])) as T;

/** What readers may get of some fields: without the plain text fields the table keeps private. */
export function withoutPrivateText<T extends object>(fields: T): Omit<T, PrivateTextKey> {
  const kept = Object.entries(fields).filter(([key]) => {
    const spec: ArticleFieldSpec | undefined = ARTICLE_FIELDS[key as ArticleFieldKey];
    return !(spec && isTextField(spec) && !spec.public);
  });
  return Object.fromEntries(kept) as Omit<T, PrivateTextKey>;
}

/** '' for each optional plain text field: what a new article has where its author gave none. */
export const textDefaults = () =>
  Object.fromEntries(TEXT_FIELDS.flatMap(([key, spec]) => (spec.required ? [] : [[key, '']]))) as Record<
    Exclude<TextFieldKey, RequiredFieldKey>,
    string
  >;

/**
 * The order of the console's article form and of its diff rows (the search fields, shown in a
 * section of their own, and the body, in the editor's main column, are compared last). Every field
 * is placed: a field left out fails to compile (consoleOrderIsComplete below).
 */
export const CONSOLE_ORDER = [
  'title',
  'slug',
  'standfirst',
  'section',
  'tags',
  'access',
  'byline',
  'authors',
  'source',
  'leadImage',
  'seo',
  'commentsEnabled',
  'body',
] as const satisfies readonly ArticleFieldKey[];

/** Fails to compile while a field of the table is missing from CONSOLE_ORDER. */
const consoleOrderIsComplete: Exclude<ArticleFieldKey, (typeof CONSOLE_ORDER)[number]> extends never
  ? true
  : Exclude<ArticleFieldKey, (typeof CONSOLE_ORDER)[number]> = true;
void consoleOrderIsComplete;
