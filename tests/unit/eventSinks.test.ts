import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBridgeSink, logSink } from '../../shared/integrations/events.ts';
import type { CmsEvent } from '../../shared/integrations/outbox.ts';

/**
 * A stand-in for EventBridge's PutEvents that refuses the entries the test names (a refusal
 * cannot be produced for real without AWS), and a webhook receiver that can be told to fail.
 */
let server: Server;
let url = '';
const calls: { DetailType: string; Detail: string }[][] = [];
let refuse: (detail: { id: string }) => boolean = () => false;
let webhookStatus = 204;
const webhookBodies: unknown[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += String(chunk);
    });
    req.on('end', () => {
      if (req.url === '/hook') {
        webhookBodies.push(JSON.parse(body));
        res.writeHead(webhookStatus).end();
        return;
      }
      const { Entries } = JSON.parse(body) as { Entries: { DetailType: string; Detail: string }[] };
      calls.push(Entries);
      const results = Entries.map((e, i) =>
        refuse(JSON.parse(e.Detail))
          ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'no' }
          : { EventId: `e${i}` },
      );
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(
        JSON.stringify({
          FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length,
          Entries: results,
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server?.close();
});

const published = (n: number): CmsEvent => ({
  type: 'ArticlePublished',
  detail: { id: `a${n}`, slug: `story-${n}`, section: 'city', version: n, at: '2026-11-01T09:00:00.000Z' },
});

const client = (endpoint: string) =>
  new EventBridgeClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });

describe('the EventBridge sink', () => {
  it('puts events ten entries per call, and says which ones EventBridge refused', async () => {
    calls.length = 0;
    refuse = (d) => d.id === 'a3' || d.id === 'a17';
    const events = Array.from({ length: 23 }, (_, i) => published(i));
    const delivered = await eventBridgeSink('bus', client(url)).send(events);
    expect(calls.map((c) => c.length)).toEqual([10, 10, 3]);
    expect(delivered.map((ok, i) => (ok ? null : i)).filter((i) => i !== null)).toEqual([3, 17]);
  });

  it('counts every entry of a call that failed as not delivered', async () => {
    const delivered = await eventBridgeSink('bus', client('http://127.0.0.1:9')).send([
      published(1),
      published(2),
    ]);
    expect(delivered).toEqual([false, false]);
  });
});

describe('the local sink', () => {
  it('logs each event as a line shaped like what a webhook target receives, and POSTs it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cms-sink-')), 'events.log');
    webhookStatus = 204;
    webhookBodies.length = 0;
    expect(await logSink(file, `${url}/hook`).send([published(1)])).toEqual([true]);
    const line = JSON.parse(readFileSync(file, 'utf8').trim());
    expect(line).toEqual({
      source: 'newsroom-cms',
      'detail-type': 'ArticlePublished',
      time: '2026-11-01T09:00:00.000Z',
      detail: published(1).detail,
    });
    expect(webhookBodies).toEqual([line]);
  });

  it('does not log an event whose webhook call failed, and reports it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cms-sink-')), 'events.log');
    webhookStatus = 500;
    expect(await logSink(file, `${url}/hook`).send([published(1), published(2)])).toEqual([false, false]);
    expect(() => readFileSync(file, 'utf8')).toThrow();
  });
});
