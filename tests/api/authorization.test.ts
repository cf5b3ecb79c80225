import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/auth/principal.ts';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes.ts';
import { WORKFLOW } from '../../shared/workflow.ts';
import { type ApiResponse, startTestApi, type TestApi } from '../support/api.ts';
import { createDraft, publish } from '../support/articles.ts';

/*
 * The authorization matrix: every route of the table, as every kind of caller, on real articles
 * and comments. The expected answer comes from the policy written below in plain terms, not from
 * the code under test:
 *   - no token on a non-public route: 401;
 *   - a role the route does not admit (admin is always admitted): 403;
 *   - an author on someone else's article: 404 (its existence is not revealed);
 *   - a workflow action the caller's role may not take (the workflow table): 403;
 *   - otherwise the caller gets through: whatever the request then earns, never 401, 403 or 404.
 * Writes are sent with a stale If-Match, or as a no-op, so getting through changes nothing and
 * every cell runs against the same fixtures. Public routes answer everyone alike.
 */

type Caller =
  | 'anonymous'
  | 'author-owner'
  | 'author-other'
  | 'editor-creator'
  | 'editor-other'
  | 'moderator'
  | 'admin';
const CALLERS: readonly Caller[] = [
  'anonymous',
  'author-owner',
  'author-other',
  'editor-creator',
  'editor-other',
  'moderator',
  'admin',
];
const ROLE_OF: Record<Exclude<Caller, 'anonymous'>, Role> = {
  'author-owner': 'author',
  'author-other': 'author',
  'editor-creator': 'editor',
  'editor-other': 'editor',
  moderator: 'moderator',
  admin: 'admin',
};
const SUB_OF: Record<Exclude<Caller, 'anonymous'>, string> = {
  'author-owner': 'alice',
  'author-other': 'bob',
  'editor-creator': 'erin',
  'editor-other': 'eddie',
  moderator: 'mo',
  admin: 'ada',
};

/** The workflow action a route takes, where it takes one (its roles come from the workflow table). */
const ACTION_OF: Record<string, (typeof WORKFLOW)[number]['action']> = {
  transitionArticle: 'submit',
  scheduleUnpublish: 'unpublish',
  cancelUnpublish: 'unpublish',
};

const MATRIX_FRONT = 'matrix';

let api: TestApi;
const tokens = {} as Record<Exclude<Caller, 'anonymous'>, string>;
const fixture = {
  /** A draft by the author "alice", the subject for every caller but editors. */
  authorsDraft: '',
  /** A draft by the editor "erin", the subject for editors (creator and not). */
  editorsDraft: '',
  liveSlug: '',
  pendingComment: '',
  /** A ban to revoke (revokeBan). */
  ban: '',
  previewToken: '',
  /** One preview link per caller, on the article that caller's cells address: each revokes its own. */
  links: {} as Record<Caller, string>,
  /** An image in the media library (pending: never uploaded), used by no article. */
  media: '',
  settings: {} as unknown,
  /** Live coverage of the live article, alice (author-owner) its contributor, and her entry. */
  liveId: '',
  /** Coverage that has ended (alice its contributor): posting is refused (409) once through. */
  endedId: '',
  entry: '',
  /** A deleted entry: making a draft of it is refused (409) once through, so no cell writes one. */
  deletedEntry: '',
  /** An author record, the subject of the author routes (admin and public). */
  author: 'matrix-author',
};

beforeAll(async () => {
  api = await startTestApi();
  for (const caller of CALLERS) {
    if (caller !== 'anonymous') tokens[caller] = await api.token(ROLE_OF[caller], SUB_OF[caller]);
  }
  const asAlice = api.client(tokens['author-owner']);
  const asErin = api.client(tokens['editor-creator']);
  fixture.authorsDraft = (await createDraft(asAlice, { title: 'Allotment waiting list grows' })).id;
  fixture.editorsDraft = (await createDraft(asErin, { title: 'Night buses return' })).id;
  const live = await publish(await createDraft(asAlice, { title: 'Market hall reopens' }), {
    author: asAlice,
    editor: asErin,
  });
  fixture.liveSlug = live.slug;
  fixture.liveId = live.id;
  const started = await api.request('PUT', `/v1/admin/articles/${live.id}/live`, {
    token: tokens['editor-creator'],
    json: { state: 'live', contributors: ['alice'] },
  });
  expect(started.status, started.text).toBe(200);
  const entryBody = { body: [{ type: 'paragraph', text: 'Matrix entry' }] };
  for (const key of ['entry', 'deletedEntry'] as const) {
    const entry = await api.request('POST', `/v1/admin/articles/${live.id}/entries`, {
      token: tokens['author-owner'],
      json: entryBody,
    });
    expect(entry.status, entry.text).toBe(201);
    fixture[key] = entry.body.id;
  }
  await api.request('DELETE', `/v1/admin/articles/${live.id}/entries/${fixture.deletedEntry}`, {
    token: tokens['author-owner'],
  });
  const ended = await publish(await createDraft(asAlice, { title: 'Regatta live, over' }), {
    author: asAlice,
    editor: asErin,
  });
  fixture.endedId = ended.id;
  for (const state of ['live', 'ended']) {
    const res = await api.request('PUT', `/v1/admin/articles/${ended.id}/live`, {
      token: tokens['editor-creator'],
      json: { state, contributors: ['alice'] },
    });
    expect(res.status, res.text).toBe(200);
  }
  const admin = tokens.admin;
  const author = await api.request('POST', '/v1/admin/authors', {
    token: tokens['editor-creator'],
    json: { slug: fixture.author, name: 'Matrix Author' },
  });
  expect(author.status, author.text).toBe(201);
  fixture.settings = (await api.request('GET', '/v1/admin/settings/comments', { token: admin })).body;
  await api.request('PUT', '/v1/admin/settings/comments', {
    token: admin,
    json: { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0 },
  });
  fixture.settings = (await api.request('GET', '/v1/admin/settings/comments', { token: admin })).body;
  const posted = await api.request('POST', `/v1/articles/${live.slug}/comments`, {
    json: { authorName: 'Stallholder', body: 'The new roof is a big improvement.' },
  });
  expect(posted.status).toBe(201);
  fixture.pendingComment = posted.body.id;
  // A ban of its own for revokeBan, on a comment from a client and address no other cell uses.
  const banned = await api.request('POST', `/v1/articles/${live.slug}/comments`, {
    json: { authorName: 'Matrix troll', body: 'To be banned.' },
    headers: { 'user-agent': 'MatrixBanned/1' },
    // A ban holds the address too: this one is the troll's alone.
    from: '127.0.9.9',
  });
  const ban = await api.request('POST', '/v1/admin/bans', {
    token: admin,
    json: { commentId: banned.body.id, reason: 'Matrix fixture' },
  });
  expect(ban.status).toBe(201);
  fixture.ban = ban.body.id;
  const preview = await api.request('POST', `/v1/admin/articles/${fixture.authorsDraft}/preview`, {
    token: tokens['author-owner'],
  });
  expect(preview.status).toBe(201);
  fixture.previewToken = preview.body.token;
  for (const caller of CALLERS) {
    const article = isEditor(caller) ? fixture.editorsDraft : fixture.authorsDraft;
    const link = await api.request('POST', `/v1/admin/articles/${article}/preview`, { token: admin });
    expect(link.status).toBe(201);
    fixture.links[caller] = link.body.id;
  }
  const media = await api.request('POST', '/v1/admin/media', {
    token: tokens['author-owner'],
    json: { contentType: 'image/png', alt: 'Matrix image' },
  });
  expect(media.status).toBe(201);
  fixture.media = media.body.media.id;
  // A published front (revision 1) for the front routes; the probes change nothing on it.
  const front = await api.request('POST', '/v1/admin/fronts', {
    token: admin,
    json: {
      name: MATRIX_FRONT,
      title: 'Matrix',
      zones: [{ name: 'top', slots: [{ rule: { kind: 'section', value: 'city' } }] }],
    },
  });
  expect(front.status).toBe(201);
  const published = await api.request('POST', `/v1/admin/fronts/${MATRIX_FRONT}/publish`, {
    token: admin,
    headers: { 'if-match': '"1"' },
  });
  expect(published.status).toBe(200);
});
afterAll(() => api?.stop());

const isEditor = (caller: Caller) => caller === 'editor-creator' || caller === 'editor-other';

/** Live coverage's desk routes: allowed by the coverage's contributors, not by owning the article. */
const isLiveRoute = (route: RouteDefinition) =>
  /^\/v1\/admin\/articles\/\{id\}\/(live|entries)/.test(route.path);

function pathFor(route: RouteDefinition, caller: Caller): string {
  const values: Record<string, string> = {
    entry: route.id === 'draftFromLiveEntry' ? fixture.deletedEntry : fixture.entry,
    id: isLiveRoute(route)
      ? route.id === 'postLiveEntry'
        ? fixture.endedId
        : fixture.liveId
      : route.path.startsWith('/v1/admin/bans/')
        ? fixture.ban
        : route.path.startsWith('/v1/admin/media/')
          ? fixture.media
          : route.path.startsWith('/v1/admin/comments/') || route.path.includes('/comments/{id}')
            ? fixture.pendingComment
            : isEditor(caller)
              ? fixture.editorsDraft
              : fixture.authorsDraft,
    n: '1',
    link: fixture.links[caller],
    slug: /^\/v1\/(admin\/)?authors\//.test(route.path) ? fixture.author : fixture.liveSlug,
    token: fixture.previewToken,
    sitemap: 'index.xml',
    front: MATRIX_FRONT,
    // A fixture section, and a tag the fixture articles' saves created.
    section: 'city',
    tag: 'harbour',
  };
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? '');
  return `${path}${REQUIRED_QUERY[route.id] ?? ''}`;
}

/** The query a route cannot be called without (a search needs its words). */
const REQUIRED_QUERY: Record<string, string> = { searchArticles: '?q=harbour' };

/** A request each route accepts in shape, that changes nothing once it gets through. */
function requestFor(route: RouteDefinition): { json?: unknown; headers: Record<string, string> } {
  const headers: Record<string, string> = route.ifMatch ? { 'if-match': '"999"' } : {};
  const json: Record<string, unknown> = {
    createArticle: { title: 'Matrix probe', section: 'city', body: [{ type: 'paragraph', text: 'Probe.' }] },
    createMedia: { contentType: 'image/png', alt: 'Matrix probe' },
    // Never saved or deleted: the If-Match is stale (412 once through).
    updateMedia: { alt: 'Never saved' },
    updateArticle: { standfirst: 'Never saved: the If-Match is stale.' },
    transitionArticle: { action: 'submit' },
    scheduleUnpublish: { unpublishAt: '2099-01-01T00:00:00Z' },
    moderateComment: { action: 'requeue' },
    moderateComments: { ids: [fixture.pendingComment], action: 'requeue' },
    putCommentSettings: fixture.settings,
    submitComment: { authorName: 'Matrix reader', body: 'Same answer for everyone.' },
    reportComment: { reason: 'spam' },
    // Ends in the past: refused (422) once through, so it bans no one.
    createBan: { commentId: fixture.pendingComment, reason: 'Matrix probe', until: '2000-01-01T00:00:00Z' },
    // The caller's own autosave (private to them): getAutosave's cells, which run after these, read
    // it back and deleteAutosave's discard it.
    putAutosave: { baseVersion: 1, content: '{"title":"Matrix probe"}' },
    putNewArticleAutosave: { content: '{"title":"Matrix probe"}' },
    putPresence: { unsaved: false },
    // Taken (409 once through): the fixture's own name.
    createFront: {
      name: MATRIX_FRONT,
      title: 'Matrix',
      zones: [{ name: 'top', slots: [{ rule: { kind: 'tag', value: 'x' } }] }],
    },
    updateFront: {
      title: 'Never saved',
      zones: [{ name: 'top', slots: [{ rule: { kind: 'tag', value: 'x' } }] }],
    },
    // The same state and contributors: a no-op once through.
    putCoverage: { state: 'live', contributors: ['alice'] },
    // To the ended coverage: refused (409) once through.
    postLiveEntry: { body: [{ type: 'paragraph', text: 'Matrix probe' }] },
    updateLiveEntry: { pinned: true },
    // The fixture's own slug: a 409 once through. Changes and deletes carry a stale If-Match (412).
    createAuthor: { slug: fixture.author, name: 'Matrix probe' },
    updateAuthor: { title: 'Never saved' },
  };
  return { headers, ...(route.id in json ? { json: json[route.id] } : {}) };
}

/** What the policy above says a caller gets: a status, or 'through'. */
function expected(route: RouteDefinition, caller: Caller): 401 | 403 | 404 | 'through' {
  if (route.access === 'public') return 'through';
  if (caller === 'anonymous') return 401;
  const role = ROLE_OF[caller];
  if (role !== 'admin' && !route.access.includes(role)) return 403;
  // Live coverage: editors, and authors it names (alice); starting or ending it is the editors'.
  if (isLiveRoute(route) && role === 'author') {
    return route.id === 'putCoverage' || caller === 'author-other' ? 403 : 'through';
  }
  const articleScoped = route.path.startsWith('/v1/admin/articles/{id}');
  if (articleScoped && caller === 'author-other') return 404;
  // An image's words are its uploader's (the author who owns the fixtures) and the desk's; so is
  // deleting it while its upload has not arrived (the fixture image is pending).
  if ((route.id === 'updateMedia' || route.id === 'deleteMedia') && caller === 'author-other') return 403;
  const action = ACTION_OF[route.id];
  if (action && role !== 'admin') {
    const rule = WORKFLOW.find((r) => r.action === action);
    const mayAct =
      (rule?.roles as readonly Role[] | undefined)?.includes(role) ||
      (rule?.authorOwnsIt === true && caller === 'author-owner');
    if (!mayAct) return 403;
  }
  return 'through';
}

async function send(route: RouteDefinition, caller: Caller): Promise<ApiResponse> {
  const token = caller === 'anonymous' ? undefined : tokens[caller];
  const { json, headers } = requestFor(route);
  return api.request(route.method, pathFor(route, caller), {
    headers: { ...headers, 'user-agent': `matrix/${caller}` },
    ...(token ? { token } : {}),
    ...(json === undefined ? {} : { json }),
  });
}

describe('the authorization matrix', () => {
  const privateCases = (ROUTES as readonly RouteDefinition[])
    .filter((route) => route.access !== 'public' && route.id !== 'eraseComment')
    .flatMap((route) => CALLERS.map((caller) => [`${route.id} as ${caller}`, route, caller] as const));

  it.each(privateCases)('%s', async (_, route, caller) => {
    const res = await send(route, caller);
    const want = expected(route, caller);
    const what = `${route.method} ${route.path} as ${caller}: ${res.status} ${res.text.slice(0, 200)}`;
    expect(res.status, what).toBeLessThan(500);
    if (want === 'through') expect([401, 403, 404], what).not.toContain(res.status);
    else expect(res.status, what).toBe(want);
  });

  it('answers every caller of a public route as it answers a reader without a token', async () => {
    for (const route of (ROUTES as readonly RouteDefinition[]).filter((r) => r.access === 'public')) {
      if (route.method !== 'GET') continue;
      const anonymous = await send(route, 'anonymous');
      expect(anonymous.status, route.id).toBeLessThan(400);
      for (const caller of CALLERS) {
        const res = await send(route, caller);
        expect({ route: route.id, caller, status: res.status }).toEqual({
          route: route.id,
          caller,
          status: anonymous.status,
        });
      }
    }
    for (const caller of CALLERS) {
      const route = ROUTES.find((r) => r.id === 'submitComment') as RouteDefinition;
      expect((await send(route, caller)).status, caller).toBe(201);
    }
  });

  it('lets only an admin erase a comment, and the admin erase it for good', async () => {
    const route = ROUTES.find((r) => r.id === 'eraseComment') as RouteDefinition;
    for (const caller of CALLERS.filter((c) => c !== 'admin')) {
      expect((await send(route, caller)).status, caller).toBe(caller === 'anonymous' ? 401 : 403);
    }
    expect((await send(route, 'admin')).status).toBe(204);
    expect((await send(route, 'admin')).status).toBe(404);
  });
});
