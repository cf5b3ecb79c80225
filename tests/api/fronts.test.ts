import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgePaths } from '../../shared/integrations/cdnPaths.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { type ArticleView, createDraft, publish, transition } from '../support/articles.ts';

/**
 * Fronts over HTTP through the local gateway: editors arrange and publish, the public reads the
 * resolved front, and the relay (api.events() runs it over what the streams hold) and the local
 * scheduler (tick) keep it in step with stories and pin expiries.
 */
let api: TestApi;
let author: string;
let editor: string;

beforeAll(async () => {
  api = await startTestApi();
  [author, editor] = await Promise.all([
    api.token('author', 'fronts-writer'),
    api.token('editor', 'fronts-desk'),
  ]);
});
afterAll(async () => {
  await api?.stop();
});

let unique = 0;
/** A live story in `section`, relayed. Each is newer than the one before. */
async function live(section: string, overrides: Record<string, unknown> = {}): Promise<ArticleView> {
  unique += 1;
  const draft = await createDraft(api.client(author), {
    title: `Front story ${unique} ${Date.now()}`,
    section,
    tags: [`front-tag-${unique}`],
    ...overrides,
  });
  const published = await publish(draft, { author: api.client(author), editor: api.client(editor) });
  await api.events();
  return published;
}

type Slot = { pin?: { articleId: string; until?: string }; rule?: { kind: string; value: string } };
const rule = (kind: string, value: string): Slot => ({ rule: { kind, value } });
const arrangement = (zones: Record<string, Slot[]>) => ({
  title: 'A front',
  zones: Object.entries(zones).map(([name, slots]) => ({ name, slots })),
});

async function createFront(name: string, zones: Record<string, Slot[]>) {
  const res = await api.request('POST', '/v1/admin/fronts', {
    token: editor,
    json: { name, ...arrangement(zones) },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as { name: string; version: number };
}

async function publishFront(name: string, version: number, json?: { publishAt: string }) {
  const res = await api.request('POST', `/v1/admin/fronts/${name}/publish`, {
    token: editor,
    headers: { 'If-Match': `"${version}"` },
    ...(json ? { json } : {}),
  });
  expect(res.status, res.text).toBe(200);
  return res.body as { version: number; publishedRevision: number | null; scheduledFor: string | null };
}

async function publicFront(name: string) {
  const res = await api.request('GET', `/v1/fronts/${name}`);
  expect(res.status, res.text).toBe(200);
  return res.body as {
    revision: number;
    zones: { name: string; entries: { id: string; pinned: boolean }[] }[];
  };
}

const idsOf = (front: Awaited<ReturnType<typeof publicFront>>) =>
  Object.fromEntries(front.zones.map((z) => [z.name, z.entries.map((e) => e.id)]));

describe('editing fronts', () => {
  it('editors create, read, save with If-Match and list; authors get 403 and change nothing', async () => {
    for (const [method, path] of [
      ['GET', '/v1/admin/fronts'],
      ['POST', '/v1/admin/fronts'],
      ['GET', '/v1/admin/fronts/home'],
    ] as const) {
      const res = await api.request(method, path, {
        token: author,
        ...(method === 'POST'
          ? { json: { name: 'authors', ...arrangement({ top: [rule('section', 'x')] }) } }
          : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const created = await createFront('crud', { top: [rule('section', 'crud-city')] });
    expect(created.version).toBe(1);
    const again = await api.request('POST', '/v1/admin/fronts', {
      token: editor,
      json: { name: 'crud', ...arrangement({ top: [rule('section', 'x')] }) },
    });
    expect(again.status).toBe(409);

    const got = await api.request('GET', '/v1/admin/fronts/crud', { token: editor });
    expect(got.headers.get('etag')).toBe('"1"');
    expect(got.body).toMatchObject({ name: 'crud', publishedRevision: null, zones: [{ name: 'top' }] });

    const next = arrangement({ top: [rule('section', 'crud-city'), rule('tag', 'crud-tag')] });
    const unconditional = await api.request('PUT', '/v1/admin/fronts/crud', { token: editor, json: next });
    expect(unconditional.status).toBe(428);
    const saved = await api.request('PUT', '/v1/admin/fronts/crud', {
      token: editor,
      json: next,
      headers: { 'If-Match': '"1"' },
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.version).toBe(2);
    const stale = await api.request('PUT', '/v1/admin/fronts/crud', {
      token: editor,
      json: arrangement({ top: [rule('section', 'lost')] }),
      headers: { 'If-Match': '"1"' },
    });
    expect(stale.status).toBe(412);
    const list = await api.request('GET', '/v1/admin/fronts', { token: editor });
    expect(list.body.items.find((f: { name: string }) => f.name === 'crud')?.zones[0].slots).toHaveLength(2);
  });

  it('refuses a bad arrangement with 422 naming the place, and changes nothing', async () => {
    await createFront('bad', { top: [rule('section', 'bad')] });
    const story = '01KAX3TT6V3Q7D0Y6M1V0C5N8E';
    for (const [zones, path] of [
      [{ top: [{}] }, 'zones.0.slots.0'],
      [
        { top: [{ pin: { articleId: story } }, { pin: { articleId: story } }] },
        'zones.0.slots.1.pin.articleId',
      ],
      [{ top: [rule('person', 'x')] }, 'zones.0.slots.0.rule.kind'],
    ] as const) {
      const res = await api.request('PUT', '/v1/admin/fronts/bad', {
        token: editor,
        json: arrangement(zones as unknown as Record<string, Slot[]>),
        headers: { 'If-Match': '"1"' },
      });
      expect(res.status, res.text).toBe(422);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const twice = await api.request('PUT', '/v1/admin/fronts/bad', {
      token: editor,
      json: {
        title: 'x',
        zones: [
          { name: 'a', slots: [{ rule: { kind: 'tag', value: 'x' } }] },
          { name: 'a', slots: [{ rule: { kind: 'tag', value: 'x' } }] },
        ],
      },
      headers: { 'If-Match': '"1"' },
    });
    expect(twice.status).toBe(422);
    const got = await api.request('GET', '/v1/admin/fronts/bad', { token: editor });
    expect(got.body.version).toBe(1);
    expect((await api.request('GET', '/v1/fronts/bad')).status).toBe(404);
  });
});

describe('publishing and reading a front', () => {
  it('resolves zones in one read: pins first, rules skip pinned stories, no story twice', async () => {
    const [older, pinned, newest] = [await live('pin-city'), await live('pin-city'), await live('pin-city')];
    const front = await createFront('pinning', {
      top: [rule('section', 'pin-city'), rule('section', 'pin-city')],
      more: [{ pin: { articleId: pinned.id } }, rule('section', 'pin-city')],
    });
    await publishFront('pinning', front.version);
    const read = await api.request('GET', '/v1/fronts/pinning');
    expect(read.headers.get('cache-control')).toContain('s-maxage');
    const etag = read.headers.get('etag') ?? '';
    expect(
      (await api.request('GET', '/v1/fronts/pinning', { headers: { 'If-None-Match': etag } })).status,
    ).toBe(304);
    const ids = idsOf(read.body);
    // The pinned story is skipped by the rules above it; the rest take the newest in turn.
    expect(ids).toEqual({ top: [newest.id, older.id], more: [pinned.id] });
    const all = Object.values(ids).flat();
    expect(new Set(all).size).toBe(all.length);
    const entry = read.body.zones[1].entries[0];
    expect(entry).toMatchObject({ id: pinned.id, title: pinned.title, section: 'pin-city', pinned: true });
    expect(entry).toHaveProperty('publishedAt');
    expect(entry).toHaveProperty('leadImage');
    expect(entry).not.toHaveProperty('body');
  });

  it('publishes at a time exactly once, keeps history and restores a revision into the draft', async () => {
    const story = await live('sched-city');
    const front = await createFront('scheduled', { top: [rule('section', 'sched-city')] });
    const first = await publishFront('scheduled', front.version);
    expect(first.publishedRevision).toBe(1);
    const edited = await api.request('PUT', '/v1/admin/fronts/scheduled', {
      token: editor,
      json: { title: 'Later', zones: [{ name: 'late', slots: [{ pin: { articleId: story.id } }] }] },
      headers: { 'If-Match': `"${first.version}"` },
    });
    const at = new Date(Date.now() + 60_000).toISOString();
    const scheduled = await publishFront('scheduled', edited.body.version, { publishAt: at });
    expect(scheduled.scheduledFor).toBe(at);
    expect((await publicFront('scheduled')).revision).toBe(1);
    expect(await api.scheduler.tick(new Date(Date.now() + 1_000))).toBe(0);

    await api.scheduler.tick(new Date(Date.parse(at) + 1_000));
    await api.scheduler.tick(new Date(Date.parse(at) + 2_000));
    const after = await publicFront('scheduled');
    expect(after.revision).toBe(2);
    expect(idsOf(after)).toEqual({ late: [story.id] });
    const history = await api.request('GET', '/v1/admin/fronts/scheduled/revisions', { token: editor });
    expect(history.body.items.map((r: { n: number; title: string }) => [r.n, r.title])).toEqual([
      [2, 'Later'],
      [1, 'A front'],
    ]);
    expect(history.body.items[0].publishedBy).toBe('scheduler');

    const draft = await api.request('GET', '/v1/admin/fronts/scheduled', { token: editor });
    expect(draft.body).toMatchObject({ scheduledFor: null, publishedRevision: 2 });
    const restored = await api.request('POST', '/v1/admin/fronts/scheduled/revisions/1/restore', {
      token: editor,
      headers: { 'If-Match': `"${draft.body.version}"` },
    });
    expect(restored.status, restored.text).toBe(200);
    expect(restored.body).toMatchObject({ title: 'A front', zones: [{ name: 'top' }] });
    // Restoring changes the draft only: the public front is revision 2 until it is published.
    expect((await publicFront('scheduled')).revision).toBe(2);
    await publishFront('scheduled', restored.body.version);
    expect(idsOf(await publicFront('scheduled'))).toEqual({ top: [story.id] });
  });
});

describe('keeping a published front in step', () => {
  it("replaces an expired pin by the rule's next story at that minute", async () => {
    const [ruled, pinned] = [await live('expiry-city'), await live('elsewhere')];
    const until = new Date(Date.now() + 2_500).toISOString();
    const front = await createFront('expiring', {
      top: [{ pin: { articleId: pinned.id, until }, ...rule('section', 'expiry-city') }],
    });
    await publishFront('expiring', front.version);
    expect(idsOf(await publicFront('expiring'))).toEqual({ top: [pinned.id] });
    const wait = Date.parse(until) - Date.now() + 100;
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await api.scheduler.tick();
    expect(idsOf(await publicFront('expiring'))).toEqual({ top: [ruled.id] });
  });

  it('drops a pinned story that is unpublished, places a newly published one, and purges each time', async () => {
    const pinned = await live('dark-city');
    const front = await createFront('darkening', {
      top: [{ pin: { articleId: pinned.id } }],
      more: [rule('section', 'dark-city')],
    });
    await publishFront('darkening', front.version);
    expect(idsOf(await publicFront('darkening'))).toEqual({ top: [pinned.id], more: [] });
    const before = (await api.events()).length;

    await transition(api.client(editor), pinned, 'unpublish');
    // The relay resolves the front from the story's record; the front's own write is the next record.
    await api.events();
    const events = (await api.events()).slice(before);
    expect(idsOf(await publicFront('darkening'))).toEqual({ top: [], more: [] });
    const updated = events.filter((e) => e['detail-type'] === 'FrontUpdated' && e.detail.id === 'darkening');
    expect(updated).toHaveLength(1);
    const purge = purgePaths({ type: 'FrontUpdated', detail: updated[0]?.detail as never });
    expect(purge).toEqual(['/v1/fronts/darkening']);

    const fresh = await live('dark-city');
    expect(idsOf(await publicFront('darkening'))).toEqual({ top: [], more: [fresh.id] });
    const all = await api.events();
    // Published, resolved after the unpublish, resolved after the new story: one purge each.
    expect(
      all.filter((e) => e['detail-type'] === 'FrontUpdated' && e.detail.id === 'darkening'),
    ).toHaveLength(3);
  });

  it("shows a live badge while the story's coverage is live, and drops it when the coverage ends", async () => {
    const story = await live('dark-city');
    const front = await createFront('badged', { top: [{ pin: { articleId: story.id } }] });
    await publishFront('badged', front.version);
    const badge = async () => {
      const entry = (await publicFront('badged')).zones[0]?.entries[0] as { id: string; live?: boolean };
      return [entry.id, entry.live ?? false];
    };
    expect(await badge()).toEqual([story.id, false]);
    const coverage = async (json: Record<string, unknown>) => {
      const res = await api.request('PUT', `/v1/admin/articles/${story.id}/live`, { token: editor, json });
      expect(res.status, res.text).toBe(200);
      await api.events();
    };
    await coverage({ state: 'live', contributors: [] });
    expect(await badge()).toEqual([story.id, true]);
    await coverage({ state: 'ended' });
    expect(await badge()).toEqual([story.id, false]);
  });
});
