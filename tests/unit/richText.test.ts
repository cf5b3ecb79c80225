import { describe, expect, it } from 'vitest';
import { BlockSchema } from '../../shared/schemas/articleBody.ts';
import { isSafeHref } from '../../shared/schemas/richText.ts';
import type { Span } from '../../shared/schemas/spans.ts';

const plain = (text: string): Span => ({ text, marks: [] });

describe('links a reader may follow', () => {
  it.each([
    'https://council.example.org/papers?id=4#p2',
    'http://archive.example.org/1998/ferry.html',
    'mailto:newsdesk@courier.example.org',
    'mailto:tips@example.org?subject=Ferry',
  ])('accepts %s', (href) => expect(isSafeHref(href)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'https://ex\nample.org',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'ftp://files.example.org/a',
    '/relative/path',
    '//example.org/protocol-relative',
    'https://user:pass@example.org/',
    'mailto:',
    'https://example.org/\u0000',
    'https://example.org/\uD800',
  ])('refuses %j', (href) => expect(isSafeHref(href)).toBe(false));
});

describe('rich text in blocks', () => {
  it('takes a plain string as one unmarked span, trimmed', () => {
    expect(BlockSchema.parse({ type: 'paragraph', text: '  Hello.  ' })).toEqual({
      type: 'paragraph',
      text: [plain('Hello.')],
    });
  });

  it('keeps spans exactly, spaces between them included; marks default to none', () => {
    const text = [
      { text: 'Read ', marks: [] },
      {
        text: 'the papers',
        marks: [{ type: 'link', href: 'https://x.example/p', rel: 'nofollow noopener' }],
      },
      { text: ' now' },
    ];
    expect(BlockSchema.parse({ type: 'paragraph', text })).toEqual({
      type: 'paragraph',
      text: [text[0], text[1], plain(' now')],
    });
  });

  it.each([
    ['a repeated mark', [{ text: 'x', marks: [{ type: 'bold' }, { type: 'bold' }] }], 'text.0.marks'],
    ['an unknown mark', [{ text: 'x', marks: [{ type: 'underline' }] }], 'text'],
    [
      'an unknown rel',
      [{ text: 'x', marks: [{ type: 'link', href: 'https://x.example', rel: 'evil' }] }],
      'text.0.marks.0.rel',
    ],
    ['an empty span', [{ text: '' }], 'text.0.text'],
    ['only whitespace', [{ text: '   ' }], 'text'],
    ['no spans', [], 'text'],
    ['an extra span field', [{ text: 'x', html: '<b>x</b>' }], 'text.0'],
  ])('refuses %s', (_what, text, path) => {
    const result = BlockSchema.safeParse({ type: 'paragraph', text });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('refuses a line break in a heading span, and a total above the limit', () => {
    expect(BlockSchema.safeParse({ type: 'heading', level: 2, text: [{ text: 'a\nb' }] }).success).toBe(
      false,
    );
    const long = Array.from({ length: 3 }, () => ({ text: 'x'.repeat(4_000) }));
    expect(BlockSchema.safeParse({ type: 'paragraph', text: long }).success).toBe(false);
  });
});
