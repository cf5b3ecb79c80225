import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINK_RELS } from '../../shared/schemas/richText.ts';
import type { Mark, Span } from '../../shared/schemas/spans.ts';
import type { Block } from '../../web/src/api.ts';
import { type DocJSON, fromEditorDoc, toEditorDoc } from '../../web/src/editor/convert.ts';
import { schema } from '../../web/src/editor/schema.ts';
import {
  draftOf,
  draftOfItems,
  edited,
  itemsOf,
  type LinkMark,
  markupToSpans,
  newDraft,
  spansOf,
} from '../../web/src/markup.ts';
import { safeUrl } from '../../web/src/safeUrl.ts';

// The console's rich text: stored spans stay the source of truth, markup is only what a text box
// shows, and no address the console renders is other than http(s) or mailto.
const plain = (text: string): Span => ({ text, marks: [] });
const link = (href: string, rel?: string): LinkMark => ({ type: 'link', href, ...(rel ? { rel } : {}) });
const HOSTILE = 'https://news.example.org/a)[source](javascript:alert(document.domain))';

describe('safeUrl, the one gate for rendered addresses', () => {
  const base = 'https://desk.example.org/articles/1';
  it.each([
    ['https://council.example.org/papers?id=4#p2'],
    ['http://archive.example.org/1998/ferry.html'],
    ['mailto:newsdesk@courier.example.org'],
    ['/media/renditions/01JD/320.webp'],
    [HOSTILE],
  ])('passes %s as it is', (value) => expect(safeUrl(value, base)).toBe(value));

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'blob:https://desk.example.org/0b6f',
    'file:///etc/passwd',
    'ftp://files.example.org/a',
    'http://[::1',
    '',
  ])('refuses %j', (value) => expect(safeUrl(value, base)).toBeUndefined());

  it('refuses anything that is not http(s) or mailto once resolved, whatever the spelling', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (value) => {
        const out = safeUrl(value, base);
        if (out !== undefined) expect(['https:', 'http:', 'mailto:']).toContain(new URL(out, base).protocol);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the console's markup", () => {
  it('turns bold, italic and links typed by the editor into spans', () => {
    expect(markupToSpans('The **last** *ferry* [leaves](https://x.example/t "nofollow") at 9.')).toEqual([
      plain('The '),
      { text: 'last', marks: [{ type: 'bold' }] },
      plain(' '),
      { text: 'ferry', marks: [{ type: 'italic' }] },
      plain(' '),
      { text: 'leaves', marks: [link('https://x.example/t', 'nofollow')] },
      plain(' at 9.'),
    ]);
  });

  it('keeps unpaired markers, escapes and unknown link numbers as literal text', () => {
    expect(
      markupToSpans('5 * 3 = 15, \\*not italic\\* and [no link] [nor this][2]', [link('https://a.example/')]),
    ).toEqual([plain('5 * 3 = 15, *not italic* and [no link] [nor this][2]')]);
  });

  it('writes a link whose address markup would misread as a number, and reads it back as stored', () => {
    const spans: Span[] = [plain('The '), { text: 'council papers', marks: [link(HOSTILE)] }, plain('.')];
    const draft = draftOf(spans);
    expect(draft.markup).toBe('The [council papers][1].');
    expect(draft.links).toEqual([link(HOSTILE)]);
    // The stored mark itself, not a copy re-read from text.
    const read = markupToSpans(`${draft.markup} More.`, draft.links);
    expect(read[1]?.marks[0]).toBe(spans[1]?.marks[0]);
    expect(read.flatMap((s) => s.marks)).toEqual([link(HOSTILE)]);
  });

  it('writes a link inline only when it reads back exactly', () => {
    expect(draftOf([{ text: 'a', marks: [link('https://w.example/a_(b)', 'nofollow')] }]).markup).toBe(
      '[a](https://w.example/a_(b) "nofollow")',
    );
    for (const href of [
      'https://w.example/a)b',
      'https://w.example/a(b',
      'mailto:a@b.example?subject=)[x](javascript:alert(1))',
    ]) {
      expect(draftOf([{ text: 'a', marks: [link(href)] }]).markup, href).toBe('[a][1]');
    }
    // A scheme the console would never render is never written as a link to be re-read.
    expect(draftOf([{ text: 'a', marks: [link('javascript:alert(1)')] }]).markup).toBe('[a][1]');
  });

  it('sends the stored spans themselves while the text is unchanged, and reads the text once edited', () => {
    const spans: Span[] = [
      { text: ' odd  spacing ', marks: [{ type: 'italic' }, { type: 'bold' }] },
      plain('x'),
    ];
    const draft = draftOf(spans);
    expect(spansOf(draft)).toBe(spans);
    expect(spansOf(edited(draft, draft.markup))).toBe(spans);
    expect(spansOf(edited(draft, '**new**'))).toEqual([{ text: 'new', marks: [{ type: 'bold' }] }]);
    expect(spansOf(newDraft('plain words'))).toEqual([plain('plain words')]);
  });

  it('keeps list items with their links, a line each', () => {
    const items: Span[][] = [[{ text: 'one', marks: [link(HOSTILE)] }], [plain('two')]];
    const draft = draftOfItems(items);
    expect(draft.markup).toBe('[one][1]\ntwo');
    expect(itemsOf(draft)).toBe(items);
    expect(itemsOf(edited(draft, '[one][1]\ntwo\nthree'))).toEqual([...items, [plain('three')]]);
  });
});

// Stored spans as the API may hold them: any text (markup characters included), any marks, any
// order of marks, neighbours with the same marks, and link addresses full of markup.
const textArb = fc.stringMatching(/^[a-z *[\]()\\"\n`<>!:/.-]{1,12}$/);
const hrefArb = fc
  .tuple(
    fc.constantFrom('https://x.example/', 'http://y.example/p?q=', 'mailto:desk@z.example?subject='),
    fc.stringMatching(/^[a-z()[\]"\\*!:=.-]{0,16}$/),
  )
  .map(([head, tail]) => head + tail);
const relArb = fc.option(
  fc.subarray([...LINK_RELS], { minLength: 1 }).map((r) => r.join(' ')),
  {
    nil: undefined,
  },
);
const markArb: fc.Arbitrary<Mark[]> = fc
  .record({
    bold: fc.boolean(),
    italic: fc.boolean(),
    link: fc.option(fc.tuple(hrefArb, relArb), { nil: undefined }),
  })
  .chain(({ bold, italic, link: l }) =>
    fc.shuffledSubarray(
      [
        ...(bold ? [{ type: 'bold' as const }] : []),
        ...(italic ? [{ type: 'italic' as const }] : []),
        ...(l ? [link(l[0], l[1])] : []),
      ],
      { minLength: bold || italic || l ? 1 : 0 },
    ),
  );
const spanArb: fc.Arbitrary<Span> = fc.record({ text: textArb, marks: markArb });
const spansArb = fc.array(spanArb, { minLength: 1, maxLength: 8 });

/** What reading markup gives: neighbours with the same marks merged, marks as bold, italic, link. */
function normalized(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const span of spans) {
    const l = span.marks.find((m): m is LinkMark => m.type === 'link');
    const marks: Mark[] = [
      ...(span.marks.some((m) => m.type === 'bold') ? [{ type: 'bold' as const }] : []),
      ...(span.marks.some((m) => m.type === 'italic') ? [{ type: 'italic' as const }] : []),
      ...(l ? [link(l.href, l.rel)] : []),
    ];
    const last = out.at(-1);
    if (last && JSON.stringify(last.marks) === JSON.stringify(marks)) last.text += span.text;
    else out.push({ text: span.text, marks });
  }
  return out;
}

describe('stored spans through the console (property)', () => {
  it('come back to the API byte for byte when the editor did not edit them', () => {
    const blockArb: fc.Arbitrary<Block> = fc.oneof(
      spansArb.map((text) => ({ type: 'paragraph' as const, text })),
      fc.tuple(fc.constantFrom(2 as const, 3 as const, 4 as const), spansArb).map(([level, text]) => ({
        type: 'heading' as const,
        level,
        text,
      })),
      fc
        .record({
          text: spansArb,
          before: fc.option(spansArb, { nil: undefined }),
          after: fc.option(spansArb, { nil: undefined }),
        })
        .map(({ text, before, after }) => ({
          type: 'quote' as const,
          text,
          attribution: 'Site manager',
          ...(before ? { before } : {}),
          ...(after ? { after } : {}),
        })),
      fc
        .record({ ordered: fc.boolean(), items: fc.array(spansArb, { minLength: 1, maxLength: 4 }) })
        .map(({ ordered, items }) => ({ type: 'list' as const, ordered, items })),
    );
    fc.assert(
      fc.property(fc.array(blockArb, { minLength: 1, maxLength: 4 }), (body) => {
        const stored = JSON.parse(JSON.stringify(body)) as Block[];
        // Through the rich-text editor's document, untouched.
        const doc = schema.nodeFromJSON(toEditorDoc(stored)).toJSON() as DocJSON;
        const sent = fromEditorDoc(doc).blocks;
        expect(JSON.stringify(sent)).toBe(JSON.stringify(body));
      }),
      { numRuns: 500 },
    );
  });

  it('read back from their markup as the same text and the same links, when the block is edited', () => {
    fc.assert(
      fc.property(spansArb, (spans) => {
        const draft = draftOf(spans);
        const read = markupToSpans(draft.markup, draft.links);
        expect(read).toEqual(normalized(spans));
        // No address comes out that was not stored.
        const hrefs = new Set(
          spans.flatMap((s) => s.marks.flatMap((m) => (m.type === 'link' ? [m.href] : []))),
        );
        for (const m of read.flatMap((s) => s.marks)) if (m.type === 'link') expect(hrefs).toContain(m.href);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('every address the console renders', () => {
  it('is never an unsafe href in the editor: a link the API would refuse is drawn as text', () => {
    const linkType = schema.marks.link;
    const toDOM = linkType?.spec.toDOM;
    if (!linkType || !toDOM) throw new Error('no link mark');
    const rendered = (href: string) =>
      toDOM(linkType.create({ href }), true) as [string, Record<string, string>?];
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      '/relative',
      '',
    ])
      expect(rendered(href)[0], href).toBe('span');
    expect(rendered(HOSTILE)[1]?.href).toBe(HOSTILE);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 30 }), hrefArb), (href) => {
        const [tag, attrs] = rendered(href);
        if (tag === 'a')
          expect(['https:', 'http:', 'mailto:']).toContain(new URL(attrs?.href ?? '').protocol);
        else expect(attrs && 'href' in attrs).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('goes through safeUrl: each href, src or action of an HTML element in web/src', () => {
    const root = join(import.meta.dirname, '..', '..', 'web', 'src');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tsx'));
    const unchecked: string[] = [];
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      for (const m of source.matchAll(/\s(href|src|srcset|action|formAction|poster|data)=\{/g)) {
        // The element the attribute belongs to: the nearest tag opened before it.
        const tag = [...source.slice(0, m.index).matchAll(/<([A-Za-z][\w.]*)/g)].at(-1)?.[1] ?? '';
        const isElement = tag[0] === tag[0]?.toLowerCase();
        const value = (m.index ?? 0) + m[0].length;
        const gated = source.startsWith(m[1] === 'srcset' ? 'safeSrcset(' : 'safeUrl(', value);
        if (isElement && !gated) unchecked.push(`${file}: <${tag} ${m[1]}=`);
      }
    }
    expect(files.length).toBeGreaterThan(10);
    expect(unchecked).toEqual([]);
  });
});
