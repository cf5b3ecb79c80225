import { beforeAll, describe, expect, it } from 'vitest';
import type { TestApi } from '../support/api.ts';
import { useCommentKit } from '../support/comments.ts';

/**
 * Readers behind one CloudFront edge arrive from one address. Here the test plays the CDN: every
 * request comes from this process's one socket address, as every reader behind an edge arrives from
 * the edge's, with the viewer's own address in CloudFront-Viewer-Address. Readers are told apart
 * by it only when the request carries the origin secret CloudFront adds; a forged header alone is
 * ignored, and the request is keyed by the address the gateway saw.
 */
const kit = useCommentKit('ViewerBrowser', { mode: 'post' });
let api: TestApi;
beforeAll(() => {
  ({ api } = kit);
});

/** The same browser build for everyone: only the address can tell these readers apart. */
const SAME_BROWSER = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0';

function viaCdn(viewer: string, secret: string | null, userAgent: string) {
  return {
    'user-agent': userAgent,
    'cloudfront-viewer-address': viewer,
    ...(secret === null ? {} : { 'x-origin-verify': secret }),
  };
}

const post = (slug: string, headers: Record<string, string>, body = 'Seen from the harbour.') =>
  api.request('POST', `/v1/articles/${slug}/comments`, { json: { authorName: 'Reader', body }, headers });

describe('readers behind one CDN edge', () => {
  it('with the origin secret, two readers have a flood window each; a reader posting twice is still held off', async () => {
    await kit.settings({ mode: 'post', floodSeconds: 120 });
    const { slug } = await kit.liveArticle();
    const ua = `${SAME_BROWSER} (a)`;
    const secret = api.env.originSecret;
    expect((await post(slug, viaCdn('198.51.100.10:40001', secret, ua))).status).toBe(201);
    // Another reader, another connection: a different address, the same browser.
    const other = await post(slug, viaCdn('203.0.113.20:51234', secret, ua), 'Me too.');
    expect(other.status, other.text).toBe(201);
    // IPv6 readers too.
    expect((await post(slug, viaCdn('2001:db8::7:60000', secret, ua), 'And me.')).status).toBe(201);
    // The first reader again, on a new connection (another port): the same reader.
    const again = await post(slug, viaCdn('198.51.100.10:40999', secret, ua), 'Once more.');
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('a forged viewer address without the secret, or with a wrong one, is ignored', async () => {
    await kit.settings({ mode: 'post', floodSeconds: 120 });
    const { slug } = await kit.liveArticle();
    const ua = `${SAME_BROWSER} (b)`;
    expect((await post(slug, viaCdn('198.51.100.10:40001', null, ua))).status).toBe(201);
    // Claiming to be someone else does not open a new flood window: keyed by the socket address.
    const forged = await post(slug, viaCdn('203.0.113.99:5000', null, ua), 'A new me.');
    expect(forged.status).toBe(429);
    const guessed = await post(slug, viaCdn('203.0.113.98:5000', 'a-guess', ua), 'Another me.');
    expect(guessed.status).toBe(429);
    const malformed = await post(slug, viaCdn('not-an-address', api.env.originSecret, ua), 'Me again.');
    expect(malformed.status).toBe(429);
  });

  it('reports: one per reader and comment, readers behind one edge counted apart only with the secret', async () => {
    await kit.settings({ mode: 'post', floodSeconds: 0 });
    const { slug } = await kit.liveArticle();
    const created = await post(slug, { 'user-agent': 'Author browser' }, 'A comment to report.');
    expect(created.status, created.text).toBe(201);
    const report = (headers: Record<string, string>) =>
      api.request('POST', `/v1/articles/${slug}/comments/${created.body.id}/reports`, {
        json: { reason: 'spam' },
        headers,
      });
    const secret = api.env.originSecret;
    const ua = `${SAME_BROWSER} (c)`;
    expect((await report(viaCdn('198.51.100.30:1000', secret, ua))).status).toBe(201);
    expect((await report(viaCdn('198.51.100.31:1000', secret, ua))).status).toBe(201);
    expect((await report(viaCdn('198.51.100.30:2000', secret, ua))).status).toBe(409);

    const ua2 = `${SAME_BROWSER} (d)`;
    expect((await report(viaCdn('198.51.100.40:1000', null, ua2))).status).toBe(201);
    expect((await report(viaCdn('198.51.100.41:1000', null, ua2))).status).toBe(409);
  });
});
