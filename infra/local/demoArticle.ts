import { createHash } from 'node:crypto';

/**
 * The demo reader page for the comments widget (`/embed/demo/{slug}` under `npm start`): a live
 * article rendered plainly, as a newsroom's own site would, with the widget's two lines under it.
 * Deliberately small: only what makes the page read like a story (headline, standfirst, byline,
 * text blocks). The page's own Content-Security-Policy is the one docs/comments-widget.md asks a
 * newsroom for, so the demo proves it is enough.
 */
interface Span {
  text: string;
}
interface Block {
  type: string;
  text?: Span[];
  items?: Span[][];
  level?: number;
  ordered?: boolean;
  attribution?: string;
  caption?: Span[] | string;
}
export interface DemoArticle {
  slug: string;
  title: string;
  standfirst?: string;
  byline?: string;
  publishedAt?: string;
  body?: Block[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const spans = (value: Span[] | string | undefined) =>
  escapeHtml(typeof value === 'string' ? value : (value ?? []).map((s) => s.text).join(''));

function block(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${spans(b.text)}</p>`;
    case 'heading':
      return `<h${(b.level ?? 2) + 1}>${spans(b.text)}</h${(b.level ?? 2) + 1}>`;
    case 'quote':
      return `<blockquote><p>${spans(b.text)}</p>${b.attribution ? `<footer>${escapeHtml(b.attribution)}</footer>` : ''}</blockquote>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${(b.items ?? []).map((item) => `<li>${spans(item)}</li>`).join('')}</${tag}>`;
    }
    default:
      return '';
  }
}

const STYLE = `body{margin:0;font:1.125rem/1.6 Georgia,serif;color:#222;background:#fdfcf8}
header.site{padding:.75rem 1rem;background:#14213d;color:#fff;font:700 1.1rem system-ui,sans-serif}
main{max-width:42rem;margin:0 auto;padding:1rem}
h1{font-size:2rem;line-height:1.2}.standfirst{font-size:1.2rem;color:#444}.byline{font:.95rem system-ui,sans-serif;color:#555}
blockquote{margin:1rem 0;padding-left:1rem;border-left:4px solid #ccc}
newsroom-comments{margin-top:2.5rem;padding-top:1rem;border-top:2px solid #14213d}
/* A page's own rules that must not reach the widget. */
p,button,li{letter-spacing:.02em}button{background:hotpink}`;

/** The page's CSP: its one inline stylesheet by hash, the widget's module and API on the CMS. */
export function demoCsp(cmsOrigin: string): string {
  const styleHash = createHash('sha256').update(STYLE).digest('base64');
  return [
    "default-src 'none'",
    `script-src ${cmsOrigin}`,
    `connect-src ${cmsOrigin}`,
    `style-src 'sha256-${styleHash}'`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function demoPage(article: DemoArticle, cmsOrigin: string): string {
  const published = article.publishedAt ? new Date(article.publishedAt).toUTCString() : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(article.title)} · The Harbour Gazette (demo)</title>
<style>${STYLE}</style>
</head>
<body>
<header class="site">The Harbour Gazette <small>(a demo of a newsroom's own site)</small></header>
<main>
<article>
<h1>${escapeHtml(article.title)}</h1>
${article.standfirst ? `<p class="standfirst">${escapeHtml(article.standfirst)}</p>` : ''}
<p class="byline">${escapeHtml(article.byline ?? '')}${published ? ` · <time datetime="${escapeHtml(article.publishedAt ?? '')}">${published}</time>` : ''}</p>
${(article.body ?? []).map(block).join('\n')}
</article>
<script type="module" src="${cmsOrigin}/embed/comments.js"></script>
<newsroom-comments slug="${escapeHtml(article.slug)}"></newsroom-comments>
</main>
</body>
</html>
`;
}

export function notFoundPage(slug: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><main><h1>No live article "${escapeHtml(slug)}"</h1></main></body></html>`;
}
