import { JSON_LD_CROPS } from '../schemas/cropFacts.ts';
import type { SiteSettings } from '../schemas/site.ts';
import type { StoredPublicArticle } from '../store/model.ts';
import { type Author, authorsOf } from './authors.ts';
import { articleUrl, mediaUrl } from './links.ts';

/**
 * The public article's structured data: a schema.org NewsArticle a frontend pastes into the page
 * as `<script type="application/ld+json">` (escaping `<` as \u003c, which JSON.stringify leaves:
 * see docs/feeds-and-sitemaps.md). Made when the article is read, from the live snapshot and the
 * site settings, so a settings change needs no republishing.
 */
export type JsonLd = Record<string, unknown>;

const person = (author: Author) => ({
  '@type': 'Person',
  name: author.name,
  ...(author.page ? { url: author.page } : {}),
});

export function newsArticleJsonLd(
  site: SiteSettings,
  article: StoredPublicArticle,
  /** The authors, by default read from the byline (see authors.ts: records come later). */
  authors: readonly Author[] = authorsOf(article.byline),
): JsonLd {
  const url = article.seo.canonicalUrl ?? articleUrl(site, article);
  const image = article.seo.socialImage ?? article.leadImage;
  const description = article.seo.metaDescription ?? article.standfirst;
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': url,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    headline: article.title,
    ...(description ? { description } : {}),
    datePublished: new Date(article.publishedAt).toISOString(),
    dateModified: new Date(article.updatedAt).toISOString(),
    author: authors.map(person),
    ...(image
      ? {
          image: [
            // The crops first (docs/crops.md), each at its widest, then the whole image.
            ...JSON_LD_CROPS.flatMap((ratio) => {
              const crop = image.crops?.find((c) => c.ratio === ratio);
              return crop
                ? [
                    {
                      '@type': 'ImageObject',
                      url: mediaUrl(site, crop.src),
                      width: crop.width,
                      height: crop.height,
                    },
                  ]
                : [];
            }),
            {
              '@type': 'ImageObject',
              url: mediaUrl(site, image.src),
              width: image.width,
              height: image.height,
              ...(image.caption ? { caption: image.caption } : {}),
              ...(image.credit ? { creditText: image.credit } : {}),
            },
          ],
        }
      : article.seo.socialImageUrl
        ? { image: [article.seo.socialImageUrl] }
        : {}),
    publisher: { '@type': 'NewsMediaOrganization', name: site.publicationName, url: site.baseUrl },
    articleSection: article.section,
    keywords: article.tags,
    inLanguage: site.language,
    // Until an access field exists, every story is free to read.
    isAccessibleForFree: true,
    ...(article.corrections.length > 0
      ? {
          correction: article.corrections.map((c) => ({
            '@type': 'CorrectionComment',
            text: c.text,
            datePublished: new Date(c.at).toISOString(),
          })),
        }
      : {}),
  };
}
