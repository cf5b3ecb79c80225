import * as z from 'zod/mini';
import { DEFAULT_PAYWALL_SELECTOR } from '../access.ts';
import { isoTimestamp, plainLine } from './text.ts';

/**
 * The site's settings: where its articles live on the newsroom's own site and how the CMS names it
 * in feeds, sitemaps and structured data. Admins set them (PUT /v1/admin/settings/site); the public
 * reads apply them to links when they answer, so a change reaches every feed, sitemap and
 * article's jsonLd without rebuilding anything.
 */

/** The placeholders an article path may use; {slug} is required (it is what makes a path unique). */
export const ARTICLE_PATH_PLACEHOLDERS = ['section', 'slug', 'id', 'yyyy', 'mm', 'dd'] as const;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** An absolute http(s) URL with no query, fragment or credentials; a trailing slash is dropped. */
const siteUrl = z.string().check(
  z.maxLength(300, 'must be at most 300 characters'),
  z.refine((value: string) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        url.hostname.length > 0 &&
        !url.username &&
        !url.password &&
        !url.search &&
        !url.hash &&
        value === value.trim()
      );
    } catch {
      return false;
    }
  }, 'must be an absolute http(s) URL without query, fragment or credentials, e.g. https://news.example.org'),
  z.overwrite((value: string) => value.replace(/\/+$/, '')),
);

const articlePath = z.string().check(
  z.maxLength(200, 'must be at most 200 characters'),
  z.refine((p: string) => p.startsWith('/'), 'must start with /'),
  z.refine((p: string) => p.includes('{slug}'), 'must contain {slug}'),
  z.refine(
    (p: string) =>
      [...p.matchAll(PLACEHOLDER)].every((m) =>
        (ARTICLE_PATH_PLACEHOLDERS as readonly string[]).includes(m[1] ?? ''),
      ) && !/[{}]/.test(p.replace(PLACEHOLDER, '')),
    `may use only the placeholders ${ARTICLE_PATH_PLACEHOLDERS.map((n) => `{${n}}`).join(', ')}`,
  ),
  // What is left once placeholders are filled must be a path: no spaces, query or fragment.
  z.refine(
    (p: string) => /^[A-Za-z0-9\-._~/!$&'()*+,;=:@%]*$/.test(p.replace(PLACEHOLDER, '')),
    'must be a URL path (no spaces, ? or #)',
  ),
);

/** An author's page on the site: a path with {slug}, the one placeholder it may use. */
const authorPath = z.string().check(
  z.maxLength(200, 'must be at most 200 characters'),
  z.refine((p: string) => p.startsWith('/'), 'must start with /'),
  z.refine((p: string) => p.includes('{slug}'), 'must contain {slug}'),
  z.refine(
    (p: string) => /^[A-Za-z0-9\-._~/!$&'()*+,;=:@%]*$/.test(p.replaceAll('{slug}', '')),
    'may use only the placeholder {slug}, and must be a URL path (no spaces, ? or #)',
  ),
);

export const SiteSettingsSchema = z
  .strictObject({
    /** The newsroom's site, where readers read articles: https://news.example.org */
    baseUrl: siteUrl,
    /** An article's path on that site, e.g. /{section}/{slug} or /{yyyy}/{mm}/{dd}/{slug}. */
    articlePath,
    /** The publication's name as Google News and feed readers show it. */
    publicationName: plainLine(120),
    /** The language of the articles: an ISO 639 code, with a region when needed (en, de, zh-tw). */
    language: z
      .string()
      .check(
        z.regex(
          /^[a-z]{2,3}(-[a-z0-9]{2,8})?$/,
          'must be an ISO 639 language code in lowercase, e.g. en, de or zh-tw',
        ),
      ),
    /** Whether feeds carry each story's whole body as HTML (else title, summary and link only). */
    fullBodyInFeeds: z.boolean(),
    /**
     * Where images' paths (/media/...) are served from, when not from baseUrl: the CMS's own
     * CloudFront domain, unless the site forwards /media/* to it.
     */
    mediaBaseUrl: z.optional(siteUrl),
    /**
     * The CSS selector of the element that holds a gated story's paywalled part on the site's
     * pages: jsonLd's hasPart names it for search engines (docs/access.md). Optional on input.
     */
    paywallSelector: z._default(
      plainLine(200).check(
        z.regex(/^[^<>{}]+$/, 'must be a CSS selector without < > { }, e.g. .paywall'),
        z.refine((v: string) => v.trim() !== '', 'must not be empty'),
      ),
      DEFAULT_PAYWALL_SELECTOR,
    ),
    /** An author's page on the site, e.g. /author/{slug} (the default when left out). */
    authorPath: z.optional(authorPath),
  })
  .register(z.globalRegistry, {
    id: 'SiteSettings',
    description:
      "Where articles live on the newsroom's site and how feeds, sitemaps and structured data name it: baseUrl plus articlePath (placeholders {section}, {slug}, {id}, {yyyy}, {mm}, {dd}; {slug} required) is an article's URL; publicationName and language go into the Google News sitemap, feeds and jsonLd; fullBodyInFeeds puts each story's body in feeds as HTML; mediaBaseUrl is where image paths (/media/...) resolve when the site does not forward them; authorPath (placeholder {slug}; /author/{slug} when left out) is an author's page, which feeds and jsonLd link; paywallSelector (default .paywall) is the CSS selector of the paywalled part of a registered or subscribers story's page, named in its jsonLd hasPart.",
  });
export type SiteSettingsInput = z.input<typeof SiteSettingsSchema>;

export const SiteSettingsViewSchema = z
  .extend(SiteSettingsSchema, {
    /** When they were last changed, and by whom; null for the defaults never saved. */
    updatedAt: z.nullable(isoTimestamp),
    updatedBy: z.nullable(z.string()),
  })
  .register(z.globalRegistry, {
    id: 'SiteSettingsView',
    description: 'The site settings in force, with when and by whom they were last changed.',
  });
export type SiteSettings = z.infer<typeof SiteSettingsViewSchema>;
