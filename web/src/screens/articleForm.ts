import { eachTextField, type TextFieldKey } from '../../../shared/schemas/articleFields.ts';
import type { Article, ArticleInput, BlockInput, LeadImageRef } from '../api.ts';
import { NO_SEO, type SeoForm, seoFormOf, seoInputOf } from './seoForm.ts';

/**
 * The article form's fields as the editor has them, and their conversions from the article read
 * and to what is sent (./useArticleForm.ts keeps them in state). The body is the API's own JSON
 * (the rich-text editor converts its document after each change), so what is sent, compared or
 * kept elsewhere is the body itself. The plain text fields are the field table's.
 */
export interface FormState extends Record<TextFieldKey, string> {
  slug: string;
  section: string;
  /** Tag slugs, in the order chosen. */
  tags: string[];
  sourceName: string;
  sourceUrl: string;
  body: readonly BlockInput[];
  leadImage: LeadImageRef | null;
  seo: SeoForm;
  /** '' on a new article: the section's default, resolved by the API. */
  access: Article['access'] | '';
  /** Author records by slug, in byline order. */
  authors: string[];
}

export const EMPTY_FORM: FormState = {
  ...eachTextField(() => ''),
  slug: '',
  section: '',
  tags: [],
  sourceName: '',
  sourceUrl: '',
  body: [],
  leadImage: null,
  seo: NO_SEO,
  access: '',
  authors: [],
};

/** What formOf reads of a story before its first save. */
export const UNSAVED = {
  ...eachTextField(() => ''),
  slug: '',
  section: '',
  tags: [],
  source: null,
  body: [],
  leadImage: null,
  seo: { noindex: false },
  authors: [],
  access: 'free',
} satisfies Partial<Article>;

export function formOf(article: Article): FormState {
  return {
    ...eachTextField((_, key) => article[key]),
    slug: article.slug,
    section: article.section,
    tags: article.tags,
    sourceName: article.source?.name ?? '',
    sourceUrl: article.source?.url ?? '',
    body: article.body,
    leadImage: article.leadImage,
    seo: seoFormOf(article.seo),
    access: article.access,
    authors: article.authors,
  };
}

export function inputOf(form: FormState): ArticleInput {
  const name = form.sourceName.trim();
  const url = form.sourceUrl.trim();
  return {
    ...eachTextField((_, key) => form[key].trim()),
    ...(form.slug.trim() ? { slug: form.slug.trim() } : {}),
    section: form.section.trim(),
    tags: form.tags,
    source: name || url ? { name, ...(url ? { url } : {}) } : null,
    body: [...form.body],
    leadImage: form.leadImage,
    seo: seoInputOf(form.seo),
    ...(form.access ? { access: form.access } : {}),
    authors: form.authors,
  };
}
