import type { PublicArticle } from '../schemas/article.ts';
import type { PublicCorrection } from '../schemas/articleCorrections.ts';
import type { Access } from '../schemas/facts.ts';
import { asPlaced } from '../services/media/publicCrops.ts';
import { renderBody, renderImage } from './blocks.ts';
import { attr, esc } from './html.ts';
import { safeUrl } from './safeUrl.ts';
import { ARTICLE_PAGE_CSS } from './styles.ts';

/**
 * An article as one HTML page, from its JSON: the public article's shape, so the preview, a
 * comments widget's demo page and a newsroom's own server can all render what readers get. Pure:
 * no I/O, no clock, no globals; the same input gives the same bytes. Everything from the article
 * is escaped and every address goes through the safe-URL rule (safeUrl.ts). The page needs no
 * script and carries none; its only style is ARTICLE_PAGE_CSS (allowed by hash, see csp.ts).
 */
export type PageArticle = Pick<
  PublicArticle,
  'title' | 'standfirst' | 'byline' | 'section' | 'tags' | 'source' | 'updatedAt' | 'leadImage' | 'body'
> & {
  /** Null for a story not published yet (a preview). */
  publishedAt: string | null;
  corrections: readonly PublicCorrection[];
  seo?: { metaTitle?: string | undefined; noindex?: boolean | undefined } | undefined;
  /** Who may read it: labelled under the byline (the page shows the whole text either way). */
  access?: Access | undefined;
};

const ACCESS_NOTES: Record<Access, string> = {
  free: 'Free to read',
  registered: 'For registered readers',
  subscribers: 'For subscribers',
};

export interface PageOptions {
  /** A note above the story, e.g. that this is a preview of unpublished words. */
  notice?: string;
  /** Ask search engines to stay away (meta robots); a preview always does. */
  noindex?: boolean;
  /** The zone dates are shown in (IANA name); UTC by default, so the output does not depend on the host. */
  timeZone?: string;
  /** BCP 47 language of the page ('en' by default). */
  lang?: string;
  /** The locale dates are written in ('en-GB' by default: "1 December 2026 at 09:30"). */
  locale?: string;
}

export function renderArticlePage(article: PageArticle, options: PageOptions = {}): string {
  const lang = options.lang ?? 'en';
  const noindex = options.noindex || article.seo?.noindex === true;
  const title = article.seo?.metaTitle || article.title;
  return `<!doctype html>
<html${attr('lang', lang)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${noindex ? '<meta name="robots" content="noindex, nofollow">\n' : ''}<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${ARTICLE_PAGE_CSS}</style>
</head>
<body>
${options.notice ? `<div class="notice" role="note">${esc(options.notice)}</div>\n` : ''}<main>
<article>
${renderHeader(article, options)}
${renderBody(article.body)}
${renderFooter(article, options)}
</article>
</main>
</body>
</html>
`;
}

function renderHeader(article: PageArticle, options: PageOptions): string {
  const kicker = article.section ? `<p class="kicker">${esc(article.section.replace(/-/g, ' '))}</p>` : '';
  const standfirst = article.standfirst
    ? `<p class="standfirst">${esc(article.standfirst).replace(/\r?\n/g, '<br>')}</p>`
    : '';
  const byline = article.byline ? `<span class="byline">${esc(article.byline)}</span>` : '';
  const when = article.publishedAt
    ? `Published ${time(article.publishedAt, options)}${
        updatedLater(article.publishedAt, article.updatedAt)
          ? `, updated ${time(article.updatedAt, options)}`
          : ''
      }`
    : `Not published yet; last edited ${time(article.updatedAt, options)}`;
  const access = article.access ? `<br><span class="access">${ACCESS_NOTES[article.access]}</span>` : '';
  const meta = `<p class="meta">${byline ? `${byline}<br>` : ''}${when}${access}</p>`;
  // The lead placement's crop (16:9 unless the article chose another), when the image has crops.
  const lead = article.leadImage
    ? renderImage(asPlaced(article.leadImage, 'lead'), 'eager', 'image lead')
    : '';
  return `<header class="story">
${kicker}<h1>${esc(article.title)}</h1>
${standfirst}${meta}
</header>
${lead}`;
}

function renderFooter(article: PageArticle, options: PageOptions): string {
  const parts: string[] = [];
  if (article.source) {
    const href = safeUrl(article.source.url);
    const name = esc(article.source.name);
    parts.push(`<p class="source">Source: ${href ? `<a${attr('href', href)}>${name}</a>` : name}</p>`);
  }
  if (article.tags.length > 0) {
    parts.push(`<p class="tags">Tags: ${article.tags.map((t) => esc(t)).join(', ')}</p>`);
  }
  if (article.corrections.length > 0) {
    const items = article.corrections
      .map((c) => `<li><p>${esc(c.text).replace(/\r?\n/g, '<br>')}</p>${time(c.at, options)}</li>`)
      .join('');
    parts.push(
      `<section class="corrections" aria-labelledby="corrections-title"><h2 id="corrections-title">Corrections</h2><ul>${items}</ul></section>`,
    );
  }
  return parts.length > 0 ? `<footer>\n${parts.join('\n')}\n</footer>` : '';
}

/** An update in the same minute as publication (the publish itself) is not worth a line. */
const updatedLater = (published: string, updated: string) =>
  Date.parse(updated) - Date.parse(published) >= 60_000;

/** A <time> with the instant as given and a readable date; an unreadable one is shown as it is. */
function time(iso: string, options: PageOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return `<time>${esc(iso)}</time>`;
  let text: string;
  try {
    text = new Intl.DateTimeFormat(options.locale ?? 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: options.timeZone ?? 'UTC',
    }).format(date);
    text += options.timeZone ? '' : ' UTC';
  } catch {
    text = date.toISOString();
  }
  return `<time${attr('datetime', date.toISOString())}>${esc(text)}</time>`;
}
