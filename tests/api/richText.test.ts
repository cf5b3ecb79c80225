import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';
import { publish } from '../support/articles.ts';

let api: TestApi;
let author: string;
let editor: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, editor] = await Promise.all([api.token('author', 'rita'), api.token('editor', 'ed')]);
});
afterAll(async () => {
  await api?.stop();
});

const body = [
  {
    type: 'paragraph',
    text: [
      { text: 'The ', marks: [] },
      {
        text: 'council papers',
        marks: [{ type: 'link', href: 'https://council.example.org/p?x=1&y=2#s', rel: 'nofollow' }],
      },
      { text: ' were first reported by ', marks: [] },
      { text: 'The Harbour Gazette', marks: [{ type: 'italic' }] },
      { text: '; write to ', marks: [] },
      {
        text: 'the desk',
        marks: [{ type: 'bold' }, { type: 'link', href: 'mailto:desk@courier.example.org' }],
      },
      { text: '.\nSecond line.', marks: [] },
    ],
  },
  {
    type: 'heading',
    level: 2,
    text: [
      { text: 'What ', marks: [] },
      { text: 'now', marks: [{ type: 'italic' }] },
    ],
  },
  {
    type: 'quote',
    before: [{ text: 'Asked about the cost, the manager said:', marks: [] }],
    text: [
      { text: 'It is ', marks: [] },
      { text: 'worth it', marks: [{ type: 'bold' }] },
    ],
    after: [
      { text: 'She added that the ', marks: [] },
      { text: 'figures', marks: [{ type: 'link', href: 'http://archive.example.org/f' }] },
      { text: ' were published.', marks: [] },
    ],
    attribution: 'Site manager',
  },
  { type: 'list', ordered: false, items: [[{ text: 'one', marks: [{ type: 'bold' }] }], 'two'] },
];

describe('rich text', () => {
  it('round-trips marks and links exactly, to the working copy and the public article', async () => {
    const created = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ title: 'Rich text round trip', body }),
    });
    expect(created.status, created.text).toBe(201);
    // Plain strings come back as one unmarked span: the answer has one shape.
    const expected = structuredClone(body) as typeof body;
    (expected[3] as { items: unknown[] }).items[1] = [{ text: 'two', marks: [] }];
    expect(created.body.body).toEqual(expected);
    await publish(created.body, { author: api.client(author), editor: api.client(editor) });
    const live = await api.request('GET', `/v1/articles/${created.body.slug}`);
    expect(live.status).toBe(200);
    expect(live.body.body).toEqual(expected);
  });

  it('answers plain-string input as spans everywhere', async () => {
    const created = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ title: 'Plain strings still work' }),
    });
    expect(created.status).toBe(201);
    expect(created.body.body[0].text).toEqual([
      { text: 'Work began on Monday on the section of the harbour wall damaged in January.', marks: [] },
    ]);
  });

  it.each([
    ['a javascript: link', 'javascript:alert(document.cookie)', 'body.0.text.0.marks.0.href'],
    ['a link with a tab hiding javascript:', 'java\tscript:alert(1)', 'body.0.text.0.marks.0.href'],
    ['a data: link', 'data:text/html;base64,PHNjcmlwdD4=', 'body.0.text.0.marks.0.href'],
    ['a relative link', '/etc/passwd', 'body.0.text.0.marks.0.href'],
    ['a link with a line break', 'https://exa\nmple.org/', 'body.0.text.0.marks.0.href'],
    ['an overlong link', `https://example.org/${'a'.repeat(2_100)}`, 'body.0.text.0.marks.0.href'],
  ])('refuses %s with 422 naming the field, storing nothing', async (_what, href, path) => {
    const before = await api.request('GET', '/v1/admin/articles?limit=100', { token: editor });
    const res = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({
        body: [{ type: 'paragraph', text: [{ text: 'click', marks: [{ type: 'link', href }] }] }],
      }),
    });
    expect(res.status, res.text).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    const after = await api.request('GET', '/v1/admin/articles?limit=100', { token: editor });
    expect(after.body.items.length).toBe(before.body.items.length);
  });

  it('refuses a repeated mark, an unknown rel and a control character in a span', async () => {
    for (const [text, path] of [
      [[{ text: 'x', marks: [{ type: 'bold' }, { type: 'bold' }] }], 'body.0.text.0.marks'],
      [
        [{ text: 'x', marks: [{ type: 'link', href: 'https://a.example', rel: 'opener' }] }],
        'body.0.text.0.marks.0.rel',
      ],
      [[{ text: 'bell\u0007' }], 'body.0.text.0.text'],
    ] as const) {
      const res = await api.request('POST', '/v1/admin/articles', {
        token: author,
        json: sampleArticle({ body: [{ type: 'paragraph', text }] }),
      });
      expect(res.status, res.text).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('refuses a link in a PATCH without touching the saved words', async () => {
    const created = await api.request('POST', '/v1/admin/articles', { token: author, json: sampleArticle() });
    const res = await api.request('PATCH', `/v1/admin/articles/${created.body.id}`, {
      token: author,
      headers: { 'if-match': '"1"' },
      json: {
        body: [
          { type: 'paragraph', text: [{ text: 'x', marks: [{ type: 'link', href: 'javascript:void(0)' }] }] },
        ],
      },
    });
    expect(res.status).toBe(422);
    const after = await api.request('GET', `/v1/admin/articles/${created.body.id}`, { token: author });
    expect(after.body.version).toBe(1);
    expect(after.body.body).toEqual(created.body.body);
  });
});
