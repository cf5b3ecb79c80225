import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { type RunningCms, startCms } from '../../infra/local/cms.ts';
import { issueToken } from '../../infra/local/devAuth.ts';
import type { Role } from '../../shared/auth/principal.ts';
import { type ApiClient, createApiClient } from '../../shared/contract/client.ts';
import { assertDeclared } from './declared.ts';
import { createTestEnv, type TestEnv } from './env.ts';
import { requestInProcess } from './inProcess.ts';
import { createTestSections, TEST_SECTIONS } from './taxonomy.ts';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestApi {
  url: string;
  env: TestEnv;
  tokenSecret: string;
  /** The local scheduler; tick(now) runs what is due at `now`, so tests never wait. */
  scheduler: RunningCms['scheduler'];
  /**
   * The events of every write committed so far: relays what the tables' streams hold (as the
   * stream function would), then reads the local stand-in for EventBridge.
   */
  events(): Promise<
    {
      source: string;
      'detail-type': string;
      time: string;
      detail: { id: string; slug: string; section?: string; version: number; at: string } & Record<
        string,
        unknown
      >;
    }[]
  >;
  /** The media bucket's stand-in: its folder, and settle() waits for uploads being processed. */
  media: RunningCms['media'];
  token(role: Role | Role[], sub?: string, ttlSeconds?: number): Promise<string>;
  /** The typed client frontends use, as `token`'s holder (anonymous without one). */
  client(token?: string): ApiClient;
  request<T = any>(
    method: string,
    path: string,
    options?: {
      token?: string;
      json?: unknown;
      body?: string;
      headers?: Record<string, string>;
      /**
       * The loopback address to send from (127.0.0.2, 127.0.0.3...): a distinct reader's own
       * address as the gateway sees it, for what keys on the address (reports, bans).
       */
      from?: string;
    },
  ): Promise<ApiResponse<T>>;
  /**
   * The same request handed to the gateway in this process (tests/support/inProcess.ts): the
   * routing, token check, Lambda event and handlers of `request`, without fetch and the socket.
   */
  requestInProcess<T = any>(
    method: string,
    path: string,
    options?: { headers?: Record<string, string>; body?: string },
  ): Promise<ApiResponse<T>>;
  stop(): Promise<void>;
}

/** The local CMS on a free port over this test file's own tables: API tests go over real HTTP. */
export async function startTestApi(
  options: {
    seed?: boolean;
    consoleDir?: string;
    corsOrigins?: string[];
    siteOrigins?: string[];
    /** Poll the streams on a timer, as `npm start` does (default: only on events()). */
    outboxIntervalMs?: number;
    /** Section records to create first (articles must name one): the usual test sections by default. */
    sections?: readonly string[];
  } = {},
): Promise<TestApi> {
  const env = await createTestEnv();
  const tokenSecret = randomBytes(32).toString('hex');
  const cms: RunningCms = await startCms({
    endpoint: env.endpoint,
    tablePrefix: env.contentTable.replace(/-Content$/, ''),
    port: 0,
    tokenSecret,
    secretsFile: env.secretsFile,
    eventsLog: env.eventsLog,
    schedulerIntervalMs: 0,
    ...(options.outboxIntervalMs ? { outboxIntervalMs: options.outboxIntervalMs } : {}),
    seed: options.seed ?? false,
    ...(options.consoleDir ? { consoleDir: options.consoleDir } : {}),
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    ...(options.siteOrigins ? { siteOrigins: options.siteOrigins } : {}),
  });
  await createTestSections(env, options.sections ?? TEST_SECTIONS);
  return {
    url: cms.url,
    env,
    tokenSecret,
    scheduler: cms.scheduler,
    media: cms.media,
    async events() {
      await cms.outbox.drain();
      return existsSync(env.eventsLog)
        ? readFileSync(env.eventsLog, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line))
        : [];
    },
    token: (role, sub, ttlSeconds) => {
      const roles = Array.isArray(role) ? role : [role];
      return issueToken({
        secret: tokenSecret,
        roles,
        sub: sub ?? `user-${roles.join('-')}`,
        ...(ttlSeconds === undefined ? {} : { ttlSeconds }),
      });
    },
    client: (token) =>
      createApiClient({
        baseUrl: cms.url,
        ...(token ? { token: () => token } : {}),
        fetch: async (input: string | URL | Request, init?: RequestInit) => {
          const request = new Request(input, init);
          const res = await fetch(request);
          assertDeclared(request.method, request.url, res.status);
          return res;
        },
      }),
    async request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...(opts.headers ?? {}) };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body = opts.body;
      if (opts.json !== undefined) {
        body = JSON.stringify(opts.json);
        headers['content-type'] ??= 'application/json';
      }
      const res = opts.from
        ? await sendFrom(opts.from, `${cms.url}${path}`, method, headers, body)
        : await fetch(`${cms.url}${path}`, {
            method,
            headers,
            // A redirect is an answer under test (an article's earlier slug), not followed.
            redirect: 'manual',
            ...(body === undefined ? {} : { body }),
          });
      assertDeclared(method, path, res.status);
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed as any, text };
    },
    requestInProcess: (method, path, opts) => requestInProcess(cms.dispatch, cms.url, method, path, opts),
    // The file's tables are abandoned with it: relaying what it committed since its last events()
    // (search postings for every comment and article it wrote, feeds) would be read by nobody, and
    // was most of the suite's batch writes (CONTRIBUTING.md, Scripts). npm start still relays it.
    stop: () => cms.stop({ relayPending: false }),
  };
}

/** One request over a socket bound to `localAddress` (fetch cannot choose its source address). */
function sendFrom(
  localAddress: string,
  url: string,
  method: string,
  headers: Record<string, string>,
  body: string | undefined,
): Promise<{ status: number; headers: Headers; text(): Promise<string> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value])
            out.append(name, v);
        }
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: out, text: async () => text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A small valid article body for tests. */
export const sampleArticle = (overrides: Record<string, unknown> = {}) => ({
  title: 'Harbour wall repairs begin after winter storms',
  section: 'city',
  standfirst: 'Engineers start on the damaged stretch by the fish market.',
  body: [
    {
      type: 'paragraph',
      text: 'Work began on Monday on the section of the harbour wall damaged in January.',
    },
    { type: 'quote', text: 'We expect to finish before the tourist season.', attribution: 'Site manager' },
  ],
  tags: ['harbour', 'storms'],
  byline: 'Test Reporter',
  ...overrides,
});
