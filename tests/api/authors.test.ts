import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_CACHE } from '../../shared/http/routes/define.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { type ArticleView, createDraft, publish } from '../support/articles.ts';
import { libraryImage } from '../support/media.ts';
import { readAtom } from '../support/xmlChecks.ts';

/** Author records over HTTP through the local gateway, the relay run as the stream function would. */
let api: TestApi;
let admin: string;
let author: string;
let editor: string;
const SITE = {
  baseUrl: 'https://courier.example.org',
  articlePath: '/{section}/{slug}',
  authorPath: '/people/{slug}',
  publicationName: 'The Harbour Courier',
  language: 'en',
  fullBodyInFeeds: false,
};

beforeAll(async () => {
  api = await startTestApi();
  [admin, author, editor] = await Promise.all([
    api.token('admin', 'authors-admin'),
    api.token('author', 'authors-writer'),
    api.token('editor', 'authors-desk'),
  ]);
  const saved = await api.request('PUT', '/v1/admin/settings/site', { token: admin, json: SITE });
  expect(saved.status, saved.text).toBe(200);
});
afterAll(async () => {
  await api?.stop();
});

let unique = 0;
const slugOf = (name: string) => {
  unique += 1;
  return `${name}-${unique}-${Date.now().toString(36)}`;
};

async function createAuthor(fields: Record<string, unknown>, token = editor) {
  const res = await api.request('POST', '/v1/admin/authors', { token, json: fields });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

async function live(overrides: Record<string, unknown>): Promise<ArticleView> {
  unique += 1;
  const draft = await createDraft(api.client(author), {
    title: `Pier lights story ${unique} ${Date.now()}`,
    ...overrides,
  });
  const published = await publish(draft, { author: api.client(author), editor: api.client(editor) });
  await api.events();
  return published;
}

describe('author records', () => {
  it('editors create, read, change and delete them; authors only read; stale writes are 412', async () => {
    const slug = slugOf('nadia-brant');
    const created = await api.request('POST', '/v1/admin/authors', {
      token: editor,
      json: {
        slug,
        name: 'Nadia Brant',
        title: 'Courts reporter',
        bio: 'Covers the crown court.',
        links: [{ label: 'Mastodon', url: 'https://social.example.org/@nadia' }],
      },
    });
    expect(created.status, created.text).toBe(201);
    expect(created.headers.get('location')).toBe(`/v1/admin/authors/${slug}`);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({ slug, name: 'Nadia Brant', guest: false, photo: null, version: 1 });

    // Authors read the directory (to pick), and nothing more.
    const listed = await api.request('GET', '/v1/admin/authors?limit=100', { token: author });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((a: { slug: string }) => a.slug)).toContain(slug);
    expect((await api.request('GET', `/v1/admin/authors/${slug}`, { token: author })).status).toBe(200);
    const denied = [
      await api.request('POST', '/v1/admin/authors', { token: author, json: { slug: 'x', name: 'X' } }),
      await api.request('PATCH', `/v1/admin/authors/${slug}`, {
        token: author,
        json: { name: 'Y' },
        headers: { 'If-Match': '"1"' },
      }),
      await api.request('DELETE', `/v1/admin/authors/${slug}`, { token: author }),
    ];
    expect(denied.map((r) => r.status)).toEqual([403, 403, 403]);

    const taken = await api.request('POST', '/v1/admin/authors', {
      token: editor,
      json: { slug, name: 'Someone Else' },
    });
    expect(taken.status).toBe(409);

    const patched = await api.request('PATCH', `/v1/admin/authors/${slug}`, {
      token: editor,
      json: { title: 'Chief courts reporter', guest: true },
      headers: { 'If-Match': '"1"' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ title: 'Chief courts reporter', guest: true, version: 2 });
    const stale = await api.request('PATCH', `/v1/admin/authors/${slug}`, {
      token: editor,
      json: { title: 'Lost' },
      headers: { 'If-Match': '"1"' },
    });
    expect(stale.status).toBe(412);
    // The slug is the author's identity: a patch cannot name it.
    const renamed = await api.request('PATCH', `/v1/admin/authors/${slug}`, {
      token: editor,
      json: { slug: 'other' },
      headers: { 'If-Match': '"2"' },
    });
    expect(renamed.status).toBe(422);

    const profile = await api.request('GET', `/v1/authors/${slug}`);
    expect(profile.status).toBe(200);
    expect(profile.headers.get('cache-control')).toBe(PUBLIC_CACHE);
    expect(profile.body).toEqual({
      slug,
      name: 'Nadia Brant',
      title: 'Chief courts reporter',
      bio: 'Covers the crown court.',
      photo: null,
      links: [{ label: 'Mastodon', url: 'https://social.example.org/@nadia' }],
      guest: true,
    });

    expect((await api.request('DELETE', `/v1/admin/authors/${slug}`, { token: editor })).status).toBe(204);
    expect((await api.request('GET', `/v1/authors/${slug}`)).status).toBe(404);
  });

  it('refuses bad input with 422 naming each field, and writes nothing', async () => {
    const slug = slugOf('bad');
    const bad = await api.request('POST', '/v1/admin/authors', {
      token: editor,
      json: {
        slug: 'Not A Slug',
        name: '',
        links: [{ label: 'Site', url: 'http://plain.example.org' }],
        photo: { mediaId: '01KAX4C7M2D5F8H1J4K6N9P3QR' },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'links.0.url',
      'name',
      'slug',
    ]);
    // A photo that is not in the library: the field, once the shape is right.
    const noPhoto = await api.request('POST', '/v1/admin/authors', {
      token: editor,
      json: { slug, name: 'Pat Doe', photo: { mediaId: '01KAX4C7M2D5F8H1J4K6N9P3QR' } },
    });
    expect(noPhoto.status).toBe(422);
    expect(noPhoto.body.errors).toEqual([
      { path: 'photo.mediaId', message: 'no image 01KAX4C7M2D5F8H1J4K6N9P3QR in the media library' },
    ]);
    expect((await api.request('GET', `/v1/admin/authors/${slug}`, { token: editor })).status).toBe(404);
  });

  it('a photo from the library is resolved into the profile and the stories that name the author', async () => {
    const image = await libraryImage(
      api,
      editor,
      { alt: 'Idris Vale at the harbour' },
      { width: 600, height: 600 },
    );
    const slug = slugOf('idris-vale');
    await createAuthor({ slug, name: 'Idris Vale', title: 'Harbour reporter', photo: { mediaId: image.id } });
    const profile = (await api.request('GET', `/v1/authors/${slug}`)).body;
    expect(profile.photo).toMatchObject({ mediaId: image.id, alt: 'Idris Vale at the harbour', width: 600 });
    expect(profile.photo.src).toMatch(/^\/media\//);

    const story = await live({ authors: [slug], byline: '' });
    const read = await api.request('GET', `/v1/articles/${story.slug}`);
    expect(read.body.authors).toEqual([
      {
        slug,
        name: 'Idris Vale',
        title: 'Harbour reporter',
        photo: {
          src: profile.photo.src,
          srcset: profile.photo.srcset,
          width: 600,
          height: 600,
          alt: 'Idris Vale at the harbour',
        },
      },
    ]);
  });

  it("an image that is an author's photo is not deleted: 409 naming the author; once replaced, it goes", async () => {
    const first = await libraryImage(
      api,
      editor,
      { alt: 'Mara Lund, portrait' },
      { width: 400, height: 400 },
    );
    const second = await libraryImage(api, editor, { alt: 'Mara Lund, newer portrait' });
    const slug = slugOf('mara-lund');
    await createAuthor({ slug, name: 'Mara Lund', photo: { mediaId: first.id } });

    const refused = await api.request('DELETE', `/v1/admin/media/${first.id}`, { token: editor });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.detail).toContain(`the profile of an author as their photo: Mara Lund (${slug})`);
    expect(refused.body.errors).toEqual([{ path: `authors.${slug}`, message: 'Mara Lund' }]);
    // Nothing changed: the image is still there, and not left marked as being deleted.
    expect((await api.request('GET', `/v1/admin/media/${first.id}`, { token: editor })).status).toBe(200);
    expect((await api.request('GET', `/v1/authors/${slug}`)).body.photo.mediaId).toBe(first.id);

    const replaced = await api.request('PATCH', `/v1/admin/authors/${slug}`, {
      token: editor,
      json: { photo: { mediaId: second.id } },
      headers: { 'If-Match': '"1"' },
    });
    expect(replaced.status, replaced.text).toBe(200);
    const gone = await api.request('DELETE', `/v1/admin/media/${first.id}`, { token: editor });
    expect(gone.status, gone.text).toBe(204);
    expect((await api.request('GET', `/v1/admin/media/${first.id}`, { token: editor })).status).toBe(404);
    // The image now in use is held in turn.
    expect((await api.request('DELETE', `/v1/admin/media/${second.id}`, { token: editor })).status).toBe(409);
  });
});

describe('articles name authors', () => {
  it('in order; an unknown one is a 422 naming authors.<i>; the live article, jsonLd and feeds carry them', async () => {
    const first = slugOf('ada-quill');
    const second = slugOf('bo-lind');
    await createAuthor({ slug: first, name: 'Ada Quill', title: 'Politics' });
    await createAuthor({ slug: second, name: 'Bo Lind', title: '' });

    const unknown = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: {
        title: 'Who wrote it',
        section: 'city',
        body: [{ type: 'paragraph', text: 'x' }],
        authors: [first, 'nobody-at-all'],
      },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ path: 'authors.1', message: 'no author nobody-at-all' }]);

    const story = await live({ authors: [second, first], byline: 'Staff' });
    expect(story.authors).toEqual([second, first]);
    const read = await api.request('GET', `/v1/articles/${story.slug}`);
    expect(read.body.authors).toEqual([
      { slug: second, name: 'Bo Lind', title: '' },
      { slug: first, name: 'Ada Quill', title: 'Politics' },
    ]);
    expect(read.body.byline).toBe('Staff');
    expect(read.body.jsonLd.author).toEqual([
      { '@type': 'Person', name: 'Bo Lind', url: `${SITE.baseUrl}/people/${second}` },
      { '@type': 'Person', name: 'Ada Quill', url: `${SITE.baseUrl}/people/${first}` },
    ]);

    // The author feed is keyed by the record's slug; Atom names the author's page.
    const atom = readAtom((await api.request('GET', `/v1/feeds/atom?author=${first}`)).text);
    const entry = atom.entries?.find((e) => e.id === `urn:newsroom:article:${story.id}`);
    expect(entry?.authors).toEqual([
      { name: 'Bo Lind', uri: `${SITE.baseUrl}/people/${second}` },
      { name: 'Ada Quill', uri: `${SITE.baseUrl}/people/${first}` },
    ]);

    // Named by a live story: the author cannot be deleted, and the answer says how many.
    const refused = await api.request('DELETE', `/v1/admin/authors/${first}`, { token: editor });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('named by 1 live story');
  });

  it("the author's page lists their live stories newest first, a page per request, following the cursor", async () => {
    const slug = slugOf('cy-moss');
    await createAuthor({ slug, name: 'Cy Moss', title: 'Weather' });
    const stories: ArticleView[] = [];
    for (let i = 0; i < 3; i += 1) stories.push(await live({ authors: [slug] }));
    await live({ byline: 'Someone Else' });

    const first = await api.request('GET', `/v1/authors/${slug}/articles?limit=2`);
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get('cache-control')).toBe(PUBLIC_CACHE);
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([stories[2]?.id, stories[1]?.id]);
    expect(first.body.items[0]).toMatchObject({ slug: stories[2]?.slug, section: 'city', leadImage: null });
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.request(
      'GET',
      `/v1/authors/${slug}/articles?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.items.map((s: { id: string }) => s.id)).toEqual([stories[0]?.id]);
    expect(second.body.nextCursor).toBeNull();

    // Unpublished, a story leaves the page.
    const gone = stories[1];
    if (!gone) throw new Error('no story');
    const unpublished = await api.request('POST', `/v1/admin/articles/${gone.id}/transitions`, {
      token: editor,
      json: { action: 'unpublish' },
      headers: { 'If-Match': `"${gone.version}"` },
    });
    expect(unpublished.status, unpublished.text).toBe(200);
    await api.events();
    const after = await api.request('GET', `/v1/authors/${slug}/articles`);
    expect(after.body.items.map((s: { id: string }) => s.id)).toEqual([stories[2]?.id, stories[0]?.id]);

    // An unknown author has no stories (no second read to tell); their profile is a 404.
    expect((await api.request('GET', '/v1/authors/no-such-person/articles')).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await api.request('GET', '/v1/authors/no-such-person')).status).toBe(404);
  });

  it('an archive import names the author whose name the byline is, case and accents folded', async () => {
    const slug = slugOf('zoe-okafor');
    await createAuthor({ slug, name: 'Zoë Okafor', title: 'Arts' });
    const item = (externalId: string, byline: string) => ({
      externalId,
      title: `Gallery reopens ${externalId}`,
      section: 'culture',
      body: [{ type: 'paragraph', text: 'The doors opened at ten.' }],
      byline,
      publishedAt: '2024-03-01T09:00:00.000Z',
      updatedAt: '2024-03-01T09:00:00.000Z',
    });
    const suffix = Date.now().toString(36);
    const res = await api.request('POST', '/v1/admin/imports', {
      token: admin,
      json: {
        articles: [
          item(`arch/${suffix}/1`, 'By ZOE OKAFOR'),
          item(`arch/${suffix}/2`, 'Zoe Okafor and A. Stranger'),
        ],
      },
    });
    expect(res.status, res.text).toBe(200);
    const [matched, mixed] = res.body.results;
    expect(matched.outcome).toBe('created');
    const one = await api.request('GET', `/v1/articles/${matched.slug}`);
    expect(one.body.authors).toEqual([{ slug, name: 'Zoë Okafor', title: 'Arts' }]);
    // A byline naming someone who is not an author stays the byline alone.
    const two = await api.request('GET', `/v1/articles/${mixed.slug}`);
    expect(two.body.authors).toEqual([]);
    expect(two.body.byline).toBe('Zoe Okafor and A. Stranger');
  });
});
