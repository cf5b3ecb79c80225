import type { Article, SeoInput } from '../api.ts';

/** The article's search and sharing fields as the form edits them: empty text means "not set". */
export interface SeoForm {
  metaTitle: string;
  metaDescription: string;
  canonicalUrl: string;
  /** An image of the media library, the way the console sets the social image. */
  socialImageId: string;
  /** An external URL an article may carry from before (or from the API): kept until removed. */
  socialImageUrl: string;
  noindex: boolean;
}

export const NO_SEO: SeoForm = {
  metaTitle: '',
  metaDescription: '',
  canonicalUrl: '',
  socialImageId: '',
  socialImageUrl: '',
  noindex: false,
};

export const seoFormOf = (seo: Article['seo']): SeoForm => ({
  metaTitle: seo.metaTitle ?? '',
  metaDescription: seo.metaDescription ?? '',
  canonicalUrl: seo.canonicalUrl ?? '',
  socialImageId: seo.socialImage?.mediaId ?? '',
  socialImageUrl: seo.socialImageUrl ?? '',
  noindex: seo.noindex,
});

/** What the API takes: only the fields set, so frontends fall back to the title and standfirst. */
export function seoInputOf(form: SeoForm): SeoInput {
  const text = (value: string) => value.trim();
  return {
    ...(text(form.metaTitle) ? { metaTitle: text(form.metaTitle) } : {}),
    ...(text(form.metaDescription) ? { metaDescription: text(form.metaDescription) } : {}),
    ...(text(form.canonicalUrl) ? { canonicalUrl: text(form.canonicalUrl) } : {}),
    ...(text(form.socialImageUrl) ? { socialImageUrl: text(form.socialImageUrl) } : {}),
    ...(form.socialImageId ? { socialImage: { mediaId: form.socialImageId } } : {}),
    noindex: form.noindex,
  };
}
