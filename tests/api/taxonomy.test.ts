import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAXONOMY_CACHE } from '../../shared/http/routes/define.ts';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';

let api: TestApi;
let author: string;
let editor: string;

beforeAll(async () => {
  // No fixture sections: this file makes its own.
  api = await startTestApi({ sections: [] });
  [author, editor] = await Promise.all([api.token('author', 'alice'), api.token('editor', 'erin')]);
});
afterAll(async () => {
  await api?.stop();
});

const section = (json: Record<string, unknown>, token = editor) =>
  api.request('POST', '/v1/admin/sections', { token, json });
const patchSection = (slug: string, version: number, json: Record<string, unknown>) =>
  api.request('PATCH', `/v1/admin/sections/${slug}`, {
    token: editor,
    json,
    headers: { 'if-match': `"${version}"` },
  });

describe('sections', () => {
  it('creates a tree that the public reads list in tree order, with depth and path', async () => {
    expect((await section({ slug: 'news', name: 'News' })).status).toBe(201);
    const child = await section({
      slug: 'local',
      name: 'Local',
      parent: 'news',
      description: 'Close to home',
    });
    expect(child.status, child.text).toBe(201);
    expect(child.headers.get('etag')).toBe('"1"');
    expect((await section({ slug: 'arts', name: 'Arts' })).status).toBe(201);

    const tree = await api.request('GET', '/v1/sections');
    expect(tree.status).toBe(200);
    expect(tree.headers.get('cache-control')).toBe(TAXONOMY_CACHE);
    expect(tree.body.items.map((s: { slug: string; depth: number }) => [s.slug, s.depth])).toEqual([
      ['arts', 1],
      ['news', 1],
      ['local', 2],
    ]);
    const one = await api.request('GET', '/v1/sections/local');
    expect(one.body).toMatchObject({
      slug: 'local',
      parent: 'news',
      path: ['news', 'local'],
      description: 'Close to home',
    });
  });

  it('refuses an unknown parent, a cycle and a fourth level with 422s naming parent, and authors', async () => {
    const unknown = await section({ slug: 'orphan', name: 'Orphan', parent: 'nowhere' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('parent');

    await section({ slug: 'top', name: 'Top' });
    await section({ slug: 'middle', name: 'Middle', parent: 'top' });
    const leaf = await section({ slug: 'leaf', name: 'Leaf', parent: 'middle' });
    expect(leaf.status).toBe(201);
    const tooDeep = await section({ slug: 'deeper', name: 'Deeper', parent: 'leaf' });
    expect(tooDeep.status).toBe(422);
    expect(tooDeep.body.errors[0]).toMatchObject({ path: 'parent' });

    const top = await api.request('GET', '/v1/admin/sections/top', { token: editor });
    const cycle = await patchSection('top', top.body.version, { parent: 'leaf' });
    expect(cycle.status).toBe(422);
    expect(cycle.body.errors[0].path).toBe('parent');
    expect(cycle.body.errors[0].message).toMatch(/ancestor/);
    expect((await api.request('GET', '/v1/sections/top')).body.parent).toBeNull();

    expect((await section({ slug: 'mine', name: 'Mine' }, author)).status).toBe(403);
    expect((await section({ slug: 'news', name: 'Again' })).status).toBe(409);
  });

  it('renames: the old slug answers 301 to the new one, children follow, article saves get the new slug', async () => {
    await section({ slug: 'sport-news', name: 'Sport' });
    await section({ slug: 'rowing', name: 'Rowing', parent: 'sport-news' });
    const renamed = await patchSection('sport-news', 1, { slug: 'sport', name: 'Sport' });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body).toMatchObject({ slug: 'sport', version: 2 });

    const old = await api.request('GET', '/v1/sections/sport-news');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/v1/sections/sport');
    expect((await api.request('GET', '/v1/sections/sport')).status).toBe(200);
    expect((await api.request('GET', '/v1/sections/rowing')).body.path).toEqual(['sport', 'rowing']);

    // A stale If-Match loses nothing.
    expect((await patchSection('sport', 1, { name: 'Stale' })).status).toBe(412);

    const created = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ section: 'sport-news' }),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body.section).toBe('sport');
  });

  it('refuses an article naming an unknown section with a 422 naming section, and saves nothing', async () => {
    const res = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ section: 'no-such-section', title: 'Nowhere story' }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'section', message: expect.stringMatching(/no-such-section/) }]);
    const mine = await api.request('GET', '/v1/admin/articles?q=nowhere', { token: author });
    expect(mine.body.items).toEqual([]);

    await section({ slug: 'weather', name: 'Weather' });
    const draft = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ section: 'weather' }),
    });
    const patched = await api.request('PATCH', `/v1/admin/articles/${draft.body.id}`, {
      token: author,
      json: { section: 'gone' },
      headers: { 'if-match': `"${draft.body.version}"` },
    });
    expect(patched.status).toBe(422);
    expect(patched.body.errors[0].path).toBe('section');
  });

  it('deletes a leaf, refuses one with children (409)', async () => {
    await section({ slug: 'parent-x', name: 'Parent' });
    await section({ slug: 'child-x', name: 'Child', parent: 'parent-x' });
    const remove = (slug: string, version: string) =>
      api.request('DELETE', `/v1/admin/sections/${slug}`, {
        token: editor,
        headers: { 'if-match': version },
      });
    expect((await api.request('DELETE', '/v1/admin/sections/child-x', { token: editor })).status).toBe(428);
    expect((await remove('parent-x', '"1"')).status).toBe(409);
    expect((await remove('child-x', '"7"')).status).toBe(412);
    expect((await remove('child-x', '"1"')).status).toBe(204);
    expect((await api.request('GET', '/v1/sections/child-x')).status).toBe(404);
  });
});

describe('tags', () => {
  it('authors create tags, also by saving an article; the typeahead lists them by prefix', async () => {
    const made = await api.request('POST', '/v1/admin/tags', { token: author, json: { slug: 'ferries' } });
    expect(made.status, made.text).toBe(201);
    expect(made.body.name).toBe('Ferries');

    await section({ slug: 'harbour', name: 'Harbour' });
    const draft = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ section: 'harbour', tags: ['ferry-timetables', 'ferries'] }),
    });
    expect(draft.status, draft.text).toBe(201);
    const typed = await api.request('GET', '/v1/tags?q=ferr');
    expect(typed.body.items.map((t: { slug: string }) => t.slug)).toEqual(['ferries', 'ferry-timetables']);
    expect((await api.request('GET', '/v1/tags/ferry-timetables')).body.name).toBe('Ferry timetables');
  });

  it('renames a tag (editors only): the old slug answers 301', async () => {
    await api.request('POST', '/v1/admin/tags', { token: author, json: { slug: 'bin-strike' } });
    const byAuthor = await api.request('PATCH', '/v1/admin/tags/bin-strike', {
      token: author,
      json: { slug: 'refuse-strike' },
      headers: { 'if-match': '"1"' },
    });
    expect(byAuthor.status).toBe(403);
    const renamed = await api.request('PATCH', '/v1/admin/tags/bin-strike', {
      token: editor,
      json: { slug: 'refuse-strike', name: 'Refuse strike' },
      headers: { 'if-match': '"1"' },
    });
    expect(renamed.status, renamed.text).toBe(200);
    const old = await api.request('GET', '/v1/tags/bin-strike');
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/v1/tags/refuse-strike');
    expect((await api.request('GET', '/v1/tags/refuse-strike')).body.name).toBe('Refuse strike');
  });
});
