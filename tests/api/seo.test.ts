import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';
import { publish } from '../support/articles.ts';

let api: TestApi;
let author: string;
let editor: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, editor] = await Promise.all([api.token('author', 'sam'), api.token('editor', 'eve')]);
});
afterAll(async () => {
  await api?.stop();
});

const seo = {
  metaTitle: 'Harbour wall repairs begin',
  metaDescription: 'Engineers start on the stretch by the fish market damaged in the January storms.',
  canonicalUrl: 'https://partner.example.org/news/harbour-wall',
  socialImageUrl: 'https://images.example.org/harbour-wall.jpg',
  noindex: true,
};

describe('search and sharing fields', () => {
  it('are saved, published and shown to readers', async () => {
    const created = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ title: 'SEO fields go live', seo }),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.seo).toEqual(seo);
    await publish(created.body, { author: api.client(author), editor: api.client(editor) });
    const live = await api.request('GET', `/v1/articles/${created.body.slug}`);
    expect(live.body.seo).toEqual(seo);
  });

  it('default to nothing set and indexable, and change with a PATCH', async () => {
    const created = await api.request('POST', '/v1/admin/articles', { token: author, json: sampleArticle() });
    expect(created.body.seo).toEqual({ noindex: false });
    const patched = await api.request('PATCH', `/v1/admin/articles/${created.body.id}`, {
      token: author,
      headers: { 'if-match': '"1"' },
      json: { seo: { metaDescription: 'A shorter summary for search results.' } },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.seo).toEqual({
      metaDescription: 'A shorter summary for search results.',
      noindex: false,
    });
  });

  it.each([
    ['an http canonical URL', { canonicalUrl: 'http://partner.example.org/a' }, 'seo.canonicalUrl'],
    ['a javascript: social image', { socialImageUrl: 'javascript:alert(1)' }, 'seo.socialImageUrl'],
    ['an overlong meta title', { metaTitle: 'x'.repeat(121) }, 'seo.metaTitle'],
    ['an overlong description', { metaDescription: 'x'.repeat(321) }, 'seo.metaDescription'],
    ['a line break in the description', { metaDescription: 'one\ntwo' }, 'seo.metaDescription'],
    ['a noindex that is not a boolean', { noindex: 'yes' }, 'seo.noindex'],
    ['an unknown field', { keywords: 'a,b' }, 'seo.keywords'],
  ])('refuses %s with 422 naming the field, storing nothing', async (_what, bad, path) => {
    const before = await api.request('GET', '/v1/admin/articles?limit=100', { token: editor });
    const res = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ seo: bad }),
    });
    expect(res.status, res.text).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    const after = await api.request('GET', '/v1/admin/articles?limit=100', { token: editor });
    expect(after.body.items.length).toBe(before.body.items.length);
  });
});
