import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_EXAMPLES as EXAMPLES } from '../../infra/contract/taxonomyExamples.ts';
import { CONTRACT_FILES, documentText, typesText } from '../../infra/local/contract.ts';
import { createApiClient } from '../../shared/contract/client.ts';
import { RESPONSES } from '../../shared/http/responses.ts';
import { ROUTES, type RouteDefinition } from '../../shared/http/routes.ts';
import { startTestApi, type TestApi } from '../support/api.ts';
import { declaredStatuses } from '../support/declared.ts';

const run = promisify(execFile);

let api: TestApi;
let served: any;
let servedFile: string;

beforeAll(async () => {
  api = await startTestApi({ seed: true });
  const res = await fetch(`${api.url}/v1/openapi.json`);
  expect(res.status).toBe(200);
  served = await res.json();
  servedFile = join(mkdtempSync(join(tmpdir(), 'contract-')), 'openapi.json');
  writeFileSync(servedFile, JSON.stringify(served));
});
afterAll(() => api?.stop());

describe('the served OpenAPI document', () => {
  it('passes swagger-parser validate and dereferences completely', async () => {
    await expect(SwaggerParser.validate(structuredClone(served))).resolves.toBeTruthy();
    const deref = await SwaggerParser.dereference(structuredClone(served));
    expect(JSON.stringify(deref)).not.toContain('"$ref"');
  });

  it('passes redocly lint (recommended rules) with no errors', async () => {
    const bin = join(process.cwd(), 'node_modules/.bin/redocly');
    // redocly exits 1 only on errors; the JSON report is read either way.
    const { stdout } = await run(bin, ['lint', '--format=json', servedFile]).catch((e) => e);
    const report = JSON.parse(stdout);
    expect(report.problems.filter((p: { severity: string }) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
  });

  it('is the copy kept in the repository, and the generated types match it', async () => {
    // `npm run contract` rewrites both; a stale copy fails here.
    expect(readFileSync(CONTRACT_FILES.document, 'utf8')).toBe(`${JSON.stringify(served, null, 2)}\n`);
    expect(documentText()).toBe(readFileSync(CONTRACT_FILES.document, 'utf8'));
    expect(readFileSync(CONTRACT_FILES.types, 'utf8')).toBe(await typesText(documentText()));
  });

  it('has an operation for every route, with tags, a summary, a description and its statuses', () => {
    const tags = new Set(served.tags.map((t: { name: string }) => t.name));
    for (const route of ROUTES as readonly RouteDefinition[]) {
      const op = served.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, route.id).toBeDefined();
      expect(op.operationId).toBe(route.id);
      expect(tags.has(op.tags[0])).toBe(true);
      expect(op.summary.length).toBeGreaterThan(5);
      expect(op.description.length).toBeGreaterThan(20);
      expect(Object.keys(op.responses).map(Number).sort()).toEqual(
        [...declaredStatuses(route), 500].sort((a, b) => a - b),
      );
      if (route.access === 'public') expect(op.security).toEqual([]);
      else expect(op.security).toBeUndefined(); // the document-wide bearer scheme applies
    }
    expect(Object.keys(served.paths).length).toBe(new Set(ROUTES.map((r) => r.path)).size);
  });

  it('names its schemas under components and describes limit as an integer', () => {
    const list = served.paths['/v1/articles'].get;
    expect(list.parameters).toContainEqual(
      expect.objectContaining({
        name: 'limit',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      }),
    );
    expect(list.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/PublicArticleSummaryPage',
    });
    expect(served.components.schemas.ArticleCreate.additionalProperties).toBe(false);
    expect(served.paths['/v1/admin/articles/{id}'].patch.parameters).toContainEqual(
      expect.objectContaining({ name: 'If-Match', in: 'header', required: true }),
    );
    expect(served.paths['/v1/articles/{slug}/comments'].post.responses['429'].$ref).toBe(
      '#/components/responses/Problem429',
    );
    expect(served.components.responses.Problem429.headers['Retry-After']).toBeDefined();
    expect(served.servers.map((s: { url: string }) => s.url)).toEqual([
      'http://localhost:3000',
      'https://{apiId}.execute-api.{region}.amazonaws.com/{stage}',
    ]);
  });

  it('gives every example from the sample content, and each one passes its own schema', () => {
    const bodies = new Map(
      (ROUTES as readonly RouteDefinition[]).flatMap((r) =>
        r.body ? [[served.paths[r.path][r.method.toLowerCase()].requestBody, r.body] as const] : [],
      ),
    );
    for (const [requestBody, schema] of bodies) {
      const [name] = Object.keys(requestBody.content['application/json'].examples);
      const example = served.components.examples[name as string].value;
      expect(schema['~standard'].validate(example), name).toMatchObject({ value: expect.anything() });
    }
    for (const [name, schema] of Object.entries(RESPONSES)) {
      expect(schema.safeParse(EXAMPLES[name]).error, name).toBeUndefined();
    }
    expect(served.components.examples.PublicArticle.value.title).toBe(
      'Tram extension would fell 60 trees in Linden Park, council papers reveal',
    );
  });
});

describe('the local documentation pages', () => {
  it('serves the API reference at /docs from the pinned package, and points at it from /', async () => {
    const page = await fetch(`${api.url}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain("url: '/v1/openapi.json'");
    expect(html).not.toMatch(/https?:\/\//); // no CDN: everything from this server
    const script = await fetch(`${api.url}/docs/swagger-ui-bundle.js`);
    expect(script.status).toBe(200);
    expect((await script.text()).length).toBeGreaterThan(100_000);
    const home = await (await fetch(`${api.url}/`)).text();
    expect(home).toContain('href="/docs"');
    expect(home).toContain('href="/v1/openapi.json"');
  });
});

describe('a typed frontend', () => {
  it('lists live articles, reads one and posts a comment, compiled against the generated types', async () => {
    // What a frontend team writes: nothing here is untyped, so a contract change breaks the build.
    const client = createApiClient({ baseUrl: api.url });
    const list = await client.GET('/v1/articles', { params: { query: { section: 'city', limit: 3 } } });
    expect(list.error).toBeUndefined();
    const first = list.data?.items[0];
    expect(first?.section).toBe('city');
    if (!first) throw new Error('no live article in the city section');

    const read = await client.GET('/v1/articles/{slug}', { params: { path: { slug: first.slug } } });
    expect(read.data?.title).toBe(first.title);
    expect(read.data?.body.length).toBeGreaterThan(0);
    const etag = read.response.headers.get('ETag') ?? '';
    const again = await client.GET('/v1/articles/{slug}', {
      params: { path: { slug: first.slug }, header: { 'If-None-Match': etag } },
    });
    expect(again.response.status).toBe(304);

    const posted = await client.POST('/v1/articles/{slug}/comments', {
      params: { path: { slug: first.slug } },
      body: { authorName: 'Typed reader', body: 'Does the new route reach the ferry terminal?' },
    });
    expect(posted.response.status).toBe(201);
    expect(posted.data?.status).toBe('pending');

    const missing = await client.GET('/v1/articles/{slug}', { params: { path: { slug: 'no-such-story' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.title).toBe('Not found');
  });

  it('writes with the token and If-Match it read, and learns what it may do next', async () => {
    const author = api.client(await api.token('author', 'typed-author'));
    const created = await author.POST('/v1/admin/articles', {
      body: {
        title: 'Ferry timetable changes for the winter',
        section: 'city',
        body: [{ type: 'paragraph', text: 'Two early sailings move by fifteen minutes from Monday.' }],
      },
    });
    expect(created.response.status).toBe(201);
    const id = created.data?.id ?? '';
    expect(created.data?.availableActions).toEqual(['submit']);
    expect(created.data?.editable).toBe(true);

    const submitted = await author.POST('/v1/admin/articles/{id}/transitions', {
      params: { path: { id }, header: { 'If-Match': created.response.headers.get('ETag') ?? '' } },
      body: { action: 'submit' },
    });
    expect(submitted.data?.status).toBe('in_review');
    // An author may withdraw their own submission but never approve it.
    expect(submitted.data?.availableActions).toEqual(['withdraw']);
    expect(submitted.data?.editable).toBe(false);

    const editor = api.client(await api.token('editor', 'typed-editor'));
    const seen = await editor.GET('/v1/admin/articles/{id}', { params: { path: { id } } });
    expect(seen.data?.availableActions).toEqual(['withdraw', 'request_changes', 'approve']);
  });
});
