import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_LIMITS } from '../../shared/schemas/desk.ts';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';

/** The desk over HTTP: autosaves are private to their writer, presence is shared by the desk. */
let api: TestApi;
let author: string;
let otherAuthor: string;
let editor: string;
let moderator: string;
let admin: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, otherAuthor, editor, moderator, admin] = await Promise.all([
    api.token('author', 'desk-alice'),
    api.token('author', 'desk-bob'),
    api.token('editor', 'desk-erin'),
    api.token('moderator', 'desk-mo'),
    api.token('admin', 'desk-ada'),
  ]);
});
afterAll(async () => {
  await api?.stop();
});

async function draft(token = author) {
  const res = await api.request('POST', '/v1/admin/articles', { token, json: sampleArticle() });
  expect(res.status, res.text).toBe(201);
  return res.body as { id: string; version: number };
}

const content = (title: string) => JSON.stringify({ title, standfirst: 'Half a sentence' });
const autosave = (id: string, token: string, json: unknown) =>
  api.request('PUT', `/v1/admin/articles/${id}/autosave`, { token, json });
const readAutosave = (id: string, token: string) =>
  api.request('GET', `/v1/admin/articles/${id}/autosave`, { token });

describe('autosave', () => {
  it('keeps the caller’s unsaved edits until they discard them, and only for them', async () => {
    const { id, version } = await draft();
    expect((await readAutosave(id, author)).status).toBe(404);

    const put = await autosave(id, author, { baseVersion: version, content: content('Tram line, unsaved') });
    expect(put.status, put.text).toBe(204);
    const read = await readAutosave(id, author);
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({
      articleId: id,
      baseVersion: version,
      content: content('Tram line, unsaved'),
    });
    const expires = Date.parse(read.body.expiresAt) - Date.parse(read.body.savedAt);
    // The TTL is in whole seconds.
    expect(Math.abs(expires - DESK_LIMITS.autosaveDays * 86_400_000)).toBeLessThan(1000);

    // The article is unchanged: an autosave is not a revision.
    const article = await api.request('GET', `/v1/admin/articles/${id}`, { token: author });
    expect(article.body.version).toBe(version);
    expect(article.body.title).not.toBe('Tram line, unsaved');
    const revisions = await api.request('GET', `/v1/admin/articles/${id}/revisions`, { token: author });
    expect(revisions.body.items).toHaveLength(1);

    const discarded = await api.request('DELETE', `/v1/admin/articles/${id}/autosave`, { token: author });
    expect(discarded.status).toBe(204);
    expect((await readAutosave(id, author)).status).toBe(404);
    // Leaving twice is no error.
    expect((await api.request('DELETE', `/v1/admin/articles/${id}/autosave`, { token: author })).status).toBe(
      204,
    );
  });

  it('another user, even an admin or an editor who may edit the article, cannot read it', async () => {
    const { id, version } = await draft();
    expect(
      (await autosave(id, author, { baseVersion: version, content: content('Mine alone') })).status,
    ).toBe(204);
    for (const token of [admin, editor]) {
      const res = await readAutosave(id, token);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('Mine alone');
    }
    // Their own autosaves are their own: the admin's does not replace the author's.
    expect((await autosave(id, admin, { baseVersion: version, content: content('Admin’s') })).status).toBe(
      204,
    );
    expect((await readAutosave(id, author)).body.content).toBe(content('Mine alone'));
    expect((await readAutosave(id, admin)).body.content).toBe(content('Admin’s'));
    // Discarding is per person too.
    await api.request('DELETE', `/v1/admin/articles/${id}/autosave`, { token: admin });
    expect((await readAutosave(id, author)).status).toBe(200);
  });

  it('only someone who may edit the article autosaves it: others get a 404 and store nothing', async () => {
    const { id, version } = await draft();
    for (const token of [otherAuthor]) {
      const res = await autosave(id, token, { baseVersion: version, content: content('Not mine') });
      expect(res.status).toBe(404);
      expect((await readAutosave(id, token)).status).toBe(404);
    }
    // A moderator has no editorial role at all.
    expect((await autosave(id, moderator, { baseVersion: version, content: content('x') })).status).toBe(403);
    expect(
      (await autosave('01KAX3TT6V3Q7D0Y6M1V0C5N8E', author, { baseVersion: 1, content: '{}' })).status,
    ).toBe(404);
  });

  it('refuses an autosave while the article cannot be edited (in review): 409', async () => {
    const { id, version } = await draft();
    const submitted = await api.request('POST', `/v1/admin/articles/${id}/transitions`, {
      token: author,
      json: { action: 'submit' },
      headers: { 'if-match': `"${version}"` },
    });
    expect(submitted.status).toBe(200);
    const res = await autosave(id, author, { baseVersion: version, content: content('Too late') });
    expect(res.status).toBe(409);
    expect(res.body.detail).toMatch(/in_review cannot be autosaved/);
  });

  it('answers bad input with a specific 4xx and keeps nothing', async () => {
    const { id, version } = await draft();
    const cases: [unknown, number, RegExp][] = [
      [{ baseVersion: version }, 422, /content/],
      [{ baseVersion: 0, content: '{}' }, 422, /baseVersion/],
      [{ baseVersion: 1.5, content: '{}' }, 422, /baseVersion/],
      [{ baseVersion: version, content: 'not json' }, 422, /JSON text of an object/],
      [{ baseVersion: version, content: '[1,2]' }, 422, /JSON text of an object/],
      [{ baseVersion: version, content: '"\ud800"' }, 422, /content/],
      [{ baseVersion: version, content: '{}', status: 'published' }, 422, /status/],
      // Deeply nested JSON text is only text to the server: kept, not walked.
      [{ baseVersion: version, content: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}` }, 204, /^$/],
    ];
    for (const [json, status, detail] of cases) {
      const res = await autosave(id, author, json);
      expect(res.status, JSON.stringify(json).slice(0, 80)).toBe(status);
      if (status !== 204) expect(res.body.detail ?? '').toMatch(detail);
    }
    await api.request('DELETE', `/v1/admin/articles/${id}/autosave`, { token: author });

    const big = JSON.stringify({ body: 'x'.repeat(DESK_LIMITS.autosaveBytes) });
    const tooBig = await autosave(id, author, { baseVersion: version, content: big });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.detail).toMatch(/limit of 262144 bytes/);
    const malformed = await api.request('PUT', `/v1/admin/articles/${id}/autosave`, {
      token: author,
      body: '{"baseVersion":',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect((await readAutosave(id, author)).status).toBe(404);
  });
});

describe('autosave of a new article, before its first save', () => {
  const NEW = '/v1/admin/autosave/new-article';

  it('keeps each person’s unsaved new story for them alone, until they discard it', async () => {
    expect((await api.request('GET', NEW, { token: author })).status).toBe(404);
    const put = await api.request('PUT', NEW, {
      token: author,
      json: { content: content('Flood barrier, unsaved') },
    });
    expect(put.status, put.text).toBe(204);
    const read = await api.request('GET', NEW, { token: author });
    expect(read.status, read.text).toBe(200);
    expect(read.body).toMatchObject({ content: content('Flood barrier, unsaved') });
    expect(Date.parse(read.body.expiresAt) - Date.parse(read.body.savedAt)).toBeGreaterThan(29 * 86_400_000);
    // A second write replaces the first: one new-story autosave per person.
    await api.request('PUT', NEW, { token: author, json: { content: content('Flood barrier, later') } });
    expect((await api.request('GET', NEW, { token: author })).body.content).toBe(
      content('Flood barrier, later'),
    );

    // Private: another author, an editor and an admin each have their own (none), and see nothing.
    for (const other of [otherAuthor, editor, admin]) {
      expect((await api.request('GET', NEW, { token: other })).status).toBe(404);
    }
    // It is no article: the desk's list does not show it.
    const list = await api.request('GET', '/v1/admin/articles?limit=50', { token: admin });
    expect(JSON.stringify(list.body)).not.toContain('Flood barrier');
    // A moderator writes no stories.
    expect((await api.request('PUT', NEW, { token: moderator, json: { content: '{}' } })).status).toBe(403);

    expect((await api.request('DELETE', NEW, { token: author })).status).toBe(204);
    expect((await api.request('GET', NEW, { token: author })).status).toBe(404);
    expect((await api.request('DELETE', NEW, { token: author })).status).toBe(204);
  });

  it('answers bad input with a specific 4xx and keeps nothing', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{}, 422, /content/],
      [{ content: 'not json' }, 422, /JSON text of an object/],
      [{ content: '{}', baseVersion: 1 }, 422, /baseVersion/],
    ];
    for (const [json, status, detail] of cases) {
      const res = await api.request('PUT', NEW, { token: otherAuthor, json });
      expect(res.status, JSON.stringify(json)).toBe(status);
      expect(res.body.detail ?? '').toMatch(detail);
    }
    const big = JSON.stringify({ body: 'x'.repeat(DESK_LIMITS.autosaveBytes) });
    expect((await api.request('PUT', NEW, { token: otherAuthor, json: { content: big } })).status).toBe(413);
    expect((await api.request('GET', NEW, { token: otherAuthor })).status).toBe(404);
  });
});

describe('presence', () => {
  const beat = (id: string, token: string, unsaved: boolean) =>
    api.request('PUT', `/v1/admin/articles/${id}/presence`, { token, json: { unsaved } });

  it('says who else has the article open and whether they have unsaved edits, until they leave', async () => {
    const { id } = await draft();
    const first = await beat(id, author, false);
    expect(first.status, first.text).toBe(200);
    expect(first.body).toEqual({ items: [], heartbeatSeconds: DESK_LIMITS.heartbeatSeconds });

    const second = await beat(id, editor, true);
    expect(second.body.items).toEqual([{ user: 'desk-alice', unsaved: false, seenAt: expect.any(String) }]);
    const again = await beat(id, author, false);
    expect(again.body.items).toEqual([{ user: 'desk-erin', unsaved: true, seenAt: expect.any(String) }]);

    expect((await api.request('DELETE', `/v1/admin/articles/${id}/presence`, { token: editor })).status).toBe(
      204,
    );
    expect((await beat(id, author, false)).body.items).toEqual([]);
  });

  it('is the desk’s only: an author who may not see the article is told nothing (404)', async () => {
    const { id } = await draft();
    await beat(id, author, true);
    const res = await beat(id, otherAuthor, false);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('desk-alice');
    expect(
      (await api.request('PUT', `/v1/admin/articles/${id}/presence`, { token: author, json: {} })).status,
    ).toBe(422);
  });

  it('has a line of its own on the live desk, open to the coverage’s contributors', async () => {
    // A published article by alice with live coverage naming bob, who may not see its working copy.
    const created = await draft();
    let version = created.version;
    for (const [token, action] of [
      [author, 'submit'],
      [editor, 'approve'],
      [editor, 'publish'],
    ] as const) {
      const res = await api.request('POST', `/v1/admin/articles/${created.id}/transitions`, {
        token,
        json: { action },
        headers: { 'If-Match': `"${version}"` },
      });
      expect(res.status, res.text).toBe(200);
      version = res.body.version;
    }
    const id = created.id;
    const live = (token: string) =>
      api.request('PUT', `/v1/admin/articles/${id}/presence`, {
        token,
        json: { unsaved: false, desk: 'live' },
      });
    expect((await live(editor)).status).toBe(404); // no coverage yet
    const started = await api.request('PUT', `/v1/admin/articles/${id}/live`, {
      token: editor,
      json: { state: 'live', contributors: ['desk-bob'] },
    });
    expect(started.status, started.text).toBe(200);

    expect((await beat(id, otherAuthor, false)).status).toBe(404); // the editor's line stays closed to bob
    expect((await live(editor)).body.items).toEqual([]);
    const bob = await live(otherAuthor);
    expect(bob.status, bob.text).toBe(200);
    expect(bob.body.items).toEqual([{ user: 'desk-erin', unsaved: false, seenAt: expect.any(String) }]);
    // The two lines are apart: the live desk's people are not "in the article".
    expect((await beat(id, author, false)).body.items).toEqual([]);
    // Alice wrote the article but is not a contributor: not on the live desk.
    expect((await live(author)).status).toBe(404);

    const gone = await api.request('DELETE', `/v1/admin/articles/${id}/presence?desk=live`, {
      token: otherAuthor,
    });
    expect(gone.status, gone.text).toBe(204);
    expect((await live(editor)).body.items).toEqual([]);
  });
});
