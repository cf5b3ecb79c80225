import type { PublicBlock, PublicImageBlock } from '../schemas/articleBody.ts';
import type { Span } from '../schemas/spans.ts';
import { attr, esc } from './html.ts';
import { renderRichText } from './richText.ts';
import { safeSrcset, safeUrl } from './safeUrl.ts';

/**
 * One body block as HTML. The blocks are those of the public article (a library image resolved to
 * src, srcset, width, height, credit); a block of a type this renderer does not know (a record
 * newer than its code) renders as nothing rather than failing the page.
 */
export type RenderableBlock = PublicBlock;

/** What an image needs to become an <img>: the public article's image fields. */
export type RenderableImage = Pick<PublicImageBlock, 'src' | 'alt' | 'srcset' | 'width' | 'height'> & {
  caption?: string | null | undefined;
  credit?: string | null | undefined;
};

/** The column is at most 42rem: wider renditions are only fetched by dense screens. */
const SIZES = '(min-width: 46rem) 42rem, calc(100vw - 2rem)';

export function renderBlock(block: RenderableBlock): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${renderRichText(block.text)}</p>`;
    case 'heading': {
      const level = [2, 3, 4].includes(block.level) ? block.level : 2;
      return `<h${level}>${renderRichText(block.text)}</h${level}>`;
    }
    case 'quote':
      return renderQuote(block);
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${renderRichText(item)}</li>`).join('')}</${tag}>`;
    }
    case 'image':
      return renderImage(block, 'lazy');
    case 'embed':
      return renderEmbed(block.url);
    default:
      return '';
  }
}

export const renderBody = (blocks: readonly RenderableBlock[]): string => blocks.map(renderBlock).join('\n');

type Quote = Extract<RenderableBlock, { type: 'quote' }>;

/**
 * A quote: the words in <q> (the browser adds the quotation marks, so no house style is baked in)
 * between their reporting clauses, and who said it as the figure's caption.
 */
function renderQuote(block: Quote): string {
  const clause = (text: string | readonly Span[] | undefined) =>
    text === undefined || (typeof text === 'string' ? text : text.map((s) => s.text).join('')) === ''
      ? ''
      : renderRichText(text);
  const before = clause(block.before);
  const after = clause(block.after);
  const words = `${before ? `${before} ` : ''}<q>${renderRichText(block.text)}</q>${after ? ` ${after}` : ''}`;
  const who = block.attribution ? `<figcaption>${esc(block.attribution)}</figcaption>` : '';
  return `<figure class="quote"><blockquote><p>${words}</p></blockquote>${who}</figure>`;
}

/** An image in a figure with its caption and credit; one whose src fails the URL rule is left out. */
export function renderImage(image: RenderableImage, loading: 'lazy' | 'eager', kind = 'image'): string {
  const src = safeUrl(image.src);
  const caption = [
    image.caption ? esc(image.caption) : '',
    image.credit ? `<span class="credit">${esc(image.credit)}</span>` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const figcaption = caption ? `<figcaption>${caption}</figcaption>` : '';
  if (src === null) {
    return figcaption ? `<figure${attr('class', kind)}>${figcaption}</figure>` : '';
  }
  const srcset = safeSrcset(image.srcset);
  const size =
    image.width && image.height ? `${attr('width', image.width)}${attr('height', image.height)}` : '';
  const img = `<img${attr('src', src)}${attr('srcset', srcset)}${srcset ? attr('sizes', SIZES) : ''}${attr('alt', image.alt)}${size}${attr('loading', loading)} decoding="async">`;
  return `<figure${attr('class', kind)}>${img}${figcaption}</figure>`;
}

/** An embed is a link to what it embeds: no third-party script or frame runs on the page. */
function renderEmbed(url: string): string {
  const href = safeUrl(url);
  if (href === null) return '';
  let host = url;
  try {
    host = new URL(url).hostname;
  } catch {
    // Shown as given.
  }
  return `<p class="embed"><a${attr('href', href)}>Embedded content from ${esc(host)}</a><br><span class="embed-url">${esc(url)}</span></p>`;
}
