import { describe, expect, it } from 'vitest';
import { type PageArticle, renderArticlePage } from '../../shared/render/articlePage.ts';
import { renderBlock } from '../../shared/render/blocks.ts';
import { ARTICLE_PAGE_CSP } from '../../shared/render/csp.ts';
import { esc } from '../../shared/render/html.ts';
import { renderRichText } from '../../shared/render/richText.ts';
import { safeSrcset, safeUrl } from '../../shared/render/safeUrl.ts';
import { ARTICLE_PAGE_CSS } from '../../shared/render/styles.ts';
import type { PublicBlock } from '../../shared/schemas/articleBody.ts';

const page = (overrides: Partial<PageArticle> = {}): PageArticle => ({
  title: 'Ferry to run all night',
  standfirst: 'A trial from March.',
  byline: 'Maya Okonkwo',
  section: 'transport',
  tags: ['ferries'],
  source: null,
  publishedAt: '2026-12-01T09:30:00.000Z',
  updatedAt: '2026-12-01T09:30:00.000Z',
  leadImage: null,
  body: [{ type: 'paragraph', text: [{ text: 'Hello.', marks: [] }] }],
  corrections: [],
  ...overrides,
});

const HOSTILE = '<script>alert(1)</script>"\'&<img src=x onerror=alert(2)>';

describe('the safe-URL rule', () => {
  it.each([
    'https://example.org/a?b=1#c',
    'http://example.org/',
    'mailto:desk@example.org',
    '/media/01KAX3/1280.webp',
    'relative/path.webp',
  ])('lets %s through', (url) => expect(safeUrl(url)).toBe(url));

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    ' javascript:alert(1)',
    'javascript\n:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'blob:https://example.org/uuid',
    'ftp://example.org/',
    'https://exa mple.org/',
    'https://example.org/\u0000',
    '',
    `https://example.org/${'a'.repeat(2100)}`,
  ])('refuses %j', (url) => expect(safeUrl(url)).toBeNull());

  it('keeps the srcset candidates that pass and drops the rest', () => {
    expect(safeSrcset('/m/480.webp 480w, javascript:alert(1) 960w, /m/1280.webp 1280w')).toBe(
      '/m/480.webp 480w, /m/1280.webp 1280w',
    );
    expect(safeSrcset('javascript:alert(1) 480w')).toBeNull();
    expect(safeSrcset('/m/a.webp onerror=alert(1)')).toBeNull();
  });
});

describe('escaping', () => {
  it('escapes the five specials', () => {
    expect(esc(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('writes every text field of the article as text, never markup', () => {
    const html = renderArticlePage(
      page({
        title: HOSTILE,
        standfirst: HOSTILE,
        byline: HOSTILE,
        section: HOSTILE,
        tags: [HOSTILE],
        source: { name: HOSTILE, url: 'https://example.org/' },
        corrections: [{ text: HOSTILE, at: '2026-12-02T10:00:00.000Z' }],
        body: [
          { type: 'paragraph', text: [{ text: HOSTILE, marks: [{ type: 'bold' }] }] },
          { type: 'heading', level: 2, text: [{ text: HOSTILE, marks: [] }] },
          {
            type: 'quote',
            text: [{ text: HOSTILE, marks: [] }],
            attribution: HOSTILE,
            before: [{ text: HOSTILE, marks: [] }],
            after: [{ text: HOSTILE, marks: [] }],
          },
          { type: 'list', ordered: false, items: [[{ text: HOSTILE, marks: [] }]] },
          { type: 'image', src: '/m/a.webp', alt: HOSTILE, caption: HOSTILE, credit: HOSTILE },
        ],
      }),
      { notice: HOSTILE },
    );
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img src=x');
    // No tag has an onerror attribute (quoted attribute values, escaped, aside).
    expect(html.replace(/"[^"]*"/g, '""')).not.toMatch(/<[^>]*\sonerror=/);
    // 19 places, each escaped once: notice, <title>, kicker, headline, standfirst, byline, ten in
    // the body, source, tag, correction.
    expect(
      html.split('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&lt;img src=x onerror=alert(2)&gt;')
        .length - 1,
    ).toBe(19);
  });
});

describe('hostile addresses', () => {
  const link = (href: string) => renderRichText([{ text: 'read', marks: [{ type: 'link', href }] }]);

  it('writes a link with an unsafe href as its text alone', () => {
    expect(link('javascript:alert(1)')).toBe('read');
    expect(link('java\nscript:alert(1)')).toBe('read');
    expect(link('data:text/html,x')).toBe('read');
  });

  it('writes a safe link with its href escaped, and only the rels the schema knows', () => {
    expect(
      renderRichText([
        {
          text: 'a',
          marks: [{ type: 'link', href: 'https://example.org/?a=1&b="2"', rel: 'nofollow onclick' }],
        },
      ]),
    ).toBe('<a href="https://example.org/?a=1&amp;b=&quot;2&quot;" rel="nofollow">a</a>');
  });

  it('leaves out an image whose src is unsafe, keeping its caption', () => {
    const html = renderBlock({ type: 'image', src: 'javascript:alert(1)', alt: 'x', caption: 'The quay' });
    expect(html).toBe('<figure class="image"><figcaption>The quay</figcaption></figure>');
    expect(renderBlock({ type: 'image', src: 'data:image/png;base64,AAAA', alt: 'x' })).toBe('');
  });

  it('leaves out an embed, and a source link, whose URL is unsafe', () => {
    expect(renderBlock({ type: 'embed', url: 'javascript:alert(1)' })).toBe('');
    const html = renderArticlePage(page({ source: { name: 'Papers', url: 'javascript:alert(1)' } }));
    expect(html).toContain('<p class="source">Source: Papers</p>');
  });
});

describe('every block type', () => {
  const cases: [string, PublicBlock, string][] = [
    ['paragraph', { type: 'paragraph', text: [{ text: 'One\ntwo', marks: [] }] }, '<p>One<br>two</p>'],
    [
      'paragraph with marks',
      {
        type: 'paragraph',
        text: [
          { text: 'b', marks: [{ type: 'bold' }] },
          { text: 'i', marks: [{ type: 'italic' }] },
          {
            text: 'l',
            marks: [{ type: 'link', href: 'https://e.org/' }, { type: 'bold' }, { type: 'italic' }],
          },
        ],
      },
      '<p><strong>b</strong><em>i</em><a href="https://e.org/"><strong><em>l</em></strong></a></p>',
    ],
    ['heading 2', { type: 'heading', level: 2, text: [{ text: 'H', marks: [] }] }, '<h2>H</h2>'],
    ['heading 4', { type: 'heading', level: 4, text: [{ text: 'H', marks: [] }] }, '<h4>H</h4>'],
    [
      'quote with clauses and attribution',
      {
        type: 'quote',
        text: [{ text: 'Words', marks: [] }],
        attribution: 'Priya Natarajan',
        before: [{ text: 'Asked, she said', marks: [] }],
        after: [{ text: 'on Tuesday.', marks: [] }],
      },
      '<figure class="quote"><blockquote><p>Asked, she said <q>Words</q> on Tuesday.</p></blockquote><figcaption>Priya Natarajan</figcaption></figure>',
    ],
    [
      'bare quote',
      { type: 'quote', text: [{ text: 'Words', marks: [] }] },
      '<figure class="quote"><blockquote><p><q>Words</q></p></blockquote></figure>',
    ],
    [
      'unordered list',
      { type: 'list', ordered: false, items: [[{ text: 'a', marks: [] }], [{ text: 'b', marks: [] }]] },
      '<ul><li>a</li><li>b</li></ul>',
    ],
    [
      'ordered list',
      { type: 'list', ordered: true, items: [[{ text: 'a', marks: [] }]] },
      '<ol><li>a</li></ol>',
    ],
    [
      'library image',
      {
        type: 'image',
        mediaId: '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
        src: '/media/x/1280.webp',
        srcset: '/media/x/480.webp 480w, /media/x/1280.webp 1280w',
        width: 1280,
        height: 853,
        alt: 'The quay',
        caption: 'At dusk',
        credit: 'Photo desk',
      },
      '<figure class="image"><img src="/media/x/1280.webp" srcset="/media/x/480.webp 480w, /media/x/1280.webp 1280w" sizes="(min-width: 46rem) 42rem, calc(100vw - 2rem)" alt="The quay" width="1280" height="853" loading="lazy" decoding="async"><figcaption>At dusk <span class="credit">Photo desk</span></figcaption></figure>',
    ],
    [
      'external image',
      { type: 'image', src: 'https://e.org/a.jpg', alt: 'A' },
      '<figure class="image"><img src="https://e.org/a.jpg" alt="A" loading="lazy" decoding="async"></figure>',
    ],
    [
      'embed',
      { type: 'embed', url: 'https://video.example.org/watch/1' },
      '<p class="embed"><a href="https://video.example.org/watch/1">Embedded content from video.example.org</a><br><span class="embed-url">https://video.example.org/watch/1</span></p>',
    ],
  ];
  it.each(cases)('%s', (_, block, expected) => expect(renderBlock(block)).toBe(expected));

  it('renders nothing for a block type it does not know', () => {
    expect(renderBlock({ type: 'poll' } as unknown as PublicBlock)).toBe('');
  });
  it('accepts rich text stored as a plain string', () => {
    expect(renderBlock({ type: 'paragraph', text: 'Plain <b>' as never })).toBe('<p>Plain &lt;b&gt;</p>');
  });
});

describe('the page', () => {
  it('has the headline, standfirst, byline, dates, lead image, corrections and a preview notice', () => {
    const html = renderArticlePage(
      page({
        updatedAt: '2026-12-02T10:15:00.000Z',
        leadImage: {
          mediaId: '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
          src: '/media/x/1280.webp',
          srcset: '/media/x/480.webp 480w, /media/x/1280.webp 1280w',
          width: 1280,
          height: 853,
          alt: 'The quay',
          caption: null,
          credit: 'Photo desk',
        },
        corrections: [{ text: 'The cost is £2.4m.', at: '2026-12-02T10:00:00.000Z' }],
      }),
      { notice: 'Preview', noindex: true },
    );
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain('<title>Ferry to run all night</title>');
    expect(html).toContain('<h1>Ferry to run all night</h1>');
    expect(html).toContain('<p class="standfirst">A trial from March.</p>');
    expect(html).toContain('<span class="byline">Maya Okonkwo</span>');
    expect(html).toContain(
      'Published <time datetime="2026-12-01T09:30:00.000Z">1 December 2026 at 09:30 UTC</time>, updated <time datetime="2026-12-02T10:15:00.000Z">2 December 2026 at 10:15 UTC</time>',
    );
    expect(html).toContain('<figure class="image lead"><img src="/media/x/1280.webp" srcset=');
    expect(html).toContain('loading="eager"');
    expect(html).toContain('<h2 id="corrections-title">Corrections</h2><ul><li><p>The cost is £2.4m.</p>');
    expect(html).toContain('<div class="notice" role="note">Preview</div>');
    expect(html).not.toContain('<script');
  });

  it('says when a story is not published yet', () => {
    expect(renderArticlePage(page({ publishedAt: null }))).toContain(
      'Not published yet; last edited <time datetime="2026-12-01T09:30:00.000Z">',
    );
  });

  it('leaves out an update made in the minute of publication (the publish itself)', () => {
    const html = renderArticlePage(page({ updatedAt: '2026-12-01T09:30:40.000Z' }));
    expect(html).toContain('1 December 2026 at 09:30 UTC</time></p>');
    expect(html).not.toContain('updated');
  });

  it('is the same bytes for the same article (pure)', () => {
    expect(renderArticlePage(page())).toBe(renderArticlePage(page()));
  });

  it('has a CSP that allows its stylesheet by hash and no script', async () => {
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(ARTICLE_PAGE_CSS).digest('base64');
    expect(ARTICLE_PAGE_CSP).toContain(`style-src 'sha256-${hash}'`);
    expect(ARTICLE_PAGE_CSP).toMatch(/^default-src 'none'/);
    expect(ARTICLE_PAGE_CSP).not.toContain('script-src');
    expect(ARTICLE_PAGE_CSP).not.toContain('unsafe');
    // The page's one <style> is exactly the hashed text.
    expect(renderArticlePage(page())).toContain(`<style>${ARTICLE_PAGE_CSS}</style>`);
  });
});
