import { isGated } from '../access.ts';
import { JSON_LD_CROPS } from '../schemas/cropFacts.ts';
import type { Access } from '../schemas/facts.ts';
import type { SiteSettings } from '../schemas/site.ts';
import type { StoredPublicArticle } from '../store/model.ts';
import { type Author, authorsOfStory } from './authors.ts';
import { articleUrl, authorUrl, mediaUrl, type SiteLinks } from './links.ts';

/**
 * The public article's structured data: a schema.org NewsArticle a frontend pastes into the page
 * as `<script type="application/ld+json">` (escaping `<` as \u003c, which JSON.stringify leaves:
 * see docs/feeds-and-sitemaps.md). Made when the article is read, from the live snapshot and the
 * site settings, so a settings change needs no republishing.
 */
export type JsonLd = Record<string, unknown>;

const person = (site: SiteLinks, author: Author) => {
  const url = authorUrl(site, author);
  return { '@type': 'Person', name: author.name, ...(url ? { url } : {}) };
};

/**
 * Google's markup for subscription and paywalled content: a gated story is not free, and hasPart
 * names the element holding what readers must sign in or subscribe for, so a crawler shown the
 * whole text does not take the page for cloaking.
 */
const accessOf = (site: SiteSettings, access: Access) =>
  isGated(access)
    ? {
        isAccessibleForFree: false,
        hasPart: { '@type': 'WebPageElement', isAccessibleForFree: false, cssSelector: site.paywallSelector },
      }
    : { isAccessibleForFree: true };

export function newsArticleJsonLd(
  site: SiteSettings,
  article: StoredPublicArticle,
  /** The authors: its author records (each with their page), else the byline's people. */
  authors: readonly Author[] = authorsOfStory(article),
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
    author: authors.map((a) => person(site, a)),
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
    ...accessOf(site, article.access),
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
