import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningCms, startCms } from '../../infra/local/cms.ts';
import { issueToken, localSecrets, localSecretsFile } from '../../infra/local/devAuth.ts';
import { type LocalDynamo, startDynamo } from '../../infra/local/dynamo.ts';
import { ensureTables, tableName } from '../../infra/local/localTables.ts';
import { CONTENT_TABLE } from '../../shared/store/tables.ts';
import { sampleArticle } from '../support/api.ts';
import { createTestSections, TEST_SECTIONS } from '../support/taxonomy.ts';

/**
 * A storage outage, for real: this file runs its own DynamoDB Local (persisting to a temporary
 * folder) under a supervisor, as npm start does, and kills it. While it is down every request
 * answers 503 with Retry-After, never a 500; once the supervisor has restarted it, the same
 * requests succeed again and nothing saved before the outage is lost.
 */
let dynamo: LocalDynamo;
let cms: RunningCms;
let token: string;
const restarts: string[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'outage-'));
  dynamo = await startDynamo({
    dataDir,
    supervise: {
      log: (line) => restarts.push(line),
      restarted: async () => {
        await ensureTables(dynamo.endpoint, 'outage');
      },
    },
  });
  const { tokenSecret } = localSecrets(dataDir);
  cms = await startCms({
    endpoint: dynamo.endpoint,
    tablePrefix: 'outage',
    port: 0,
    tokenSecret,
    secretsFile: localSecretsFile(dataDir),
    eventsLog: join(dataDir, 'events.log'),
    schedulerIntervalMs: 0,
    seed: false,
  });
  token = await issueToken({ secret: tokenSecret, roles: ['author'], sub: 'alice' });
  // Articles name an existing section (docs/taxonomy.md).
  await createTestSections(
    { endpoint: dynamo.endpoint, contentTable: tableName('outage', CONTENT_TABLE) },
    TEST_SECTIONS,
  );
});

afterAll(async () => {
  await cms?.stop();
  await dynamo?.stop();
});

const get = (path: string) => fetch(`${cms.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

describe('a storage outage', () => {
  it('answers 503 with Retry-After while the store is down, and recovers without losing data', async () => {
    const created = await fetch(`${cms.url}/v1/admin/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(sampleArticle()),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const pid = dynamo.pid;
    // SIGTERM, as an operator's kill or the OOM reaper's first signal would send. (After SIGKILL,
    // DynamoDB Local itself may not have written its last changes to disk.)
    process.kill(pid ?? 0, 'SIGTERM');

    // DynamoDB Local shuts down gracefully on SIGTERM: until it is gone, reads still succeed.
    let down = await get(`/v1/admin/articles/${id}`);
    for (const deadline = Date.now() + 15_000; down.status === 200 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 100));
      down = await get(`/v1/admin/articles/${id}`);
    }
    expect(down.status, 'once the store is down').toBe(503);
    expect(down.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await down.json()) as { type: string; detail: string };
    expect(problem.type).toBe('/problems/unavailable');
    expect(problem.detail).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|dynamo/i);
    expect((await fetch(`${cms.url}/v1/articles`)).status).toBe(503);

    let back: Response | undefined;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      back = await get(`/v1/admin/articles/${id}`);
      if (back.status === 200) break;
      expect(back.status, 'while the store is restarting').toBe(503);
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(back?.status).toBe(200);
    expect(dynamo.pid).not.toBe(pid);
    expect(restarts.join('\n')).toContain('restarting it');
  });
});
