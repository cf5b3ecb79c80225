import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';
import { libraryImage } from '../support/media.ts';
import { realStory, STORY_TITLE } from '../support/story.ts';

// The preview link as a page (GET /v1/preview/{token}/page) and where the Preview button sends
// editors (the previewUrl setting), over HTTP through the local gateway.
let api: TestApi;
let author: string;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, admin] = await Promise.all([api.token('author', 'alice'), api.token('admin', 'ada')]);
});
afterAll(async () => {
  await api?.stop();
});

async function draftWithLink(json: Record<string, unknown>) {
  const created = await api.request('POST', '/v1/admin/articles', { token: author, json });
  expect(created.status, created.text).toBe(201);
  const link = await api.request('POST', `/v1/admin/articles/${created.body.id}/preview`, { token: author });
  expect(link.status, link.text).toBe(201);
  return { article: created.body, link: link.body };
}

describe('the preview page', () => {
  it('renders the working copy as HTML, private, uncached, unindexed and scriptless', async () => {
    const image = await libraryImage(api, author, {
      alt: 'The north landing stage at dusk',
      credit: 'Courier photo desk',
    });
    const { link } = await draftWithLink(realStory(image));
    expect(link.pageUrl).toBe(`/v1/preview/${link.token}/page`);
    expect(link.frontendUrl).toBeNull();

    const page = await api.request('GET', link.pageUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
    expect(csp).not.toMatch(/script-src|unsafe/);

    const html = page.text;
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(html).toContain(`<h1>${STORY_TITLE}</h1>`);
    expect(html).toContain('<span class="byline">Maya Okonkwo, transport correspondent</span>');
    expect(html).toContain('Not published yet; last edited <time');
    // The lead image resolved like publishing resolves it: every rendition in srcset.
    expect(html).toMatch(
      /<figure class="image lead"><img src="\/media\/[^"]+" srcset="[^"]+ \d+w, [^"]+ \d+w/,
    );
    expect(html).toContain('<h2>Who will use it</h2>');
    expect(html).toContain('<q>For ten years');
    expect(html).toContain('<figcaption>Cllr Priya Natarajan, chair of the transport committee</figcaption>');
    expect(html).toContain('<ol><li>The operator recruits');
    expect(html).toContain('<a href="https://video.example.org/watch/harbourside-ferry-night-trial">');
    expect(html).not.toContain('<script');

    // HEAD: the same headers, no body.
    const head = await api.request('HEAD', link.pageUrl);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toBe(csp);
    expect(head.text).toBe('');
  });

  it('keeps the JSON link as it was for scripts and frontends', async () => {
    const { article, link } = await draftWithLink(sampleArticle({ title: 'Still JSON' }));
    const json = await api.request('GET', link.url, { headers: { accept: 'text/html,*/*' } });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(json.body).toMatchObject({ id: article.id, title: 'Still JSON' });
  });

  it('writes hostile words as text', async () => {
    const { link } = await draftWithLink(
      sampleArticle({
        title: '<script>alert(1)</script> & "friends"',
        byline: '<img src=x onerror=alert(1)>',
      }),
    );
    const html = (await api.request('GET', link.pageUrl)).text;
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;friends&quot;</h1>');
    expect(html).toContain('<span class="byline">&lt;img src=x onerror=alert(1)&gt;</span>');
    expect(html).not.toContain('<script>');
  });

  it('answers a link that opens nothing with a 404 page that reveals nothing and runs nothing', async () => {
    const { article, link } = await draftWithLink(sampleArticle({ title: 'Soon revoked' }));
    const revoked = await api.request('DELETE', `/v1/admin/articles/${article.id}/preview/${link.id}`, {
      token: author,
    });
    expect(revoked.status).toBe(204);
    for (const path of [link.pageUrl, '/v1/preview/bm90LWEtdG9rZW4.AAAA/page']) {
      const res = await api.request('GET', path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.text).toContain('This preview link is not valid, has expired or was revoked.');
      expect(res.text).not.toContain('Soon revoked');
    }
  });
});

describe('the previewUrl setting', () => {
  const put = (json: unknown, token = admin) =>
    api.request('PUT', '/v1/admin/settings/preview', { token, json });

  it('is for admins only', async () => {
    expect((await api.request('GET', '/v1/admin/settings/preview', { token: author })).status).toBe(403);
    expect((await put({ previewUrl: null }, author)).status).toBe(403);
  });

  it.each([
    ['http://www.example.com/preview/{slug}', 'must be an absolute https URL'],
    ['javascript:alert(1)//{token}', 'must be an absolute https URL'],
    ['/preview/{slug}', 'must be an absolute https URL'],
    ['https://www.example.com/preview/{id}', 'may hold only the placeholders {token} and {slug}'],
    ['https://www.example.com/preview/{slug', 'may hold only the placeholders {token} and {slug}'],
    ['https://www.example.com/pre view/{slug}', 'must be an absolute https URL'],
  ])('refuses %j and keeps what was set', async (previewUrl, message) => {
    const before = (await api.request('GET', '/v1/admin/settings/preview', { token: admin })).body;
    const res = await put({ previewUrl });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body.errors)).toContain(message);
    expect((await api.request('GET', '/v1/admin/settings/preview', { token: admin })).body).toEqual(before);
  });

  it("sends editors to the newsroom's frontend once set, and back to the CMS page when cleared", async () => {
    const template = 'https://www.example.com/preview/{slug}?token={token}&again={token}';
    const set = await put({ previewUrl: template });
    expect(set.status, set.text).toBe(200);
    expect(set.body).toEqual({ previewUrl: template });

    const { article, link } = await draftWithLink(sampleArticle({ title: 'Frontend preview' }));
    const token = encodeURIComponent(link.token);
    expect(link.frontendUrl).toBe(
      `https://www.example.com/preview/${article.slug}?token=${token}&again=${token}`,
    );
    const listed = await api.request('GET', `/v1/admin/articles/${article.id}/preview`, { token: author });
    expect(listed.body.items[0].frontendUrl).toBe(link.frontendUrl);
    // The CMS's own page still works beside it.
    expect((await api.request('GET', link.pageUrl)).status).toBe(200);

    expect((await put({ previewUrl: 'https://www.example.com/preview' })).status).toBe(200);
    expect((await put({ previewUrl: '' })).body).toEqual({ previewUrl: null });
    const after = await api.request('POST', `/v1/admin/articles/${article.id}/preview`, { token: author });
    expect(after.body.frontendUrl).toBeNull();
  });
});
