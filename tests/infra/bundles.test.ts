import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_ACCESS, NATIVE_MODULES, secretsOf } from '../../infra/constructs/functions.ts';
import { CONTRACT_FILES } from '../../infra/local/contract.ts';
import { ENV } from '../../shared/env.ts';
import { FUNCTIONS, type FunctionName, type HttpMethod, ROUTES } from '../../shared/http/routes.ts';
import { SECRET_KEYS } from '../../shared/secrets.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { commentKeys, keys } from '../../shared/store/keys.ts';
import { MediaStore } from '../../shared/store/mediaStore.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';
import { bundleOf, synthStack, type TemplateJson } from './synth.ts';

/**
 * The bundles exactly as `cdk deploy` would upload them, each loaded in a fresh Node.js process
 * with no node_modules in reach and only the variables the template gives it (plus what Lambda
 * itself provides), then invoked with API Gateway REST proxy events against DynamoDB Local.
 * Catches what only shows after deploying: a missing require shim, an externalized package, an
 * env var infra forgot.
 */

const FUNCTION_NAMES = Object.keys(FUNCTIONS) as FunctionName[];

/** Bundle size budgets in bytes (index.mjs as synthesized). */
const SIZE_BUDGETS: Record<FunctionName, number> = {
  // Budgets moved after the threads, media and CDN merges (sorted threads, featured and replies
  // listings, media resolved at publish): each a few KB over, measured 2026-11-28.
  // +1 KB: a thread's first page reads its liveness from its own Query (thread headers); then
  // +2.5 KB where the comment store goes (placeholders of removed comments, the reply's parent read).
  // +0.5 KB: list entries carry the lead image (ListImage).
  // zod's English messages (shared/schemas/messages.ts, +3 KB) so a bad query reads as it does
  // locally, and the thread state item: 442 KB measured 2026-11-28, budget +2%.
  // +11 KB: readers' search (the analyzer with the English stemmer and stop words, the index's
  // query, excerpts): 462 KB measured 2026-12-07, budget +2%.
  publicRead: 471_000,
  // The media library's S3 client and presigned POST (+175 KB), since 2026-11-28 loaded on first use
  // (shared/wiring/mediaLibrary.ts): esbuild cannot drop unused exports of a module reached by
  // import(), so all of the S3 client's commands stay (+35 KB), but none is evaluated at start.
  // Its schemas in zod/mini since 2026-11-28: 769 -> 706 KB (zod 100 -> 39 KB), budget +5%.
  editorial: 742_000,
  // zod/mini for what readers and moderators send (shared/schemas/commentSubmit.ts, moderation.ts):
  // no full zod in either, 548 -> 450 KB and 559 -> 469 KB; +3 KB for zod's English messages
  // (shared/schemas/messages.ts), which full zod had brought along.
  commentSubmit: 477_000,
  moderation: 497_000,
  // 424 KB measured 2026-11-28 with the messages above, budget +2%.
  preview: 433_000,
  // Serves the committed shared/contract/openapi.json rather than generating it: no zod at all.
  // +2 KB: the search route and its schemas in the document (2026-12-07).
  docs: 180_000,
  // +3 KB: a working copy read from its head and its newest revision (shared/store/workingCopy.ts),
  // 399 KB measured 2026-11-28, budget +2%.
  scheduledPublish: 406_000,
  // The S3 client and the DynamoDB record; sharp itself is installed beside the bundle.
  mediaProcess: 546_000,
  // +18 KB: it keeps the search index (analyzer, index writer, the snapshot and working-copy
  // readers): 404 KB measured 2026-12-07, budget +2%.
  eventRelay: 412_000,
  // The CloudFront client and the path derivation only: no DynamoDB, no zod. Of its 442 KB, 131 KB
  // are the client's schemas and error classes for all of CloudFront's operations (the SDK's
  // schema-based serde keeps them in one module), the rest the SDK core every bundle carries.
  cdnPurge: 465_000,
  adminMfaGate: 336_000,
};

/**
 * ASCII text from zod's Dutch, Italian, German and Polish locales (esbuild escapes the rest):
 * found in a bundle, all 64 locales came along.
 */
const FOREIGN_LOCALE_MARKERS = ['Ongeldige invoer', 'Input non valido', 'erwartet', 'Nieprawid'];

// ---------------------------------------------------------------------------------------------
// Events in the shape API Gateway's REST proxy integration (payload v1) delivers them

interface EventInput {
  method: HttpMethod;
  /** The route's path template, as in ROUTES: what the function sees as `event.resource`. */
  resource: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
  /** Claims the Cognito authorizer would attach. */
  claims?: Record<string, string>;
}

function restEvent(input: EventInput): APIGatewayProxyEvent {
  if (!ROUTES.some((r) => r.method === input.method && r.path === input.resource)) {
    throw new Error(`Probe for ${input.method} ${input.resource}, which is not in the route table`);
  }
  const path = input.resource.replace(/\{(\w+)\}/g, (_, name: string) => input.pathParameters?.[name] ?? '');
  const headers: Record<string, string> = {
    Accept: 'application/json',
    Host: 'abc123.execute-api.eu-west-1.amazonaws.com',
    'User-Agent': 'bundle-test',
    'X-Forwarded-For': '203.0.113.7',
    ...(input.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...input.headers,
  };
  const requestId = randomUUID();
  return {
    resource: input.resource,
    path,
    httpMethod: input.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: input.query ?? null,
    multiValueQueryStringParameters: input.query
      ? Object.fromEntries(Object.entries(input.query).map(([k, v]) => [k, [v]]))
      : null,
    pathParameters: input.pathParameters ?? null,
    stageVariables: null,
    body: input.body === undefined ? null : JSON.stringify(input.body),
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authorizer: input.claims ? { claims: input.claims } : null,
      protocol: 'HTTP/1.1',
      httpMethod: input.method,
      path: `/dev${path}`,
      stage: 'dev',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'res123',
      resourcePath: input.resource,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.7',
        user: null,
        userAgent: 'bundle-test',
        userArn: null,
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Stream records as Lambda delivers them to the outbox relay, and a stand-in for EventBridge that
// refuses CommentApproved entries (a refusal cannot be produced for real without AWS).

const SNAPSHOT = {
  ...keys.liveSnapshot('bundle-story'),
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  slug: 'bundle-story',
  section: 'city',
  title: 'Bundle story',
  standfirst: '',
  body: [{ type: 'paragraph', text: 'Words the relay indexes.' }],
  tags: [],
  byline: '',
  source: null,
  seo: { noindex: false },
  leadImage: null,
  version: 4,
  publishedAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  commentsEnabled: false,
  commentCount: 0,
  featuredCount: 0,
  commentsCloseAt: null,
  corrections: [],
};
const COMMENT = {
  ...commentKeys.comment('01ARZ3NDEKTSV4RRFFQ69G5FAW'),
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAW',
  articleId: SNAPSHOT.id,
  articleSlug: SNAPSHOT.slug,
  status: 'pending',
  createdAt: '2026-11-01T10:00:00.000Z',
  moderation: [],
};

function streamRecord(
  sequence: string,
  eventName: string,
  oldItem: Record<string, unknown> | undefined,
  newItem: Record<string, unknown> | undefined,
) {
  return {
    eventID: `bundle-${sequence}`,
    eventName,
    eventSource: 'aws:dynamodb',
    dynamodb: {
      ApproximateCreationDateTime: 1_790_000_000,
      SequenceNumber: sequence,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
      ...(oldItem ? { OldImage: marshall(oldItem) } : {}),
      ...(newItem ? { NewImage: marshall(newItem) } : {}),
    },
  };
}

/** Every PutEvents call the relay bundle made, its entries as sent. */
const putEvents: { DetailType: string; Detail: string; Source: string; EventBusName: string }[][] = [];
let eventBridge: Server;

function startFakeEventBridge(): Promise<string> {
  eventBridge = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => {
      const { Entries } = JSON.parse(body) as { Entries: (typeof putEvents)[number] };
      putEvents.push(Entries);
      const results = Entries.map((e, i) =>
        e.DetailType === 'CommentApproved'
          ? { ErrorCode: 'InternalFailure', ErrorMessage: 'refused by the test' }
          : { EventId: `event-${i}` },
      );
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'bundle-test' });
      res.end(
        JSON.stringify({
          FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
          Entries: results,
        }),
      );
    });
  });
  return new Promise((resolve) =>
    eventBridge.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(eventBridge.address() as AddressInfo).port}`),
    ),
  );
}

/**
 * A stand-in for CloudFront's CreateInvalidation (REST and XML, as the bundled client speaks it):
 * records each request's distribution, caller reference and paths, and answers 201 as CloudFront
 * does. No emulator of CloudFront runs here.
 */
const invalidations: { distribution: string; reference: string; paths: string[] }[] = [];
let cloudFront: Server;

function startFakeCloudFront(): Promise<string> {
  cloudFront = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => {
      const distribution = /\/distribution\/([^/]+)\/invalidation$/.exec(req.url ?? '')?.[1] ?? '';
      const reference = /<CallerReference>([^<]*)<\/CallerReference>/.exec(body)?.[1] ?? '';
      const paths = [...body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((m) => m[1] ?? '');
      invalidations.push({ distribution, reference, paths });
      res.writeHead(201, {
        'content-type': 'text/xml',
        location: `https://cloudfront.amazonaws.com/2020-05-31/distribution/${distribution}/invalidation/IBUNDLE1`,
        'x-amzn-requestid': 'bundle-test',
      });
      res.end(
        `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>IBUNDLE1</Id><Status>InProgress</Status><CreateTime>2026-11-01T09:00:00Z</CreateTime><InvalidationBatch>${body.replace(/^.*<InvalidationBatch[^>]*>|<\/InvalidationBatch>.*$/gs, '')}</InvalidationBatch></Invalidation>`,
      );
    });
  });
  return new Promise((resolve) =>
    cloudFront.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(cloudFront.address() as AddressInfo).port}`),
    ),
  );
}

/** What a function's process gets besides the template's variables: where "AWS" is, for the relay. */
const EXTRA_ENV: Partial<Record<FunctionName, Record<string, string>>> = {};

const outdir = mkdtempSync(join(tmpdir(), 'cms-bundles-'));
/** The rendition function's probe: a pending record and its upload, as files (MEDIA_LOCAL_DIR). */
const MEDIA_ID = '01KAX5D8N3E6G9J2K5M7P0Q4RS';
const mediaDir = join(outdir, 'media-objects');

// ---------------------------------------------------------------------------------------------
// What to send each function, and what a working bundle answers. Record<FunctionName, ...>: a new
// function in the route table does not compile here until it has a probe.

interface Reply {
  statusCode: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

interface Probe {
  name: string;
  /** An API Gateway request, or `{ raw }` for a function another service invokes (the scheduler). */
  event: EventInput | { raw: unknown };
  check: (reply: Reply, earlier: Reply[]) => void;
}

const EDITOR = { sub: 'bundle-test', 'cognito:groups': 'editor' };
const MODERATOR = { sub: 'bundle-moderator', 'cognito:groups': 'moderator' };

const PROBES: Record<FunctionName, Probe[]> = {
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
  adminMfaGate: [
    {
      name: "Cognito's token trigger lets a non-admin's sign-in through unchanged, with no call",
      event: {
        raw: {
          version: '1',
          triggerSource: 'TokenGeneration_Authentication',
          region: 'eu-west-1',
          userPoolId: 'eu-west-1_bundle',
          userName: 'bundle-editor',
          callerContext: { awsSdkVersion: 'bundle-test', clientId: 'bundle-test' },
          request: {
            userAttributes: { sub: 'bundle-editor' },
            groupConfiguration: { groupsToOverride: ['editor'] },
          },
          response: { claimsOverrideDetails: null },
        },
      },
      check: (reply) => {
        expect(reply.body).toMatchObject({
          userName: 'bundle-editor',
          response: { claimsOverrideDetails: null },
        });
      },
    },
  ],
  scheduledPublish: [
    {
      name: 'a trigger for an article that does not exist is skipped, reading the table',
      event: { raw: { articleId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', version: 3 } },
      check: (reply) => {
        expect(reply.body).toMatchObject({ outcome: 'skipped', reason: 'the article no longer exists' });
      },
    },
  ],
  mediaProcess: [
    {
      name: "an upload's notification: the record is completed from the file, renditions written",
      event: {
        raw: {
          Records: [
            {
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Post',
              s3: {
                bucket: { name: 'bundle-test-media' },
                object: { key: `media/originals/${MEDIA_ID}`, size: 1 },
              },
            },
          ],
        },
      },
      check: () => {
        for (const width of [320, 640, 900]) {
          expect(
            existsSync(join(mediaDir, `media/renditions/${MEDIA_ID}/${width}.webp`)),
            String(width),
          ).toBe(true);
        }
        expect(existsSync(join(mediaDir, `media/renditions/${MEDIA_ID}/1280.webp`))).toBe(false);
      },
    },
  ],
  eventRelay: [
    {
      name: 'a batch of stream records: events of the snapshot and the comment, nothing for the count; the refused one reported',
      event: {
        raw: {
          Records: [
            streamRecord('1', 'MODIFY', { ...SNAPSHOT, commentCount: 1 }, { ...SNAPSHOT, commentCount: 2 }),
            streamRecord('2', 'INSERT', undefined, { ...SNAPSHOT, version: 5 }),
            streamRecord('3', 'MODIFY', COMMENT, {
              ...COMMENT,
              status: 'approved',
              moderation: [{ at: '2026-11-01T11:00:00.000Z', from: 'pending', to: 'approved' }],
            }),
          ],
        },
      },
      check: (reply) => {
        // The fake EventBridge refuses every CommentApproved entry: its record is to be retried.
        expect(reply.body).toEqual({ batchItemFailures: [{ itemIdentifier: '3' }] });
        expect(putEvents.map((entries) => entries.map((e) => e.DetailType))).toEqual([
          ['ArticlePublished', 'CommentApproved'],
        ]);
        const [published] = putEvents[0] ?? [];
        expect(published).toMatchObject({ Source: 'newsroom-cms', EventBusName: 'bundle-test-bus' });
        expect(JSON.parse(published?.Detail ?? '{}')).toMatchObject({ slug: SNAPSHOT.slug, version: 5 });
      },
    },
  ],
  cdnPurge: [
    {
      name: 'ArticlePublished from the bus: one invalidation of the article, its thread and the lists',
      event: {
        raw: {
          version: '0',
          id: 'bundle-event-1',
          'detail-type': 'ArticlePublished',
          source: 'newsroom-cms',
          account: '123456789012',
          time: '2026-11-01T09:00:00Z',
          region: 'eu-west-1',
          resources: [],
          detail: {
            id: SNAPSHOT.id,
            slug: SNAPSHOT.slug,
            section: 'city',
            version: 5,
            at: '2026-11-01T09:00:00Z',
          },
        },
      },
      check: (reply) => {
        const paths = [`/v1/articles/${SNAPSHOT.slug}*`, '/v1/articles', '/v1/articles?*'];
        expect(reply.body).toEqual({ paths, invalidationId: 'IBUNDLE1' });
        expect(invalidations).toEqual([
          { distribution: 'EBUNDLETEST', reference: `ArticlePublished/${SNAPSHOT.id}/5`, paths },
        ]);
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

// ---------------------------------------------------------------------------------------------
// Running a bundle in its own process

/** Imports the bundle, invokes the handler with each event in turn, prints the results as JSON. */
const RUNNER = `
import { pathToFileURL } from 'node:url';
const [bundle, events] = [process.argv[2], JSON.parse(process.argv[3])];
const started = performance.now();
const { handler } = await import(pathToFileURL(bundle).href);
const loadedMs = performance.now() - started;
const results = [];
for (const event of events) results.push(await handler(event, {}));
const firstReplyMs = performance.now() - started;
process.stdout.write(JSON.stringify({ loadedMs, firstReplyMs, results }));
`;

interface RunOutput {
  loadedMs: number;
  firstReplyMs: number;
  results: APIGatewayProxyResult[];
}

function runBundle(runner: string, bundle: string, events: unknown[], env: Record<string, string>) {
  return new Promise<RunOutput>((resolve, reject) => {
    // cwd is the temp dir: no node_modules anywhere up the tree, so the bundle must be complete.
    const child = spawn(process.execPath, [runner, bundle, JSON.stringify(events)], {
      cwd: join(bundle, '..', '..'),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      // Minified bundles put whole modules on one line; keep the readable part of the trace.
      const trace = stderr
        .split('\n')
        .map((line) => (line.length > 300 ? `${line.slice(0, 300)}...` : line))
        .join('\n');
      if (code !== 0) reject(new Error(`Bundle process exited with ${code}:\n${trace}`));
      else {
        try {
          // The runner's report is the last line; the function's own logs come before it.
          const lines = stdout.trim().split('\n');
          resolve(JSON.parse(lines[lines.length - 1] ?? '') as RunOutput);
        } catch {
          reject(new Error(`Unreadable output:\n${stdout}\n${stderr}`));
        }
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------

interface Bundle {
  file: string;
  /** The function's variables as the template sets them: literals, or deploy-time references. */
  variables: Record<string, unknown>;
}

/**
 * A function with native modules carries them for Lambda (linux-arm64), which cannot run here: it
 * runs from a copy of its bundle beside this machine's build of the same packages.
 */
const hostRunnable = new Map<FunctionName, string>();
const bundles = new Map<FunctionName, Bundle>();
let testEnv: TestEnv;
let synthMs = 0;

/** A stand-in ARN for a secret variable; the Secrets Manager stand-in below answers for it. */
function secretArnFor(arnEnv: string): string {
  return `arn:aws:secretsmanager:eu-west-1:123456789012:secret:bundle-${arnEnv.toLowerCase()}-AbCdEf`;
}

/**
 * Secrets Manager's GetSecretValue, as the bundled SDK client calls it (JSON 1.1 over HTTP), for
 * the stand-in ARNs only. No emulator of Secrets Manager runs here; this one answers the single
 * operation the functions use and counts the calls, so the test sees each key read once per cold
 * start by the real client code in the bundle.
 */
const secretCalls: string[] = [];
const secretServer = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => {
    body += String(chunk);
  });
  request.on('end', () => {
    const { SecretId } = JSON.parse(body || '{}') as { SecretId?: string };
    const known = Object.values(SECRET_KEYS).find(({ arnEnv }) => secretArnFor(arnEnv) === SecretId);
    secretCalls.push(String(SecretId));
    response.setHeader('Content-Type', 'application/x-amz-json-1.1');
    if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' || !known) {
      response.statusCode = 400;
      response.end(JSON.stringify({ __type: 'ResourceNotFoundException', message: 'no such secret' }));
      return;
    }
    response.end(
      JSON.stringify({ ARN: SecretId, Name: known.arnEnv, SecretString: randomUUID(), VersionId: 'v1' }),
    );
  });
});

/**
 * Variables that only mean something in AWS (the event bus, the scheduler's group, role, target
 * and queue). The probes never call those services, so a stand-in value lets the bundle load.
 */
const AWS_ONLY: Partial<Record<string, string>> = {
  ...Object.fromEntries(Object.values(SECRET_KEYS).map(({ arnEnv }) => [arnEnv, secretArnFor(arnEnv)])),
  [ENV.eventBusName]: 'bundle-test-bus',
  [ENV.scheduleGroup]: 'bundle-test-group',
  [ENV.scheduledPublishArn]: 'arn:aws:lambda:eu-west-1:123456789012:function:bundle-test',
  [ENV.schedulerRoleArn]: 'arn:aws:iam::123456789012:role/bundle-test',
  [ENV.scheduleDlqArn]: 'arn:aws:sqs:eu-west-1:123456789012:bundle-test',
  [ENV.cdnDistributionId]: 'EBUNDLETEST',
  [ENV.mediaBucket]: 'bundle-test-media',
};

/**
 * The child's environment: what the template sets (deploy-time values, such as the table name and
 * the secret, replaced by the test's), what Lambda provides (region, credentials), and the
 * DynamoDB Local endpoint. Nothing inherited from this process.
 */
function childEnv(name: FunctionName, bundle: Bundle): Record<string, string> {
  const vars = testEnv.vars;
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [key, value] of Object.entries(bundle.variables)) {
    if (typeof value === 'string') env[key] = value;
    else {
      const local = vars[key] ?? AWS_ONLY[key];
      if (local === undefined)
        throw new Error(`The template sets ${key}, which this test cannot supply locally`);
      env[key] = local;
    }
  }
  for (const key of ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', ENV.dynamodbEndpoint]) {
    const value = vars[key];
    if (value !== undefined) env[key] = value;
  }
  // The keys come from "Secrets Manager" as in AWS, not from the local dev keys file.
  const { port } = secretServer.address() as AddressInfo;
  env.AWS_ENDPOINT_URL_SECRETS_MANAGER = `http://127.0.0.1:${port}`;
  return { ...env, ...EXTRA_ENV[name] };
}

beforeAll(async () => {
  await new Promise<void>((resolve) => secretServer.listen(0, '127.0.0.1', resolve));
  testEnv = await createTestEnv();
  const started = performance.now();
  const { app, stack } = synthStack('dev', { bundle: true, outdir });
  const template = app.synth().getStackByName(stack.stackName).template as TemplateJson;
  synthMs = performance.now() - started;
  for (const name of FUNCTION_NAMES) {
    bundles.set(name, bundleOf(stack, template, name, outdir));
  }
  writeFileSync(join(outdir, 'runner.mjs'), RUNNER);
  // The SDK's per-service endpoint variable: the relay's PutEvents go to the stand-in.
  EXTRA_ENV.eventRelay = { AWS_ENDPOINT_URL_EVENTBRIDGE: await startFakeEventBridge() };
  EXTRA_ENV.cdnPurge = { AWS_ENDPOINT_URL_CLOUDFRONT: await startFakeCloudFront() };

  for (const [name, modules] of Object.entries(NATIVE_MODULES) as [FunctionName, string[]][]) {
    const copy = join(outdir, `host-${name}`);
    mkdirSync(join(copy, 'node_modules'), { recursive: true });
    const file = bundles.get(name)?.file ?? '';
    copyFileSync(file, join(copy, 'index.mjs'));
    copyFileSync(`${file}.map`, join(copy, 'index.mjs.map'));
    for (const module of modules) {
      symlinkSync(
        join(import.meta.dirname, '..', '..', 'node_modules', module),
        join(copy, 'node_modules', module),
      );
    }
    hostRunnable.set(name, join(copy, 'index.mjs'));
  }
  // A pending record and its upload (a 900x600 PNG), for the rendition function's probe.
  const db = createDocumentClient(testEnv.endpoint);
  await new MediaStore(db, testEnv.contentTable).create({
    id: MEDIA_ID,
    status: 'pending',
    type: null,
    width: null,
    height: null,
    bytes: null,
    alt: 'A test card',
    caption: null,
    credit: null,
    licence: null,
    uploadedBy: 'bundle-test',
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
    version: 1,
    original: null,
    renditions: [],
    failure: null,
  });
  db.destroy();
  mkdirSync(join(mediaDir, 'media', 'originals'), { recursive: true });
  writeFileSync(
    join(mediaDir, 'media', 'originals', MEDIA_ID),
    await sharp({ create: { width: 900, height: 600, channels: 3, background: '#3366aa' } })
      .png()
      .toBuffer(),
  );
  EXTRA_ENV.mediaProcess = { [ENV.mediaLocalDir]: mediaDir };
}, 180_000);

afterAll(() => {
  eventBridge?.close();
  cloudFront?.close();
  secretServer.close();
  rmSync(outdir, { recursive: true, force: true });
});

/** ELF's e_machine (offset 18, little-endian): 183 is AArch64, 62 is x86-64. */
const elfMachine = (file: string) => readFileSync(file).readUInt16LE(18);

describe('native modules for Lambda', () => {
  it.each(Object.keys(NATIVE_MODULES) as FunctionName[])(
    '%s: the asset carries sharp and libvips built for linux-arm64 (ELF AArch64), nothing for this host',
    (name) => {
      const assetDir = join(bundles.get(name)?.file ?? '', '..');
      const img = join(assetDir, 'node_modules', '@img');
      expect(readdirSync(img).sort()).toEqual(['colour', 'sharp-libvips-linux-arm64', 'sharp-linux-arm64']);
      const addon = readdirSync(join(img, 'sharp-linux-arm64', 'lib')).find((f) => f.endsWith('.node'));
      expect(addon).toBeDefined();
      expect(elfMachine(join(img, 'sharp-linux-arm64', 'lib', addon ?? ''))).toBe(183);
      const libvips = readdirSync(join(img, 'sharp-libvips-linux-arm64', 'lib')).find((f) =>
        f.startsWith('libvips'),
      );
      expect(elfMachine(join(img, 'sharp-libvips-linux-arm64', 'lib', libvips ?? ''))).toBe(183);
      // The bundle imports sharp rather than inlining it.
      expect(readFileSync(bundles.get(name)?.file ?? '', 'utf8')).toMatch(/from\s*"sharp"/);
    },
  );
});

describe('synthesized bundles', () => {
  it('synthesizes with bundling', () => {
    console.info(`synth with bundling: ${Math.round(synthMs)} ms`);
    expect(bundles.size).toBe(FUNCTION_NAMES.length);
  });

  it.each(FUNCTION_NAMES)('%s: the bundle is one minified ESM file with its source map', (name) => {
    const bundle = bundles.get(name) as Bundle;
    expect(existsSync(bundle.file)).toBe(true);
    expect(existsSync(`${bundle.file}.map`)).toBe(true);
    console.info(`${name}: index.mjs ${statSync(bundle.file).size} bytes`);
  });

  it.each(FUNCTION_NAMES)('%s: stays within its size budget, with no zod locale but English', (name) => {
    const bundle = bundles.get(name) as Bundle;
    // Bytes as measured after tree-shaking zod (`import * as z`), plus about 5% of headroom: a
    // regression such as a named `{ z }` import (which pulls in every locale, +360 KB) fails here.
    expect(statSync(bundle.file).size).toBeLessThanOrEqual(SIZE_BUDGETS[name]);
    const text = readFileSync(bundle.file, 'utf8');
    for (const marker of FOREIGN_LOCALE_MARKERS) expect(text, marker).not.toContain(marker);
    // Functions that touch no table carry no DynamoDB client.
    if (FUNCTION_ACCESS[name].length === 0 && name !== 'eventRelay') {
      expect(text).not.toContain('DynamoDB_20120810');
    }
    // No function carries full zod (its classes are named "ZodString" and so on, zod/mini's
    // "ZodMiniString"): every schema a function builds is written with zod/mini, which loads and
    // builds in a fraction of the time at a cold start. Only the OpenAPI generator uses full zod.
    expect(text.includes('"ZodString"'), 'full zod').toBe(false);
  });

  it.each(FUNCTION_NAMES)(
    '%s: loads in a fresh process and answers its probes',
    async (name) => {
      const bundle = bundles.get(name) as Bundle;
      const probes = PROBES[name];
      if (!probes?.length) throw new Error(`No probe for function ${name}: add one to PROBES`);
      secretCalls.length = 0;
      const output = await runBundle(
        join(outdir, 'runner.mjs'),
        hostRunnable.get(name) ?? bundle.file,
        probes.map((p) => ('raw' in p.event ? p.event.raw : restEvent(p.event))),
        childEnv(name, bundle),
      );
      console.info(
        `${name}: module loaded in ${Math.round(output.loadedMs)} ms, ${probes.length} replies after ${Math.round(output.firstReplyMs)} ms`,
      );
      const replies: Reply[] = output.results.map((result) =>
        typeof result?.statusCode === 'number'
          ? {
              statusCode: result.statusCode,
              headers: (result.headers ?? {}) as Record<string, string>,
              body: result.body ? (JSON.parse(result.body) as Record<string, unknown>) : {},
            }
          : { statusCode: 0, headers: {}, body: result as unknown as Record<string, unknown> },
      );
      probes.forEach((probe, i) => {
        const reply = replies[i];
        expect(reply, probe.name).toBeDefined();
        probe.check(reply as Reply, replies.slice(0, i));
      });
      // Each key it uses read once in this cold start, whatever the number of requests.
      const expected = secretsOf(name).map((key) => secretArnFor(SECRET_KEYS[key].arnEnv));
      expect(secretCalls.sort()).toEqual(expected.sort());
    },
    60_000,
  );

  it('mediaProcess: the record the probe completed is ready, with what the file says', async () => {
    const db = createDocumentClient(testEnv.endpoint);
    const record = await new MediaStore(db, testEnv.contentTable).get(MEDIA_ID);
    db.destroy();
    expect(record).toMatchObject({ status: 'ready', type: 'image/png', width: 900, height: 600 });
    expect(record?.renditions.map((r) => r.width)).toEqual([320, 640, 900]);
  });
});
