import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BodySchema } from '../../shared/schemas/articleBody.ts';
import { LINK_RELS } from '../../shared/schemas/richText.ts';
import type { Block } from '../../web/src/api.ts';
import { type DocJSON, fromEditorDoc, sameBody, toEditorDoc } from '../../web/src/editor/convert.ts';
import { schema } from '../../web/src/editor/schema.ts';

// The editor's document and the API's body, converted by pure functions: any valid body goes
// API -> editor document (through the real ProseMirror schema) -> API unchanged, byte for byte.

/** Through the editor's schema, as the view holds it: checked, then back to JSON. */
const throughEditor = (body: readonly Block[]) => {
  const doc = schema.nodeFromJSON(toEditorDoc(body));
  doc.check();
  return fromEditorDoc(doc.toJSON() as DocJSON);
};

const WORD = fc.constantFrom(
  'The',
  'council',
  'ferry',
  ' ',
  '  ',
  'ő',
  '“quoted”',
  '5 * 3',
  '[1]',
  '<b>',
  '\n',
  '\t',
  '🚢',
);
const text = fc.array(WORD, { minLength: 1, maxLength: 6 }).map((w) => w.join(''));
const HREFS = [
  'https://council.example.org/papers?id=4#p2',
  'http://archive.example.org/1998/ferry.html',
  'mailto:desk@example.org',
  'https://news.example.org/a)[source](javascript:alert(document.domain))',
];
const mark = fc.oneof(
  fc.constant({ type: 'bold' as const }),
  fc.constant({ type: 'italic' as const }),
  fc.record(
    {
      type: fc.constant('link' as const),
      href: fc.constantFrom(...HREFS),
      rel: fc.constantFrom(...LINK_RELS),
    },
    { requiredKeys: ['type', 'href'] },
  ),
);
const span = fc.record({ text, marks: fc.uniqueArray(mark, { maxLength: 3, selector: (m) => m.type }) });
const spans = fc.array(span, { minLength: 1, maxLength: 5 });
const line = spans.map((s) => s.map((x) => ({ ...x, text: x.text.replace(/[\n\t]/g, ' ') })));
const block = fc.oneof(
  fc.record({ type: fc.constant('paragraph'), text: spans }),
  fc.record({ type: fc.constant('heading'), level: fc.constantFrom(2, 3, 4), text: line }),
  fc.record(
    {
      type: fc.constant('quote'),
      text: spans,
      attribution: fc.constantFrom('Operations director', 'A. Resident'),
      before: spans,
      after: spans,
    },
    { requiredKeys: ['type', 'text'] },
  ),
  fc.record({
    type: fc.constant('list'),
    ordered: fc.boolean(),
    items: fc.array(spans, { minLength: 1, maxLength: 4 }),
  }),
  fc.record(
    {
      type: fc.constant('image'),
      mediaId: fc.constant('01JD5Y8Q0M3V4Z6N7P8R9S0T1W'),
      src: fc.constantFrom('https://img.example.org/pier.jpg', ''),
      alt: fc.constantFrom('The pier at dawn', ''),
      caption: fc.constantFrom('Low tide', 'Photo: desk'),
    },
    { requiredKeys: ['type', 'mediaId'] },
  ),
  fc.record({ type: fc.constant('embed'), url: fc.constantFrom('https://video.example.org/v/1') }),
);
/** Valid bodies as the API answers them: generated, then parsed by the API's own schema. */
const validBody = fc
  .array(block, { minLength: 1, maxLength: 8 })
  .map((body) => BodySchema.safeParse(body))
  .filter((r) => r.success)
  .map((r) => r.data as Block[]);

describe('API body -> editor document -> API body', () => {
  it('is the identity for every valid body, byte for byte (property)', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const { blocks, at } = throughEditor(body);
        expect(JSON.stringify(blocks)).toBe(JSON.stringify(body));
        expect(at).toEqual(body.map((_, i) => i));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps spans split and marks ordered as stored while a block is untouched', () => {
    const body: Block[] = [
      {
        type: 'paragraph',
        text: [
          { text: 'The ', marks: [] },
          { text: 'council', marks: [] },
          { text: ' link', marks: [{ type: 'link', href: HREFS[0] as string }, { type: 'bold' }] },
        ],
      },
    ];
    expect(JSON.stringify(throughEditor(body).blocks)).toBe(JSON.stringify(body));
  });

  it('sends an edited block as the editor holds it: marks in rank order, equal neighbours joined', () => {
    const doc = toEditorDoc([
      {
        type: 'paragraph',
        text: [
          { text: 'The ', marks: [] },
          {
            text: 'papers',
            marks: [{ type: 'link', href: HREFS[0] as string, rel: 'nofollow' }, { type: 'bold' }],
          },
        ],
      },
    ]);
    const paragraph = doc.content[0];
    paragraph?.content?.push({ type: 'text', text: ' today.' });
    expect(fromEditorDoc(doc).blocks).toEqual([
      {
        type: 'paragraph',
        text: [
          { text: 'The ', marks: [] },
          {
            text: 'papers',
            marks: [{ type: 'bold' }, { type: 'link', href: HREFS[0], rel: 'nofollow' }],
          },
          { text: ' today.', marks: [] },
        ],
      },
    ]);
  });

  it('leaves out what holds nothing and says where each block sent came from', () => {
    const doc: DocJSON = {
      type: 'doc',
      content: [
        { type: 'paragraph' },
        { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'What changes' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '   ' }] },
        {
          type: 'list',
          attrs: { ordered: true },
          content: [
            { type: 'list_item', content: [{ type: 'text', text: 'Fewer crossings' }] },
            { type: 'list_item' },
          ],
        },
        { type: 'list', attrs: { ordered: false }, content: [{ type: 'list_item' }] },
        {
          type: 'quote',
          content: [
            { type: 'quote_before' },
            { type: 'quote_text' },
            { type: 'quote_after' },
            { type: 'quote_attribution', content: [{ type: 'text', text: ' Harbour master ' }] },
          ],
        },
        { type: 'embed', attrs: { url: '' } },
      ],
    };
    expect(fromEditorDoc(doc)).toEqual({
      blocks: [
        { type: 'heading', level: 3, text: [{ text: 'What changes', marks: [] }] },
        { type: 'list', ordered: true, items: [[{ text: 'Fewer crossings', marks: [] }]] },
        // An attribution without words: sent, so the API says the quote needs its words.
        { type: 'quote', text: '', attribution: 'Harbour master' },
        { type: 'embed', url: '' },
      ],
      at: [1, 3, 5, 6],
    });
  });

  it('gives an empty body one empty paragraph to write in, and nothing back', () => {
    const doc = toEditorDoc([]);
    expect(doc.content).toEqual([{ type: 'paragraph' }]);
    expect(fromEditorDoc(doc).blocks).toEqual([]);
  });

  it('compares bodies as the editor holds them', () => {
    const a: Block[] = [
      {
        type: 'paragraph',
        text: [
          { text: 'a', marks: [] },
          { text: 'b', marks: [] },
        ],
      },
    ];
    const b: Block[] = [{ type: 'paragraph', text: [{ text: 'ab', marks: [] }] }];
    expect(sameBody(a, b)).toBe(true);
    expect(sameBody(a, [{ type: 'paragraph', text: [{ text: 'abc', marks: [] }] }])).toBe(false);
  });
});
