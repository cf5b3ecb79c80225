import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { EXAMPLES } from '../../infra/contract/allExamples.ts';
import {
  ArticleContentSchema,
  ArticleCreateSchema,
  ArticlePatchSchema,
  ArticleViewSchema,
  PublicArticleSchema,
} from '../../shared/schemas/article.ts';
import {
  ARTICLE_FIELD_KEYS,
  ARTICLE_FIELDS,
  type ArticleFieldSpec,
  CONSOLE_ORDER,
  isTextField,
  TEXT_FIELDS,
} from '../../shared/schemas/articleFields.ts';
import { PublicArticleSummarySchema } from '../../shared/schemas/articleLists.ts';
import { contentDefaults } from '../../shared/services/articles/editing.ts';
import { parse, SHAPES } from '../../shared/store/model.ts';
import { restoredFields } from '../../web/src/desk/restoredFields.ts';
import { DIFF_ROWS, diffContent } from '../../web/src/diff.ts';
import { EMPTY_FORM, formOf, inputOf } from '../../web/src/screens/articleForm.ts';

/**
 * The field table (shared/schemas/articleFields.ts) holds for every field: each place that
 * derives from it has it as declared. A field added to the table and forgotten somewhere fails here
 * (or does not compile); CONTRIBUTING.md "Add an article field" is the recipe this checks.
 */
const spec = (key: string): ArticleFieldSpec => ARTICLE_FIELDS[key as keyof typeof ARTICLE_FIELDS];
const isOptional = (schema: z.ZodMiniType | undefined) => schema?._zod.def.type === 'optional';
const isPublic = (key: string) => {
  const s = spec(key);
  return isTextField(s) ? s.public : true;
};
const contract = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../shared/contract/openapi.json'), 'utf8'),
);
const contractProperties = (name: string): string[] =>
  Object.keys(contract.components.schemas[name]?.properties ?? {});

describe.each(ARTICLE_FIELD_KEYS)('the article field %s', (key) => {
  const field = spec(key);

  it('is in the create, patch, stored and public schemas as the table declares', () => {
    expect(ArticleCreateSchema.shape).toHaveProperty(key);
    expect(isOptional(ArticleCreateSchema.shape[key])).toBe(field.required !== true);
    expect(isOptional(ArticlePatchSchema.shape[key])).toBe(true);
    expect(ArticleContentSchema.shape).toHaveProperty(key);
    expect(ArticleViewSchema.shape).toHaveProperty(key);
    expect(key in PublicArticleSchema.shape).toBe(isPublic(key));
  });

  it('is in the generated contract (npm run contract was run)', () => {
    for (const name of ['ArticleCreate', 'ArticlePatch', 'Article'])
      expect(contractProperties(name)).toContain(key);
    expect(contractProperties('PublicArticle').includes(key)).toBe(isPublic(key));
  });

  it('is read back by the store, and kept on the live snapshot when public', () => {
    expect(SHAPES.content).toHaveProperty(key);
    expect(SHAPES.article).toHaveProperty(key);
    expect(key in SHAPES.publicArticle).toBe(isPublic(key));
  });

  it('has a default unless it is required or worked out (slug, access)', () => {
    const defaults: Record<string, unknown> = contentDefaults();
    expect(key in defaults).toBe(field.required !== true && key !== 'slug' && key !== 'access');
  });

  it('has a place in the console and a diff decision', () => {
    expect(CONSOLE_ORDER).toContain(key);
    const rows = DIFF_ROWS.filter((row) => row.field === key || row.field.startsWith(`${key}.`));
    if (isTextField(field) || field.diff === 'bespoke') {
      if (key !== 'body') expect(rows.length).toBeGreaterThan(0);
    } else expect(rows).toEqual([]);
  });

  it('is in the OpenAPI examples, which the schemas accept', () => {
    const article = EXAMPLES.Article as Record<string, unknown>;
    const publicArticle = EXAMPLES.PublicArticle as Record<string, unknown>;
    expect(article).toHaveProperty(key);
    expect(key in publicArticle).toBe(isPublic(key));
    expect((EXAMPLES.Revision as { content: object }).content).toHaveProperty(key);
  });
});

describe.each(TEXT_FIELDS)('the plain text field %s', (key, field) => {
  const limit = 'x'.repeat(field.limit);

  it('takes its limit and refuses one character more, naming the field', () => {
    expect(ArticlePatchSchema.safeParse({ [key]: limit }).success).toBe(true);
    const over = ArticlePatchSchema.safeParse({ [key]: `${limit}x` });
    expect(over.error?.issues[0]?.path).toEqual([key]);
  });

  it(`takes '' only when optional, and a line break only in paragraphs`, () => {
    expect(ArticlePatchSchema.safeParse({ [key]: '' }).success).toBe(field.required !== true);
    expect(ArticlePatchSchema.safeParse({ [key]: 'one\ntwo' }).success).toBe(field.text === 'paragraphs');
  });

  it('reads as blank from an item stored before it existed, unless the store names it', () => {
    const item = { ...(EXAMPLES.Revision as Record<string, unknown>) };
    const content = { ...(item.content as Record<string, unknown>) };
    delete content[key];
    const read = () => parse.revision({ ...item, content });
    if (['title', 'standfirst', 'byline'].includes(key)) expect(read).toThrow(key);
    else expect(read().content[key]).toBe('');
  });

  it('is a control of the console form, sent trimmed and brought back by an autosave', () => {
    expect(EMPTY_FORM[key]).toBe('');
    expect(inputOf({ ...EMPTY_FORM, [key]: '  Quay  ' })[key]).toBe('Quay');
    const article = EXAMPLES.Article as Parameters<typeof formOf>[0];
    expect(formOf({ ...article, [key]: 'From the API' })[key]).toBe('From the API');
    expect(restoredFields(JSON.stringify({ [key]: 'Autosaved' }))?.[key]).toBe('Autosaved');
  });

  it('is a row of the console diff, under its label', () => {
    const base = inputOf(EMPTY_FORM);
    expect(diffContent(base, { ...base, [key]: 'Changed' })).toEqual([
      { field: key, label: field.label, left: '', right: 'Changed' },
    ]);
  });

  it('is in the list entries readers get when public', () => {
    expect(key in PublicArticleSummarySchema.shape).toBe(field.public);
  });
});

it('examples of the article schemas validate against them', () => {
  for (const [name, schema] of [
    ['ArticleCreate', ArticleCreateSchema],
    ['ArticlePatch', ArticlePatchSchema],
    ['Article', ArticleViewSchema],
    ['PublicArticle', z.strictObject(PublicArticleSchema.shape)],
  ] as const) {
    expect(schema.safeParse(EXAMPLES[name]).error?.issues ?? [], name).toEqual([]);
  }
});
