import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/auth/principal.ts';
import { PATH_PARAMS, type PathParamName, ROUTES, type RouteDefinition } from '../../shared/http/routes.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { createDraft, publish, walk } from '../support/articles.ts';

let api: TestApi;
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  api = await startTestApi();
  for (const role of ['author', 'editor', 'moderator', 'admin'] as const)
    tokens[role] = await api.token(role);
});
afterAll(() => api?.stop());

/** The route's path with its example parameters: well-formed, naming nothing that exists. */
const examplePath = (route: RouteDefinition) =>
  route.path.replace(/\{(\w+)\}/g, (_, name: string) => PATH_PARAMS[name as PathParamName].example);

describe('the role gate, generated from the route table', () => {
  const callers = ['anonymous', 'author', 'editor', 'moderator', 'admin'] as const;
  const cases = (ROUTES as readonly RouteDefinition[]).flatMap((route) =>
    callers.map((caller) => [`${route.method} ${route.path} as ${caller}`, route, caller] as const),
  );

  it.each(cases)('%s', async (_, route, caller) => {
    const token = caller === 'anonymous' ? undefined : tokens[caller];
    const res = await api.request(route.method, examplePath(route), {
      ...(token ? { token } : {}),
      ...(route.body ? { json: {} } : {}),
    });
    const allowed =
      route.access === 'public' ||
      caller === 'admin' ||
      (caller !== 'anonymous' && route.access.includes(caller));
    if (allowed) expect([401, 403]).not.toContain(res.status);
    else expect(res.status).toBe(caller === 'anonymous' ? 401 : 403);
    expect(res.status).toBeLessThan(500);
  });
});

describe('the local gateway', () => {
  it('treats a query parameter named __proto__ as a parameter, on every GET route', async () => {
    for (const route of (ROUTES as readonly RouteDefinition[]).filter((r) => r.method === 'GET')) {
      const res = await api.request('GET', `${examplePath(route)}?__proto__=x&constructor=y&limit=5`, {
        token: tokens.admin ?? '',
      });
      expect(res.status, route.id).toBeLessThan(500);
    }
  });

  it('answers 405 with Allow for a known path and an unknown method', async () => {
    const res = await api.request('DELETE', '/v1/articles');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const article = await api.request('PUT', `/v1/admin/articles/${PATH_PARAMS.id.example}`);
    expect(article.headers.get('allow')).toBe('GET, PATCH, DELETE, OPTIONS');
  });

  it('answers HEAD on public reads as GET, without the body', async () => {
    const author = api.client(await api.token('author', 'head-author'));
    const editor = api.client(await api.token('editor', 'head-editor'));
    const draft = await createDraft(author, { title: 'Lighthouse open to visitors again' });
    const live = await publish(draft, { author, editor });
    for (const path of [`/v1/articles/${live.slug}`, '/v1/articles?section=city', '/v1/openapi.json']) {
      const get = await api.request('GET', path);
      const head = await api.request('HEAD', path);
      expect({ path, status: head.status, text: head.text }).toEqual({ path, status: 200, text: '' });
      for (const name of ['content-type', 'cache-control', 'etag']) {
        expect(head.headers.get(name), `${path} ${name}`).toBe(get.headers.get(name));
      }
    }
    const missing = await api.request('HEAD', '/v1/articles/no-such-story');
    expect({ status: missing.status, text: missing.text }).toEqual({ status: 404, text: '' });
    // Only public reads: an admin read is still GET alone.
    const admin = await api.request('HEAD', '/v1/admin/articles', { token: tokens.editor });
    expect(admin.status).toBe(405);
    expect(admin.headers.get('allow')).toBe('POST, GET, OPTIONS');
  });

  it('closes the connection after refusing an oversized body, so the next requests work', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(api.url);
    const send = (method: string, path: string, body?: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            method,
            path,
            agent,
            headers: { 'content-type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', (error: NodeJS.ErrnoException) =>
          error.code === 'EPIPE' ? undefined : reject(error),
        );
        req.end(body);
      });
    expect(await send('POST', '/v1/articles/some-story/comments', Buffer.alloc(11 * 1024 * 1024, 32))).toBe(
      413,
    );
    const after = [];
    for (let i = 0; i < 5; i += 1) after.push(await send('GET', '/v1/articles'));
    expect(after).toEqual([200, 200, 200, 200, 200]);
    agent.destroy();
  });
});

describe('every path that changes status obeys the workflow table', () => {
  it('lets only an editor bring an archived article back, by transition or by revision restore', async () => {
    const author = api.client(await api.token('author', 'archived-author'));
    const editor = api.client(tokens.editor ?? '');
    const archived = await walk(
      [
        [author, 'submit'],
        [editor, 'approve'],
        [editor, 'publish'],
        [editor, 'unpublish'],
      ],
      await createDraft(author, { title: 'Pulled story' }),
    );
    expect(archived.status).toBe('archived');
    const restore = (client: typeof author) =>
      client.POST('/v1/admin/articles/{id}/revisions/{n}/restore', {
        params: { path: { id: archived.id, n: 1 }, header: { 'If-Match': `"${archived.version}"` } },
      });
    const byAuthor = await restore(author);
    expect(byAuthor.response.status).toBe(403);
    const transition = await author.POST('/v1/admin/articles/{id}/transitions', {
      params: { path: { id: archived.id }, header: { 'If-Match': `"${archived.version}"` } },
      body: { action: 'restore' },
    });
    expect(transition.response.status).toBe(403);
    const unchanged = await editor.GET('/v1/admin/articles/{id}', { params: { path: { id: archived.id } } });
    expect(unchanged.data).toMatchObject({ status: 'archived', version: archived.version });
    const byEditor = await restore(editor);
    expect(byEditor.data).toMatchObject({ status: 'draft', version: archived.version + 1 });
  });
});

describe('text that is not well-formed Unicode', () => {
  it('refuses a lone surrogate in a comment with a 422 that names the field', async () => {
    const res = await api.request('POST', '/v1/articles/any-story/comments', {
      headers: { 'content-type': 'application/json' },
      body: '{"authorName":"A reader","body":"broken \\ud800 text"}',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ path: 'body', message: 'must be well-formed Unicode text' });
  });
});

describe('four eyes', () => {
  it('refuses approval from an editor who edited the version under review, and takes another', async () => {
    const author = api.client(await api.token('author', 'four-eyes-author'));
    const rewriter = api.client(await api.token('editor', 'rewriting-editor'));
    const second = api.client(await api.token('editor', 'second-editor'));
    const draft = await createDraft(author, { title: 'Harbour dues to rise in spring' });
    const edited = await rewriter.PATCH('/v1/admin/articles/{id}', {
      params: { path: { id: draft.id }, header: { 'If-Match': `"${draft.version}"` } },
      body: { standfirst: 'The port authority says the increase is the first in six years.' },
    });
    expect(edited.response.status).toBe(200);
    const submitted = await walk([[rewriter, 'submit']], edited.data as typeof draft);
    // The editor who rewrote it is not offered approve, and is refused it.
    expect(submitted.availableActions).not.toContain('approve');
    const alone = await rewriter.POST('/v1/admin/articles/{id}/transitions', {
      params: { path: { id: draft.id }, header: { 'If-Match': `"${submitted.version}"` } },
      body: { action: 'approve' },
    });
    expect(alone.response.status).toBe(403);
    expect(alone.error?.detail).toContain('someone else');
    // Someone who wrote none of it approves; after that the rewriting editor may publish.
    const approved = await walk([[second, 'approve']], submitted);
    expect(approved.status).toBe('approved');
    expect((await walk([[rewriter, 'publish']], approved)).status).toBe('published');
  });

  it('binds admins too: an admin who wrote the article is neither offered nor allowed to approve it', async () => {
    const admin = api.client(await api.token('admin', 'four-eyes-admin'));
    const otherAdmin = api.client(await api.token('admin', 'second-admin'));
    const draft = await createDraft(admin, { title: 'Ferry timetable changes for winter' });
    const submitted = await walk([[admin, 'submit']], draft);
    expect(submitted.availableActions).not.toContain('approve');
    const alone = await admin.POST('/v1/admin/articles/{id}/transitions', {
      params: { path: { id: draft.id }, header: { 'If-Match': `"${submitted.version}"` } },
      body: { action: 'approve' },
    });
    expect(alone.response.status).toBe(403);
    expect(alone.error?.detail).toContain('someone else');
    const unchanged = await admin.GET('/v1/admin/articles/{id}', { params: { path: { id: draft.id } } });
    expect(unchanged.data).toMatchObject({ status: 'in_review', version: submitted.version });
    expect(unchanged.data?.availableActions).not.toContain('approve');
    // Another admin sees approve and takes it; the writing admin may then publish.
    const seen = await otherAdmin.GET('/v1/admin/articles/{id}', { params: { path: { id: draft.id } } });
    expect(seen.data?.availableActions).toContain('approve');
    const approved = await walk([[otherAdmin, 'approve']], submitted);
    expect((await walk([[admin, 'publish']], approved)).status).toBe('published');
  });
});
