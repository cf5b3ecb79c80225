import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_FILES } from '../../infra/local/contract.ts';
import {
  type Probe,
  type ProbedBy,
  type ProbeHarness,
  runBundles,
  startProbeHarness,
} from './bundleHarness.ts';

// The API's functions, each bundle loaded in a fresh process and sent API Gateway REST proxy events
// (tests/infra/bundleHarness.ts): what only shows after deploying shows here.

const EDITOR = { sub: 'bundle-test', 'cognito:groups': 'editor' };
const MODERATOR = { sub: 'bundle-moderator', 'cognito:groups': 'moderator' };

/** What to send each function, and what a working bundle answers. */
const PROBES: Record<ProbedBy<'api'>, Probe[]> = {
  publicRead: [
    {
      name: 'GET /v1/articles lists live articles',
      event: { method: 'GET', resource: '/v1/articles', query: { limit: '5' } },
      check: (reply) => {
        expect(reply.statusCode).toBe(200);
        expect(Array.isArray(reply.body.items)).toBe(true);
        expect(reply.body).toHaveProperty('nextCursor');
      },
    },
    {
      name: 'GET /v1/articles/{slug}/comments reads the snapshot and the comment index: no live article, 404',
      event: {
        method: 'GET',
        resource: '/v1/articles/{slug}/comments',
        pathParameters: { slug: 'no-such-article' },
      },
      check: (reply) => {
        expect(reply.statusCode).toBe(404);
        expect(reply.body).toMatchObject({ status: 404, type: '/problems/not-found' });
      },
    },
    {
      name: "GET /v1/articles?cursor= is a 400 that says what is wrong, in zod's English message",
      event: { method: 'GET', resource: '/v1/articles', query: { cursor: '' } },
      check: (reply) => {
        expect(reply.statusCode).toBe(400);
        expect(reply.body.errors).toEqual([
          { path: 'cursor', message: 'Too small: expected string to have >=1 characters' },
        ]);
      },
    },
    {
      name: 'GET /v1/articles/{slug} of nothing is a 404 problem',
      event: { method: 'GET', resource: '/v1/articles/{slug}', pathParameters: { slug: 'no-such-article' } },
      check: (reply) => {
        expect(reply.statusCode).toBe(404);
        expect(reply.headers['Content-Type']).toMatch(/^application\/problem\+json/);
        expect(reply.body).toMatchObject({ status: 404, type: '/problems/not-found' });
      },
    },
  ],
  editorial: [
    {
      name: 'POST /v1/admin/articles creates a draft',
      event: {
        method: 'POST',
        resource: '/v1/admin/articles',
        claims: EDITOR,
        body: {
          title: 'Bundles load in a fresh process',
          section: 'engineering',
          body: [{ type: 'paragraph', text: 'Written by the bundle test.' }],
        },
      },
      check: (reply) => {
        expect(reply.statusCode).toBe(201);
        expect(reply.body).toMatchObject({ status: 'draft', createdBy: EDITOR.sub });
      },
    },
    {
      name: 'GET /v1/admin/articles lists it',
      event: { method: 'GET', resource: '/v1/admin/articles', claims: EDITOR },
      check: (reply, [created]) => {
        expect(reply.statusCode).toBe(200);
        expect(Array.isArray(reply.body.items)).toBe(true);
        const ids = (reply.body.items as { id: string }[]).map((item) => item.id);
        expect(ids).toContain(created?.body.id);
      },
    },
    {
      name: "POST /v1/admin/articles with a bad body is a 422 naming each field, in zod's English",
      event: {
        method: 'POST',
        resource: '/v1/admin/articles',
        claims: EDITOR,
        body: {
          title: 5,
          section: 'engineering',
          body: [
            { type: 'paragraph', text: [{ text: 'x', marks: [{ type: 'link', href: 'javascript:x' }] }] },
          ],
        },
      },
      check: (reply) => {
        expect(reply.statusCode).toBe(422);
        // Without full zod in the bundle, the messages zod writes itself need its English locale
        // (shared/schemas/messages.ts); the local server, where full zod may be loaded, cannot tell.
        expect(reply.body.errors).toEqual([
          { path: 'title', message: 'Invalid input: expected string, received number' },
          {
            path: 'body.0.text.0.marks.0.href',
            message: 'must be an absolute http, https or mailto URL without spaces or control characters',
          },
        ]);
      },
    },
  ],
  commentSubmit: [
    {
      name: 'POST /v1/articles/{slug}/comments on no live article is a 404 problem',
      event: {
        method: 'POST',
        resource: '/v1/articles/{slug}/comments',
        pathParameters: { slug: 'no-such-article' },
        body: { authorName: 'Bundle reader', body: 'Hello from the bundle test.' },
      },
      check: (reply) => {
        expect(reply.statusCode).toBe(404);
        expect(reply.body).toMatchObject({ status: 404, type: '/problems/not-found' });
      },
    },
    {
      name: 'POST /v1/articles/{slug}/comments with a name that is not text is a 422 in English',
      event: {
        method: 'POST',
        resource: '/v1/articles/{slug}/comments',
        pathParameters: { slug: 'no-such-article' },
        body: { authorName: 5, body: 'Hello from the bundle test.' },
      },
      check: (reply) => {
        expect(reply.statusCode).toBe(422);
        expect(reply.body.errors).toEqual([
          { path: 'authorName', message: 'Invalid input: expected string, received number' },
        ]);
      },
    },
  ],
  moderation: [
    {
      name: 'GET /v1/admin/settings/comments answers the defaults',
      event: { method: 'GET', resource: '/v1/admin/settings/comments', claims: MODERATOR },
      check: (reply) => {
        expect(reply.statusCode).toBe(200);
        expect(reply.body).toMatchObject({ mode: 'pre' });
      },
    },
    {
      name: 'GET /v1/admin/comments queries the queue index',
      event: { method: 'GET', resource: '/v1/admin/comments', claims: MODERATOR },
      check: (reply) => {
        expect(reply.statusCode).toBe(200);
        expect(reply.body.items).toEqual([]);
      },
    },
  ],
  preview: [
    {
      name: 'GET /v1/preview/{token} with a forged token is a 404 that reveals nothing',
      event: { method: 'GET', resource: '/v1/preview/{token}', pathParameters: { token: 'AAAA.BBBB' } },
      check: (reply) => {
        expect(reply.statusCode).toBe(404);
        expect(reply.headers['Cache-Control']).toBe('no-store');
      },
    },
  ],
  docs: [
    {
      name: 'GET /v1/openapi.json serves the same document as the local server and the repository copy',
      event: { method: 'GET', resource: '/v1/openapi.json' },
      check: (reply) => {
        expect(reply.statusCode).toBe(200);
        expect(reply.body).toEqual(JSON.parse(readFileSync(CONTRACT_FILES.document, 'utf8')));
      },
    },
  ],
};

// The run's synth with bundling, as the file loads, where no test's timeout runs.
const { bundles } = await runBundles();
let harness: ProbeHarness;

beforeAll(async () => {
  harness = await startProbeHarness(bundles);
});

afterAll(() => harness?.close());

describe('synthesized bundles', () => {
  it.each(Object.keys(PROBES) as ProbedBy<'api'>[])(
    '%s: loads in a fresh process and answers its probes',
    (name) => harness.probe(name, PROBES[name]),
    60_000,
  );
});
