import type { PublicBlock } from '../schemas/articleBody.ts';
import { type Span, toSpans } from '../schemas/spans.ts';

/**
 * An article's body as HTML, for feeds that carry it. The body is rich text (spans with marks),
 * never markup, so this is the only place HTML is made from it: every piece of text is escaped,
 * and links keep only the schemes the API accepted (http, https, mailto).
 */
export const htmlText = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const htmlAttr = (value: string): string => htmlText(value).replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const SAFE_HREF = /^(https?:|mailto:)/i;

function spansHtml(value: string | readonly Span[]): string {
  return toSpans(value)
    .map((span) => {
      let out = htmlText(span.text).replace(/\n/g, '<br>');
      for (const mark of span.marks) {
        if (mark.type === 'bold') out = `<strong>${out}</strong>`;
        else if (mark.type === 'italic') out = `<em>${out}</em>`;
        else if (mark.type === 'link' && SAFE_HREF.test(mark.href)) {
          const rel = mark.rel ? ` rel="${htmlAttr(mark.rel)}"` : '';
          out = `<a href="${htmlAttr(mark.href)}"${rel}>${out}</a>`;
        }
      }
      return out;
    })
    .join('');
}

/** Resolves an image's path on the CMS origin to an absolute URL. */
export type UrlResolver = (pathOrUrl: string) => string;

function blockHtml(block: PublicBlock, media: UrlResolver): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${spansHtml(block.text)}</p>`;
    case 'heading':
      return `<h${block.level}>${spansHtml(block.text)}</h${block.level}>`;
    case 'quote': {
      const words = [
        block.before ? `${spansHtml(block.before)} ` : '',
        `“${spansHtml(block.text)}”`,
        block.after ? ` ${spansHtml(block.after)}` : '',
      ].join('');
      const who = block.attribution ? `<footer>${htmlText(block.attribution)}</footer>` : '';
      return `<blockquote><p>${words}</p>${who}</blockquote>`;
    }
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>${block.items.map((item) => `<li>${spansHtml(item)}</li>`).join('')}</${tag}>`;
    }
    case 'image': {
      const size =
        'width' in block && block.width && block.height
          ? ` width="${block.width}" height="${block.height}"`
          : '';
      const credit = 'credit' in block && block.credit ? block.credit : null;
      const words = [block.caption, credit].filter((w): w is string => !!w).map(htmlText);
      const caption = words.length > 0 ? `<figcaption>${words.join(' — ')}</figcaption>` : '';
      return `<figure><img src="${htmlAttr(media(block.src))}" alt="${htmlAttr(block.alt)}"${size}>${caption}</figure>`;
    }
    case 'embed':
      return `<p><a href="${htmlAttr(block.url)}">${htmlText(block.url)}</a></p>`;
  }
}

export function bodyHtml(body: readonly PublicBlock[], media: UrlResolver): string {
  return body.map((block) => blockHtml(block, media)).join('\n');
}
