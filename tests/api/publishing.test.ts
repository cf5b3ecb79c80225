import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalScheduler } from '../../infra/local/scheduler.ts';
import { previewTokens } from '../../shared/preview.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { sampleArticle, startTestApi, type TestApi } from '../support/api.ts';
import { createDraft, walk } from '../support/articles.ts';

let api: TestApi;
let author: string;
let editor: string;
let otherAuthor: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, editor, otherAuthor] = await Promise.all([
    api.token('author', 'alice'),
    api.token('editor', 'erin'),
    api.token('author', 'bob'),
  ]);
});
afterAll(async () => {
  await api?.stop();
});

const MINUTE = 60_000;
const inMinutes = (n: number) => new Date(Date.now() + n * MINUTE);

async function act(
  token: string,
  a: { id: string; version: number },
  action: string,
  extra: Record<string, unknown> = {},
) {
  return api.request('POST', `/v1/admin/articles/${a.id}/transitions`, {
    token,
    json: { action, ...extra },
    headers: { 'if-match': `"${a.version}"` },
  });
}

async function approved(overrides: Parameters<typeof createDraft>[1] = {}) {
  const [asAuthor, asEditor] = [api.client(author), api.client(editor)];
  const draft = await createDraft(asAuthor, {
    title: `Embargoed ${Math.random().toString(36).slice(2)}`,
    ...overrides,
  });
  return walk(
    [
      [asAuthor, 'submit'],
      [asEditor, 'approve'],
    ],
    draft,
  );
}

async function scheduled(minutes: number) {
  const a = await approved();
  const publishAt = inMinutes(minutes).toISOString();
  const res = await act(editor, a, 'schedule', { publishAt });
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const eventsFor = async (id: string) => (await api.events()).filter((e) => e.detail.id === id);
const typesFor = async (id: string) => (await eventsFor(id)).map((e) => e['detail-type']);

/** The scheduled-publish Lambda handler, called as EventBridge Scheduler would call it. */
async function trigger(articleId: string, version: number) {
  const { handler } = await import('../../functions/scheduledPublish.ts');
  return handler({ articleId, version });
}

describe('scheduling', () => {
  it('keeps a scheduled article off every public route until it is due, then publishes it once', async () => {
    const a = await scheduled(2);
    expect(a).toMatchObject({ status: 'scheduled', live: false });
    expect(Date.parse(a.scheduledFor)).toBeGreaterThan(Date.now());
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(404);
    const list = await api.request('GET', '/v1/articles?limit=100');
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(a.id);

    await api.scheduler.tick(new Date());
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(404);

    expect(await api.scheduler.tick(inMinutes(2.5))).toBeGreaterThanOrEqual(1);
    const live = await api.request('GET', `/v1/articles/${a.slug}`);
    expect(live.status).toBe(200);
    const working = await api.request('GET', `/v1/admin/articles/${a.id}`, { token: editor });
    expect(working.body).toMatchObject({
      status: 'published',
      live: true,
      scheduledFor: null,
      updatedBy: 'scheduler',
    });

    const history = await api.request('GET', `/v1/admin/articles/${a.id}/history`, { token: editor });
    const [schedule, publish] = history.body.items.slice(-2);
    expect(schedule).toMatchObject({
      action: 'schedule',
      from: 'approved',
      to: 'scheduled',
      actor: 'erin',
      publishAt: a.scheduledFor,
    });
    expect(publish).toMatchObject({
      action: 'publish',
      from: 'scheduled',
      to: 'published',
      actor: 'scheduler',
    });

    // A second poll, and a late duplicate of the trigger, change nothing.
    await api.scheduler.tick(inMinutes(3));
    expect(await trigger(a.id, a.version)).toMatchObject({ outcome: 'skipped' });
    expect(await typesFor(a.id)).toEqual(['ArticlePublished']);
  });

  it('publishes exactly once when the same trigger fires twice at the same time', async () => {
    const a = await scheduled(1);
    const results = await Promise.all([
      trigger(a.id, a.version),
      trigger(a.id, a.version),
      trigger(a.id, a.version),
    ]);
    expect(results.filter((r) => r.outcome === 'published')).toHaveLength(1);
    const history = await api.request('GET', `/v1/admin/articles/${a.id}/history`, { token: editor });
    expect(history.body.items.filter((h: { action: string }) => h.action === 'publish')).toHaveLength(1);
    expect(await eventsFor(a.id)).toHaveLength(1);
  });

  it('skips a stale trigger after unschedule or reschedule, and honours the new one', async () => {
    const a = await scheduled(5);
    const unscheduled = await act(editor, a, 'unschedule');
    expect(unscheduled.status).toBe(200);
    expect(unscheduled.body).toMatchObject({ status: 'approved', scheduledFor: null });
    expect(await trigger(a.id, a.version)).toMatchObject({
      outcome: 'skipped',
      reason: 'the article is approved',
    });
    expect(await api.scheduler.tick(inMinutes(10))).toBe(0);

    const again = await act(editor, unscheduled.body, 'schedule', { publishAt: inMinutes(1).toISOString() });
    expect(again.status).toBe(200);
    expect(await trigger(a.id, a.version)).toMatchObject({ outcome: 'skipped' });
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(404);
    expect(await trigger(a.id, again.body.version)).toMatchObject({ outcome: 'published' });
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(200);
  });

  it('lets either the unschedule or the trigger win a race, never both', async () => {
    const a = await scheduled(1);
    const [unschedule, fired] = await Promise.all([act(editor, a, 'unschedule'), trigger(a.id, a.version)]);
    const working = await api.request('GET', `/v1/admin/articles/${a.id}`, { token: editor });
    if (unschedule.status === 200) {
      expect(fired.outcome).toBe('skipped');
      expect(working.body).toMatchObject({ status: 'approved', live: false });
      expect(await eventsFor(a.id)).toEqual([]);
    } else {
      expect([409, 412]).toContain(unschedule.status);
      expect(fired.outcome).toBe('published');
      expect(working.body).toMatchObject({ status: 'published', live: true });
      expect(await eventsFor(a.id)).toHaveLength(1);
    }
  });

  it('honours a schedule missed while the server was down on the first poll after start', async () => {
    const a = await scheduled(1);
    // A fresh poller over the same table, as after a restart, an hour after the article was due.
    const db = createDocumentClient(api.env.endpoint);
    const { handler } = await import('../../functions/scheduledPublish.ts');
    const restarted = startLocalScheduler({
      store: new ArticleStore(db, api.env.contentTable, api.env.commentsTable),
      handler,
      intervalMs: 0,
    });
    try {
      expect(await restarted.tick(inMinutes(61))).toBeGreaterThanOrEqual(1);
    } finally {
      restarted.stop();
      db.destroy();
    }
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(200);
  });

  it('validates schedule requests and who may make them', async () => {
    const a = await approved();
    const missing = await act(editor, a, 'schedule');
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: 'publishAt', message: 'is required for this action' }]);
    const past = await act(editor, a, 'schedule', { publishAt: new Date(Date.now() - MINUTE).toISOString() });
    expect(past.status).toBe(422);
    const garbage = await act(editor, a, 'schedule', { publishAt: 'tomorrow morning' });
    expect(garbage.status).toBe(422);
    const onPublish = await act(editor, a, 'publish', { publishAt: inMinutes(5).toISOString() });
    expect(onPublish.status).toBe(422);
    const byAuthor = await act(author, a, 'schedule', { publishAt: inMinutes(5).toISOString() });
    expect(byAuthor.status).toBe(403);
    const draft = await api.request('POST', '/v1/admin/articles', {
      token: author,
      json: sampleArticle({ title: 'Too early' }),
    });
    expect(
      (await act(editor, draft.body, 'schedule', { publishAt: inMinutes(5).toISOString() })).status,
    ).toBe(409);
    const still = await api.request('GET', `/v1/admin/articles/${a.id}`, { token: editor });
    expect(still.body).toMatchObject({ status: 'approved', version: a.version, scheduledFor: null });
  });

  it('cannot edit a scheduled article; unpublishing a live one that is scheduled archives it and drops the schedule', async () => {
    const a = await scheduled(3);
    const edit = await api.request('PATCH', `/v1/admin/articles/${a.id}`, {
      token: author,
      json: { title: 'Changed under embargo' },
      headers: { 'if-match': `"${a.version}"` },
    });
    expect(edit.status).toBe(409);
    expect(await trigger(a.id, a.version)).toMatchObject({ outcome: 'published' });

    // A live article whose next edit is scheduled.
    let w = (await api.request('GET', `/v1/admin/articles/${a.id}`, { token: editor })).body;
    w = (
      await api.request('PATCH', `/v1/admin/articles/${a.id}`, {
        token: author,
        json: { standfirst: 'An update, embargoed.' },
        headers: { 'if-match': `"${w.version}"` },
      })
    ).body;
    w = (await act(author, w, 'submit')).body;
    w = (await act(editor, w, 'approve')).body;
    const rescheduled = await act(editor, w, 'schedule', { publishAt: inMinutes(5).toISOString() });
    expect(rescheduled.body).toMatchObject({ status: 'scheduled', live: true });
    const unpublished = await act(editor, rescheduled.body, 'unpublish');
    expect(unpublished.body).toMatchObject({ status: 'archived', live: false, scheduledFor: null });
    expect(await trigger(a.id, rescheduled.body.version)).toMatchObject({ outcome: 'skipped' });
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(404);
  });
});

describe('scheduled unpublish', () => {
  async function live() {
    const a = await approved();
    const res = await act(editor, a, 'publish');
    expect(res.status).toBe(200);
    return res.body;
  }
  const setUnpublish = (a: { id: string; version: number }, unpublishAt: string, token = editor) =>
    api.request('PUT', `/v1/admin/articles/${a.id}/unpublish-schedule`, {
      token,
      json: { unpublishAt },
      headers: { 'if-match': `"${a.version}"` },
    });

  it('takes a live article down at unpublishAt, once, even after it was edited meanwhile', async () => {
    const a = await live();
    const at = inMinutes(30).toISOString();
    const set = await setUnpublish(a, at);
    expect(set.status, set.text).toBe(200);
    expect(set.body).toMatchObject({ status: 'published', live: true, unpublishAt: at });

    const edited = await api.request('PATCH', `/v1/admin/articles/${a.id}`, {
      token: author,
      json: { standfirst: 'Updated while the notice runs.' },
      headers: { 'if-match': `"${set.body.version}"` },
    });
    expect(edited.body.unpublishAt).toBe(at);

    expect(await api.scheduler.tick(inMinutes(29))).toBe(0);
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(200);
    expect(await api.scheduler.tick(inMinutes(31))).toBe(1);
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(404);
    const working = await api.request('GET', `/v1/admin/articles/${a.id}`, { token: editor });
    expect(working.body).toMatchObject({
      status: 'archived',
      live: false,
      unpublishAt: null,
      updatedBy: 'scheduler',
    });
    const { handler } = await import('../../functions/scheduledPublish.ts');
    expect(await handler({ kind: 'unpublish', articleId: a.id, unpublishAt: at })).toMatchObject({
      outcome: 'skipped',
    });
    expect(await typesFor(a.id)).toEqual(['ArticlePublished', 'ArticleUnpublished']);
    const history = await api.request('GET', `/v1/admin/articles/${a.id}/history`, { token: editor });
    expect(
      history.body.items.map((h: { action: string; actor: string }) => `${h.action}/${h.actor}`),
    ).toContain('unpublish/scheduler');
  });

  it('skips the old trigger after a cancel or a new time', async () => {
    const a = await live();
    const first = inMinutes(10).toISOString();
    const set = await setUnpublish(a, first);
    const moved = await setUnpublish(set.body, inMinutes(20).toISOString());
    expect(moved.status).toBe(200);
    const { handler } = await import('../../functions/scheduledPublish.ts');
    expect(await handler({ kind: 'unpublish', articleId: a.id, unpublishAt: first })).toMatchObject({
      outcome: 'skipped',
    });
    const cancelled = await api.request('DELETE', `/v1/admin/articles/${a.id}/unpublish-schedule`, {
      token: editor,
      headers: { 'if-match': `"${moved.body.version}"` },
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.unpublishAt).toBeNull();
    expect(await api.scheduler.tick(inMinutes(60))).toBe(0);
    expect((await api.request('GET', `/v1/articles/${a.slug}`)).status).toBe(200);
    const again = await api.request('DELETE', `/v1/admin/articles/${a.id}/unpublish-schedule`, {
      token: editor,
      headers: { 'if-match': `"${cancelled.body.version}"` },
    });
    expect(again.status).toBe(409);
  });

  it('is only for live articles, in the future, by editors, with If-Match', async () => {
    const a = await approved();
    expect((await setUnpublish(a, inMinutes(5).toISOString())).status).toBe(409);
    const l = await live();
    expect((await setUnpublish(l, new Date(Date.now() - MINUTE).toISOString())).status).toBe(422);
    expect((await setUnpublish(l, 'next week')).status).toBe(422);
    expect((await setUnpublish(l, inMinutes(5).toISOString(), author)).status).toBe(403);
    expect((await setUnpublish({ ...l, version: l.version - 1 }, inMinutes(5).toISOString())).status).toBe(
      412,
    );
    const noMatch = await api.request('PUT', `/v1/admin/articles/${l.id}/unpublish-schedule`, {
      token: editor,
      json: { unpublishAt: inMinutes(5).toISOString() },
    });
    expect(noMatch.status).toBe(428);
    const unchanged = await api.request('GET', `/v1/admin/articles/${l.id}`, { token: editor });
    expect(unchanged.body).toMatchObject({ version: l.version, unpublishAt: null });
  });
});

describe('events', () => {
  it('announces each publish and unpublish once, from the committed snapshot', async () => {
    const a = await approved({ section: 'sport' });
    const published = await act(editor, a, 'publish');
    const [event] = await eventsFor(a.id);
    expect(event).toEqual({
      source: 'newsroom-cms',
      'detail-type': 'ArticlePublished',
      time: published.body.updatedAt,
      detail: {
        id: a.id,
        slug: a.slug,
        section: 'sport',
        version: published.body.version,
        at: published.body.updatedAt,
        corrections: [],
      },
    });
    const unpublished = await act(editor, published.body, 'unpublish');
    expect(unpublished.status).toBe(200);
    const events = await eventsFor(a.id);
    // The unpublish names the version that stopped being public, and when it was taken down.
    expect(events.map((e) => [e['detail-type'], e.detail.version])).toEqual([
      ['ArticlePublished', published.body.version],
      ['ArticleUnpublished', published.body.version],
    ]);
    const down = events[1];
    expect(down?.detail).toMatchObject({ slug: a.slug, section: 'sport' });
    // DynamoDB Local stamps stream records to the minute; AWS to the second.
    expect(Date.parse(down?.detail.at ?? '')).toBeLessThanOrEqual(Date.now());
    expect(Date.parse(down?.detail.at ?? '')).toBeGreaterThan(Date.now() - 2 * MINUTE);

    // Republished (restore, submit, approve, publish): a new version, under the frozen slug.
    let w = unpublished.body;
    for (const [token, action] of [
      [editor, 'restore'],
      [author, 'submit'],
      [editor, 'approve'],
      [editor, 'publish'],
    ] as const) {
      const res = await act(token, w, action);
      expect(res.status, `${action}: ${res.text}`).toBe(200);
      w = res.body;
    }
    expect((await eventsFor(a.id)).map((e) => [e['detail-type'], e.detail.version, e.detail.slug])).toEqual([
      ['ArticlePublished', published.body.version, a.slug],
      ['ArticleUnpublished', published.body.version, a.slug],
      ['ArticlePublished', w.version, a.slug],
    ]);
  });

  it('announces a live update, and nothing for a refused write or an unpublished edit', async () => {
    const a = await approved();
    const live = (await act(editor, a, 'publish')).body;
    const stale = await act(editor, a, 'unpublish');
    expect(stale.status).toBe(412);
    const stalePublish = await act(editor, { ...live, version: live.version - 1 }, 'publish');
    expect(stalePublish.status).toBe(412);
    expect(await act(editor, live, 'publish')).toMatchObject({ status: 409 });
    expect(await eventsFor(a.id)).toHaveLength(1);
    const edited = await api.request('PATCH', `/v1/admin/articles/${a.id}`, {
      token: author,
      json: { standfirst: 'Updated with the final score.' },
      headers: { 'if-match': `"${live.version}"` },
    });
    // A saved edit of a live article changes the working copy, not what is public.
    expect(await typesFor(a.id)).toEqual(['ArticlePublished']);
    let w = edited.body;
    for (const [token, action] of [
      [author, 'submit'],
      [editor, 'approve'],
      [editor, 'publish'],
    ] as const) {
      w = (await act(token, w, action)).body;
    }
    expect((await eventsFor(a.id)).map((e) => [e['detail-type'], e.detail.version])).toEqual([
      ['ArticlePublished', live.version],
      ['ArticlePublished', w.version],
    ]);
  });

  it('announces a comment posted and approved once each; the count it moves announces nothing', async () => {
    const a = await approved({ section: 'city' });
    const live = (await act(editor, a, 'publish')).body;
    const [admin, moderator] = await Promise.all([api.token('admin', 'ada'), api.token('moderator', 'mo')]);
    const settings = await api.request('PUT', '/v1/admin/settings/comments', {
      token: admin,
      json: { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0 },
    });
    expect(settings.status, settings.text).toBe(200);
    const post = (body: string) =>
      api.request('POST', `/v1/articles/${live.slug}/comments`, {
        json: { authorName: 'A reader', body },
        headers: { 'user-agent': `events-test-${body.length}` },
      });
    const first = await post('The new timetable is clearer, thank you.');
    const second = await post('Off topic, and a second time off topic.');
    expect([first.status, second.status]).toEqual([201, 201]);

    const moderate = (id: string, action: string) =>
      api.request('POST', `/v1/admin/comments/${id}/moderation`, { token: moderator, json: { action } });
    expect((await moderate(first.body.id, 'approve')).status).toBe(200);
    expect((await moderate(second.body.id, 'reject')).status).toBe(200);
    // A second decision on the same comment that loses its race is refused, and announces nothing.
    const again = await moderate(first.body.id, 'approve');
    expect(again.status).toBe(409);

    const all = await api.events();
    const commentEvents = (id: string) =>
      all.filter((e) => e.detail.id === id).map((e) => [e['detail-type'], e.detail.status, e.detail.version]);
    expect(commentEvents(first.body.id)).toEqual([
      ['CommentPosted', 'pending', 0],
      ['CommentApproved', 'approved', 1],
    ]);
    expect(commentEvents(second.body.id)).toEqual([
      ['CommentPosted', 'pending', 0],
      ['CommentRejected', 'rejected', 1],
    ]);
    const approvedEvent = all.find(
      (e) => e['detail-type'] === 'CommentApproved' && e.detail.id === first.body.id,
    );
    expect(approvedEvent?.detail).toMatchObject({ articleId: a.id, slug: live.slug });
    // The approval raised the live article's commentCount: still one ArticlePublished.
    expect((await api.request('GET', `/v1/articles/${live.slug}`)).body.commentCount).toBe(1);
    expect(await typesFor(a.id)).toEqual(['ArticlePublished']);
  });
});

describe('preview links', () => {
  async function draft(token = author) {
    const res = await api.request('POST', '/v1/admin/articles', {
      token,
      json: sampleArticle({ title: 'Preview me' }),
    });
    return res.body;
  }

  it('shows the working copy to anyone holding the link, uncached, following later edits', async () => {
    const a = await draft();
    const link = await api.request('POST', `/v1/admin/articles/${a.id}/preview`, { token: author });
    expect(link.status).toBe(201);
    expect(link.body.url).toBe(`/v1/preview/${link.body.token}`);
    const expires = Date.parse(link.body.expiresAt) - Date.now();
    expect(expires).toBeGreaterThan(23 * 60 * MINUTE);
    expect(expires).toBeLessThanOrEqual(24 * 60 * MINUTE);

    const shown = await api.request('GET', link.body.url);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.body).toMatchObject({ id: a.id, title: 'Preview me', status: 'draft' });
    await api.request('PATCH', `/v1/admin/articles/${a.id}`, {
      token: author,
      json: { title: 'Preview me, edited' },
      headers: { 'if-match': '"1"' },
    });
    expect((await api.request('GET', link.body.url)).body.title).toBe('Preview me, edited');
  });

  it('answers an expired, tampered or foreign token with a 404 that reveals nothing', async () => {
    const a = await draft();
    const b = await draft();
    const link = await api.request('POST', `/v1/admin/articles/${a.id}/preview`, {
      token: author,
      json: { expiresInSeconds: 120 },
    });
    expect(Date.parse(link.body.expiresAt) - Date.now()).toBeLessThanOrEqual(120_000);
    const [payload, mac] = (link.body.token as string).split('.');
    const now = Math.floor(Date.now() / 1000);
    const own = previewTokens(api.env.previewSecret);
    const forged = [
      `${payload}.${mac?.slice(0, -2)}AA`,
      `${Buffer.from(`${b.id}.${now + 3600}`).toString('base64url')}.${mac}`,
      previewTokens('another-stack-key').sign({
        articleId: a.id,
        linkId: link.body.id,
        expiresAt: now + 3600,
      }),
      own.sign({ articleId: a.id, linkId: link.body.id, expiresAt: now - 1 }),
      // Well signed, but the link was issued for another article, or never issued.
      own.sign({ articleId: b.id, linkId: link.body.id, expiresAt: now + 3600 }),
      own.sign({ articleId: a.id, linkId: b.id, expiresAt: now + 3600 }),
      'not-a-token',
    ];
    const bodies = new Set<string>();
    for (const token of forged) {
      const res = await api.request('GET', `/v1/preview/${encodeURIComponent(token)}`);
      expect(res.status, token).toBe(404);
      bodies.add(res.body.detail);
    }
    expect(bodies.size).toBe(1);
    expect(
      (
        await api.request(
          'GET',
          `/v1/preview/${own.sign({ articleId: a.id, linkId: link.body.id, expiresAt: now + 60 })}`,
        )
      ).status,
    ).toBe(200);
  });

  const preview = (id: string, token = author) =>
    api.request('POST', `/v1/admin/articles/${id}/preview`, {
      token,
      json: { expiresInSeconds: 7 * 24 * 3600 },
    });
  const links = (id: string, token = editor) =>
    api.request('GET', `/v1/admin/articles/${id}/preview`, { token });

  it('dies when the article is unpublished, and stays dead after a restore', async () => {
    const a = await approved({ title: 'Preview after takedown' });
    const live = (await act(editor, a, 'publish')).body;
    // An edit waiting in the working copy: what the link shows beyond the live version.
    const edited = await api.request('PATCH', `/v1/admin/articles/${a.id}`, {
      token: editor,
      json: { title: 'Preview after takedown, rewritten' },
      headers: { 'if-match': `"${live.version}"` },
    });
    const link = await preview(a.id, editor);
    expect((await api.request('GET', link.body.url)).body.title).toBe('Preview after takedown, rewritten');

    const archived = (await act(editor, edited.body, 'unpublish')).body;
    expect((await api.request('GET', `/v1/articles/${live.slug}`)).status).toBe(404);
    const after = await api.request('GET', link.body.url);
    expect(after.status).toBe(404);
    expect(after.text).not.toContain('rewritten');
    expect((await links(a.id)).body.items).toEqual([]);

    await act(editor, archived, 'restore');
    expect((await api.request('GET', link.body.url)).status).toBe(404);
  });

  it('dies when a scheduled unpublish takes the article down, or the draft is deleted', async () => {
    const a = await approved({ title: 'Preview until the notice ends' });
    const live = (await act(editor, a, 'publish')).body;
    const link = await preview(a.id, editor);
    const at = inMinutes(30).toISOString();
    await api.request('PUT', `/v1/admin/articles/${a.id}/unpublish-schedule`, {
      token: editor,
      json: { unpublishAt: at },
      headers: { 'if-match': `"${live.version}"` },
    });
    expect(await api.scheduler.tick(inMinutes(31))).toBe(1);
    expect((await api.request('GET', link.body.url)).status).toBe(404);

    const b = await draft();
    const doomed = await preview(b.id);
    expect((await api.request('GET', doomed.body.url)).status).toBe(200);
    await api.request('DELETE', `/v1/admin/articles/${b.id}`, { token: author });
    expect((await api.request('GET', doomed.body.url)).status).toBe(404);
  });

  it('lists the live links for those who may see the article, and revokes one', async () => {
    const a = await draft();
    const first = await preview(a.id);
    const second = await preview(a.id, editor);
    const listed = await links(a.id);
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([first.body, second.body]);
    expect(second.body).toMatchObject({ createdBy: 'erin', url: `/v1/preview/${second.body.token}` });
    expect((await links(a.id, author)).body.items).toHaveLength(2);
    expect((await links(a.id, otherAuthor)).status).toBe(404);

    const revoke = (id: string, token = author) =>
      api.request('DELETE', `/v1/admin/articles/${a.id}/preview/${id}`, { token });
    expect((await revoke(first.body.id, otherAuthor)).status).toBe(404);
    expect((await api.request('GET', first.body.url)).status).toBe(200);
    expect((await revoke(first.body.id)).status).toBe(204);
    expect((await api.request('GET', first.body.url)).status).toBe(404);
    expect((await api.request('GET', second.body.url)).status).toBe(200);
    expect((await links(a.id)).body.items).toEqual([second.body]);
    const again = await revoke(first.body.id);
    expect(again.status).toBe(404);
    expect(again.body.detail).toContain('no preview link');
  });

  it('is only for those who may see the article, with a bounded lifetime', async () => {
    const a = await draft();
    expect(
      (await api.request('POST', `/v1/admin/articles/${a.id}/preview`, { token: otherAuthor })).status,
    ).toBe(404);
    expect((await api.request('POST', `/v1/admin/articles/${a.id}/preview`)).status).toBe(401);
    for (const expiresInSeconds of [10, 8 * 24 * 3600, 'soon']) {
      const res = await api.request('POST', `/v1/admin/articles/${a.id}/preview`, {
        token: editor,
        json: { expiresInSeconds },
      });
      expect(res.status, String(expiresInSeconds)).toBe(422);
    }
  });
});
