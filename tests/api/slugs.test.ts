import { describe, expect, it } from 'vitest';
import { sampleArticle } from '../support/api.ts';
import type { ArticleView } from '../support/articles.ts';
import { createDraft, publish, walk } from '../support/articles.ts';
import { useCommentKit } from '../support/comments.ts';

/**
 * Changing the slug of an article that has been live (docs/slugs.md): the change waits for the
 * edit's publication, the old address then answers 301 to the new one, in one hop, and stays the
 * article's for good.
 */
const kit = useCommentKit('slug-tests', { mode: 'post' });

const unique = () => Math.random().toString(36).slice(2, 8);

async function liveStory(slug: string): Promise<ArticleView> {
  const by = { author: kit.api.client(kit.author), editor: kit.api.client(kit.editor) };
  return publish(await createDraft(by.author, { title: `Harbour story ${slug}`, slug }), by);
}

async function patchSlug(a: { id: string; version: number }, slug: string) {
  return kit.api.request('PATCH', `/v1/admin/articles/${a.id}`, {
    token: kit.editor,
    json: { slug },
    headers: { 'if-match': `"${a.version}"` },
  });
}

/** The slug changed and the edit published, as an editor does it. */
async function moveTo(a: ArticleView, slug: string): Promise<ArticleView> {
  const edited = await patchSlug(a, slug);
  expect(edited.status, edited.text).toBe(200);
  return republish(edited.body);
}

/** Submitted and published by the editor who edited it, approved by someone else (four eyes). */
function republish(a: ArticleView): Promise<ArticleView> {
  const [asEditor, asAdmin] = [kit.api.client(kit.editor), kit.api.client(kit.admin)];
  return walk(
    [
      [asEditor, 'submit'],
      [asAdmin, 'approve'],
      [asEditor, 'publish'],
    ],
    a,
  );
}

const get = (path: string, method = 'GET') => kit.api.request(method, path);

async function expectRedirect(from: string, to: string, view = '') {
  const res = await get(`/v1/articles/${from}${view}`);
  expect(res.status, res.text).toBe(301);
  expect(res.headers.get('location')).toBe(`/v1/articles/${to}${view}`);
  expect(res.headers.get('cache-control')).toContain('s-maxage=3600');
}

describe('changing the slug of a live article', () => {
  it('keeps the old slug for readers until the edit is published, then answers 301 to the new one', async () => {
    const old = `ferry-${unique()}`;
    const a = await liveStory(old);
    const next = `${old}-night`;

    const edited = await patchSlug(a, next);
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ slug: next, liveSlug: old, redirects: [] });
    // Until it is published, readers keep the old address and the new one is nothing yet.
    expect((await get(`/v1/articles/${old}`)).status).toBe(200);
    expect((await get(`/v1/articles/${next}`)).status).toBe(404);

    const published = await republish(edited.body);
    expect(published).toMatchObject({ slug: next, liveSlug: next });
    expect(published.redirects).toEqual([{ from: old, createdAt: published.updatedAt }]);

    await expectRedirect(old, next);
    const head = await get(`/v1/articles/${old}`, 'HEAD');
    expect(head.status).toBe(301);
    expect(head.headers.get('location')).toBe(`/v1/articles/${next}`);
    const live = await get(`/v1/articles/${next}`);
    expect(live.status).toBe(200);
    expect(live.body).toMatchObject({ id: a.id, slug: next });

    // The public list names the new address.
    const list = await get(`/v1/articles?section=${a.section}&limit=100`);
    const entry = list.body.items.find((i: { id: string }) => i.id === a.id);
    expect(entry.slug).toBe(next);

    // One publication announced, at the new slug, naming the old one for the CDN purge; no
    // unpublish of the old address.
    const events = (await kit.api.events()).filter((e) => e.detail.id === a.id);
    expect(events.map((e) => [e['detail-type'], e.detail.slug])).toEqual([
      ['ArticlePublished', old],
      ['ArticlePublished', next],
    ]);
    expect(events[1]?.detail.movedFrom).toEqual([old]);
  });

  it('keeps every address it redirects from: no other article can take it (409)', async () => {
    const old = `quay-${unique()}`;
    const a = await liveStory(old);
    const moved = await moveTo(a, `${old}-2`);
    const other = await createDraft(kit.api.client(kit.author), { title: 'Another quay story' });
    for (const taken of [old, moved.slug]) {
      const res = await kit.api.request('PATCH', `/v1/admin/articles/${other.id}`, {
        token: kit.author,
        json: { slug: taken },
        headers: { 'if-match': `"${other.version}"` },
      });
      expect(res.status, res.text).toBe(409);
      expect(res.body.detail).toContain(`"${taken}" is already used`);
    }
    const created = await kit.api.request('POST', '/v1/admin/articles', {
      token: kit.author,
      json: sampleArticle({ title: 'Quay story, again', slug: old }),
    });
    expect(created.status).toBe(409);
    await expectRedirect(old, moved.slug);
  });

  it('resolves a chain in one hop, and moving back to an earlier slug serves it there again', async () => {
    const a = `tide-${unique()}`;
    const b = `${a}-b`;
    const c = `${a}-c`;
    const atB = await moveTo(await liveStory(a), b);
    const atC = await moveTo(atB, c);
    await expectRedirect(a, c);
    await expectRedirect(b, c);
    expect(atC.redirects.map((r) => r.from)).toEqual([b, a]);

    const back = await moveTo(atC, a);
    expect(back.redirects.map((r) => r.from)).toEqual([c, b]);
    const live = await get(`/v1/articles/${a}`);
    expect(live.status).toBe(200);
    expect(live.body.slug).toBe(a);
    await expectRedirect(b, a);
    await expectRedirect(c, a);
  });

  it('changes the pending slug again before publication without keeping the unpublished one', async () => {
    const a = `pier-${unique()}`;
    const live = await liveStory(a);
    const first = await patchSlug(live, `${a}-x`);
    const second = await patchSlug(first.body, `${a}-y`);
    expect(second.status, second.text).toBe(200);
    // `-x` was never live: it is free again for any article.
    const other = await createDraft(kit.api.client(kit.author), { title: 'Pier', slug: `${a}-x` });
    expect(other.slug).toBe(`${a}-x`);
    // Back to the live slug before publishing: nothing moves.
    const back = await patchSlug(second.body, a);
    expect(back.status, back.text).toBe(200);
    expect(back.body).toMatchObject({ slug: a, liveSlug: a, redirects: [] });
  });

  it('takes the old slugs down with an unpublish (404, still claimed) and back with the republish', async () => {
    const a = `dock-${unique()}`;
    const moved = await moveTo(await liveStory(a), `${a}-new`);
    const asEditor = kit.api.client(kit.editor);
    const dark = await walk([[asEditor, 'unpublish']], moved);
    expect((await get(`/v1/articles/${a}`)).status).toBe(404);
    expect((await get(`/v1/articles/${a}-new`)).status).toBe(404);
    const other = await createDraft(kit.api.client(kit.author), { title: 'Dock' });
    const taken = await patchSlug(other, a);
    expect(taken.status).toBe(409);

    const back = await republish(await walk([[asEditor, 'restore']], dark));
    expect(back.slug).toBe(`${a}-new`);
    await expectRedirect(a, `${a}-new`);
  });

  it('redirects the public comment routes of the old slug, and a post there answers 308', async () => {
    await kit.settings();
    const a = `gull-${unique()}`;
    const moved = await moveTo(await liveStory(a), `${a}-2`);
    await expectRedirect(a, moved.slug, '/comments');
    await expectRedirect(a, moved.slug, '/comments/featured');
    const posted = await kit.post(a, { authorName: 'Reader', body: 'Where did the story go?' });
    expect(posted.status, posted.text).toBe(308);
    expect(posted.headers.get('location')).toBe(`/v1/articles/${moved.slug}/comments`);
  });

  it('moves the comment thread with the article: replies, featured and exact counts at the new slug', async () => {
    await kit.settings();
    const a = `heron-${unique()}`;
    const live = await liveStory(a);
    const posted = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await kit.post(a, { authorName: `Reader ${i}`, body: `Comment number ${i} on the heron.` });
      expect(res.status, res.text).toBe(201);
      posted.push(res.body.id as string);
    }
    const reply = await kit.post(a, {
      authorName: 'Replier',
      body: 'A reply to the first.',
      parentId: posted[0],
    });
    expect(reply.status, reply.text).toBe(201);
    expect((await kit.moderate(posted[1] ?? '', 'feature')).status).toBe(200);

    const moved = await moveTo(
      {
        ...live,
        version: (await kit.api.request('GET', `/v1/admin/articles/${live.id}`, { token: kit.editor })).body
          .version,
      },
      `${a}-moved`,
    );
    const at = moved.slug;
    expect(await kit.counts({ id: live.id, slug: at })).toEqual({ live: 6, working: 6 });
    expect(await kit.featuredCounts({ id: live.id, slug: at })).toEqual({ live: 1, working: 1 });
    const thread = await kit.publicPage(`/v1/articles/${at}/comments?limit=50`);
    expect(thread.items.map((c) => c.id)).toEqual(posted);
    expect(thread.items[0]?.replyCount).toBe(1);
    const replies = await kit.publicPage(`/v1/articles/${at}/comments/${posted[0]}/replies`);
    expect(replies.items.map((c) => c.id)).toEqual([reply.body.id]);
    const featured = await kit.publicPage(`/v1/articles/${at}/comments/featured`);
    expect(featured.items.map((c) => c.id)).toEqual([posted[1]]);

    // After the move: a comment at the old slug is sent on (308), one at the new slug lands there,
    // and moderating a moved comment counts on the snapshot readers have.
    const atOld = await kit.post(a, { authorName: 'Late', body: 'Posted at the old address.' });
    expect(atOld.status).toBe(308);
    const atNew = await kit.post(at, { authorName: 'Late', body: 'Posted at the new address.' });
    expect(atNew.status, atNew.text).toBe(201);
    expect((await kit.moderate(posted[2] ?? '', 'reject')).status).toBe(200);
    expect(await kit.counts({ id: live.id, slug: at })).toEqual({ live: 6, working: 6 });
    const after = await kit.publicPage(`/v1/articles/${at}/comments?limit=50`);
    expect(after.items).toHaveLength(5);
  });
});
