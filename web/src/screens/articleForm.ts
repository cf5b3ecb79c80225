import { useRef, useState } from 'preact/hooks';
import type { Article, ArticleInput, BlockInput, LeadImageRef } from '../api.ts';
import type { Access } from './accessField.tsx';
import { NO_SEO, type SeoForm, seoFormOf, seoInputOf } from './seo.tsx';

/**
 * The article form's state, in one place: the article as last read or saved, its ETag, the fields
 * as the editor has them, and whether they differ from what was read. The body is the API's own
 * JSON (the rich-text editor converts its document after each change), so what is sent, compared
 * or kept elsewhere is the body itself.
 */
export interface FormState {
  title: string;
  slug: string;
  standfirst: string;
  section: string;
  /** Tag slugs, in the order chosen. */
  tags: string[];
  byline: string;
  sourceName: string;
  sourceUrl: string;
  body: readonly BlockInput[];
  leadImage: LeadImageRef | null;
  seo: SeoForm;
  /** '' on a new article: the section's default, resolved by the API. */
  access: Access | '';
  /** Author records by slug, in byline order. */
  authors: string[];
}

export const EMPTY_FORM: FormState = {
  title: '',
  slug: '',
  standfirst: '',
  section: '',
  tags: [],
  byline: '',
  sourceName: '',
  sourceUrl: '',
  body: [],
  leadImage: null,
  seo: NO_SEO,
  access: '',
  authors: [],
};

/** What formOf reads of a story before its first save. */
const UNSAVED = {
  title: '',
  slug: '',
  standfirst: '',
  section: '',
  tags: [],
  byline: '',
  source: null,
  body: [],
  leadImage: null,
  seo: { noindex: false },
  authors: [],
  access: 'free',
} satisfies Partial<Article>;

export function formOf(article: Article): FormState {
  return {
    title: article.title,
    slug: article.slug,
    standfirst: article.standfirst,
    section: article.section,
    tags: article.tags,
    byline: article.byline,
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
    title: form.title.trim(),
    ...(form.slug.trim() ? { slug: form.slug.trim() } : {}),
    standfirst: form.standfirst.trim(),
    section: form.section.trim(),
    tags: form.tags,
    byline: form.byline.trim(),
    source: name || url ? { name, ...(url ? { url } : {}) } : null,
    body: [...form.body],
    leadImage: form.leadImage,
    seo: seoInputOf(form.seo),
    ...(form.access ? { access: form.access } : {}),
    authors: form.authors,
  };
}

const same = (a: FormState, b: FormState) => JSON.stringify(inputOf(a)) === JSON.stringify(inputOf(b));

/** The form of an article: its fields, what they were read as, and the article and ETag behind them. */
export function useArticleForm() {
  const [article, setArticle] = useState<Article>();
  const [etag, setEtag] = useState<string>();
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [baseline, setBaseline] = useState<FormState>(EMPTY_FORM);
  const dirtyRef = useRef(false);
  dirtyRef.current = !same(form, baseline);

  /** Takes an article as read or saved; its fields replace the form's unless `resetForm` is false. */
  const adopt = (next: Article, nextEtag: string | undefined, resetForm = true) => {
    setArticle(next);
    setEtag(nextEtag ?? `"${next.version}"`);
    if (resetForm) {
      const f = formOf(next);
      setForm(f);
      setBaseline(f);
    }
  };
  const update = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));
  /**
   * Puts an autosaved draft's fields back as unsaved edits, against the version they started from:
   * a save then meets the conflict panel if someone saved since, instead of overwriting them.
   */
  const restore = (fields: Partial<Article>, baseVersion: number) => {
    if (article) {
      setForm(formOf({ ...article, ...fields } as Article));
      setEtag(`"${baseVersion}"`);
      return;
    }
    // A story not saved yet has no article and no version: its fields land on the empty form, and
    // an access left unchosen stays the section's default.
    setForm({ ...formOf({ ...UNSAVED, ...fields } as Article), access: fields.access ?? '' });
  };
  return { article, etag, form, baseline, dirtyRef, adopt, update, restore };
}
