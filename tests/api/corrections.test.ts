import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';
import { createDraft, publish } from '../support/articles.ts';

let api: TestApi;
let author: string;
let editor: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, editor] = await Promise.all([api.token('author', 'cora'), api.token('editor', 'desk-7')]);
});
afterAll(async () => {
  await api?.stop();
});

async function live(title: string) {
  const [asAuthor, asEditor] = [api.client(author), api.client(editor)];
  const draft = await createDraft(asAuthor, { title });
  return publish(draft, { author: asAuthor, editor: asEditor });
}

const correct = (id: string, version: number | null, json: unknown, token = editor) =>
  api.request('POST', `/v1/admin/articles/${id}/corrections`, {
    token,
    json,
    headers: version === null ? {} : { 'if-match': `"${version}"` },
  });

describe('corrections', () => {
  it('shows on the live article at once, newest first, audited and announced', async () => {
    const article = await live('Bridge reopening date corrected');
    const first = await correct(article.id, article.version, {
      text: 'The bridge reopens on Monday, not Sunday.',
    });
    expect(first.status, first.text).toBe(200);
    expect(first.headers.get('etag')).toBe(`"${article.version + 1}"`);
    expect(first.body).toMatchObject({ status: 'published', version: article.version + 1 });
    const second = await correct(article.id, first.body.version, {
      text: 'The contractor is Harbour Works Ltd.',
    });
    expect(second.status, second.text).toBe(200);
    expect(second.body.corrections.map((c: { text: string; by: string }) => [c.text, c.by])).toEqual([
      ['The contractor is Harbour Works Ltd.', 'desk-7'],
      ['The bridge reopens on Monday, not Sunday.', 'desk-7'],
    ]);

    const pub = await api.request('GET', `/v1/articles/${article.slug}`);
    expect(pub.status).toBe(200);
    expect(pub.body.corrections).toEqual([
      { text: 'The contractor is Harbour Works Ltd.', at: second.body.corrections[0].at },
      { text: 'The bridge reopens on Monday, not Sunday.', at: first.body.corrections[0].at },
    ]);
    // The reader's copy changed, so its validator did: caches revalidate.
    expect(pub.headers.get('etag')).toContain(`"${second.body.version}.`);
    expect(pub.body.publishedAt).toBe(article.publishedAt);

    const history = await api.request('GET', `/v1/admin/articles/${article.id}/history`, { token: editor });
    const corrections = history.body.items.filter((e: { action: string }) => e.action === 'correct');
    expect(corrections.map((e: { note: string; actor: string }) => [e.note, e.actor])).toEqual([
      ['The bridge reopens on Monday, not Sunday.', 'desk-7'],
      ['The contractor is Harbour Works Ltd.', 'desk-7'],
    ]);

    const events = (await api.events()).filter(
      (e) => e.detail.id === article.id && e.detail.version === second.body.version,
    );
    expect(events.map((e) => e['detail-type'])).toEqual(['ArticlePublished']);
    expect((events[0]?.detail as { corrections?: unknown[] } | undefined)?.corrections).toHaveLength(2);
  });

  it('keeps an unpublished edit in the working copy and the live words as they were', async () => {
    const article = await live('Harbour lights switched on');
    const edited = await api.request('PATCH', `/v1/admin/articles/${article.id}`, {
      token: author,
      headers: { 'if-match': `"${article.version}"` },
      json: { title: 'Harbour lights switched on early' },
    });
    expect(edited.status).toBe(200);
    const res = await correct(article.id, edited.body.version, { text: 'The lights are LED, not sodium.' });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      title: 'Harbour lights switched on early',
      status: 'draft',
      hasUnpublishedChanges: true,
      live: true,
    });
    const pub = await api.request('GET', `/v1/articles/${article.slug}`);
    expect(pub.body.title).toBe('Harbour lights switched on');
    expect(pub.body.corrections).toHaveLength(1);
    // Publishing the edit later keeps the correction.
    const asEditor = api.client(editor);
    await publish(res.body, { author: api.client(author), editor: asEditor });
    const after = await api.request('GET', `/v1/articles/${article.slug}`);
    expect(after.body.title).toBe('Harbour lights switched on early');
    expect(after.body.corrections.map((c: { text: string }) => c.text)).toEqual([
      'The lights are LED, not sodium.',
    ]);
  });

  it('lets exactly one of two corrections made from the same version win; the other is a 412', async () => {
    const article = await live('Tide times corrected twice');
    const [a, b] = await Promise.all([
      correct(article.id, article.version, { text: 'High tide is at 06:12.' }),
      correct(article.id, article.version, { text: 'Low tide is at 12:30.' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const stale = await correct(article.id, article.version, { text: 'A third, from a stale read.' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    const pub = await api.request('GET', `/v1/articles/${article.slug}`);
    expect(pub.body.corrections).toHaveLength(1);
  });

  it('refuses bad requests with a specific problem and changes nothing', async () => {
    const article = await live('Refused corrections leave no trace');
    const cases: [number, unknown, number | null, string][] = [
      [422, { text: '   ' }, article.version, editor],
      [422, { text: 'x'.repeat(2_001) }, article.version, editor],
      [422, { text: 'ok', by: 'someone-else' }, article.version, editor],
      [422, {}, article.version, editor],
      [428, { text: 'No If-Match' }, null, editor],
      [403, { text: 'An author may not' }, article.version, author],
    ];
    for (const [status, json, version, token] of cases) {
      const res = await correct(article.id, version, json, token);
      expect(res.status, `${JSON.stringify(json)}: ${res.text}`).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
    const draft = await createDraft(api.client(author), sampleArticle({ title: 'Never live' }) as never);
    const notLive = await correct(draft.id, draft.version, { text: 'Nothing to correct yet.' });
    expect(notLive.status).toBe(409);
    const after = await api.request('GET', `/v1/admin/articles/${article.id}`, { token: editor });
    expect(after.body.version).toBe(article.version);
    expect(after.body.corrections).toEqual([]);
    const pub = await api.request('GET', `/v1/articles/${article.slug}`);
    expect(pub.body.corrections).toEqual([]);
  });
});
