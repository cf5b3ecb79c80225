import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleCsp } from '../../infra/consoleCsp.ts';
import { CONSOLE_DIST } from '../../infra/local/console.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

// What `npm start` serves beside the API: the console with its Content-Security-Policy, and the
// local sign-in, which mints a token for any role and so answers only this machine's own pages.
let api: TestApi;
let port: number;
beforeAll(async () => {
  api = await startTestApi({ consoleDir: CONSOLE_DIST });
  port = Number(new URL(api.url).port);
});
afterAll(async () => api?.stop());

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Over plain HTTP, so that Host is what the test says (fetch sets it from the URL). */
function send(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const signIn = (headers: Record<string, string>) =>
  send(
    'POST',
    '/local/token',
    { 'content-type': 'application/json', ...headers },
    JSON.stringify({ role: 'admin', sub: 'someone' }),
  );

describe("npm start's console", () => {
  it('carries the Content-Security-Policy on every answer: the shell, deep links, files, config, sign-in', async () => {
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(
      readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8'),
    )?.[1];
    for (const path of [
      '/',
      '/articles/01HZX3K4M5N6P7Q8R9S0T1V2W3',
      asset ?? '',
      '/favicon.svg',
      '/config.json',
    ]) {
      const res = await send('GET', path, { host: `localhost:${port}` });
      expect(res.status, path).toBe(200);
      expect(res.headers['content-security-policy'], path).toBe(consoleCsp());
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
    const missing = await send('GET', '/nothing.js', { host: `localhost:${port}` });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-security-policy']).toBe(consoleCsp());
    const token = await signIn({ host: `localhost:${port}` });
    expect(token.headers['content-security-policy']).toBe(consoleCsp());
  });

  it('needs nothing the policy forbids: no inline script, style or handler in the built shell', () => {
    const html = readFileSync(join(CONSOLE_DIST, 'index.html'), 'utf8');
    expect([...html.matchAll(/<script\b[^>]*>/g)].every((m) => / src="\/assets\//.test(m[0]))).toBe(true);
    expect(html).not.toMatch(/<style\b| style=| on[a-z]+=|javascript:/i);
  });
});

describe('the local sign-in (POST /local/token)', () => {
  it.each([
    [{ host: 'localhost:PORT' }],
    [{ host: '127.0.0.1:PORT' }],
    [{ host: '127.3.2.1:PORT' }],
    [{ host: '[::1]:PORT' }],
    [{ host: 'localhost:PORT', origin: 'http://localhost:PORT', 'sec-fetch-site': 'same-origin' }],
    [{ host: '127.0.0.1:PORT', origin: 'http://127.0.0.1:PORT' }],
  ])('mints a token for a page of this server: %j', async (headers) => {
    const res = await signIn(withPort(headers));
    expect(res.status, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ sub: 'someone', roles: ['admin'] });
  });

  it.each([
    // A DNS-rebinding page: the browser sends its own name.
    [{ host: 'rebind.attacker.example:PORT' }, /host "rebind\.attacker\.example:\d+"/],
    [{ host: 'localhost.attacker.example:PORT' }, /only at localhost/],
    [{ host: '127.0.0.1.nip.io:PORT' }, /only at localhost/],
    [{ host: '192.168.1.20:PORT' }, /only at localhost/],
    [{ host: '0.0.0.0:PORT' }, /only at localhost/],
    [{ host: 'attacker.example@localhost:PORT' }, /only at localhost/],
    // Another site's page posting to localhost.
    [
      { host: 'localhost:PORT', origin: 'https://attacker.example' },
      /came from "https:\/\/attacker\.example"/,
    ],
    [{ host: 'localhost:PORT', origin: 'null' }, /came from "null"/],
    [{ host: 'localhost:PORT', origin: 'http://localhost:1' }, /came from "http:\/\/localhost:1"/],
    [{ host: 'localhost:PORT', origin: 'http://127.0.0.1:PORT' }, /only pages of http:\/\/localhost:\d+/],
    [{ host: 'localhost:PORT', 'sec-fetch-site': 'cross-site' }, /was cross-site/],
    [{ host: 'localhost:PORT', 'sec-fetch-site': 'same-site' }, /was same-site/],
  ])('refuses %j with a 403 problem document', async (headers, detail) => {
    const res = await signIn(withPort(headers));
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/problem+json');
    const problem = JSON.parse(res.body);
    expect(problem).toMatchObject({ title: 'Forbidden', status: 403 });
    expect(problem.detail).toMatch(detail);
    expect(problem).not.toHaveProperty('token');
  });
});

const withPort = (headers: Record<string, string>) =>
  Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', String(port))]));
