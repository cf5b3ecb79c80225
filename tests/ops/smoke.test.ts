import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSmoke } from '../../infra/ops/smoke.ts';
import { startTestApi, type TestApi } from '../support/api.ts';

/**
 * `npm run smoke` against a local stack as `npm start` runs it, with local dev tokens: the writer
 * an author, the reviewer an editor who also moderates (four eyes need two people).
 */
let api: TestApi;
let writer: string;
let reviewer: string;

beforeAll(async () => {
  api = await startTestApi();
  writer = await api.token('author', 'smoke-writer');
  reviewer = await api.token(['editor', 'moderator'], 'smoke-reviewer');
  // Pre-moderation, so the walk approves its comment as a deployed newsroom would.
  const admin = await api.token('admin', 'smoke-admin');
  const settings = await api.request('GET', '/v1/admin/settings/comments', { token: admin });
  await api.request('PUT', '/v1/admin/settings/comments', {
    token: admin,
    json: { ...settings.body, mode: 'pre', floodSeconds: 0 },
  });
});
afterAll(() => api?.stop());

describe('npm run smoke', () => {
  it('walks an article from draft to a reader and a comment, timing each step, and takes it down', async () => {
    const lines: string[] = [];
    const steps = await runSmoke({
      api: api.url,
      writerToken: writer,
      reviewerToken: reviewer,
      log: (l) => lines.push(l),
    });
    expect(steps.map((s) => s.name)).toEqual([
      'create a draft (writer)',
      'submit for review (writer)',
      'approve (reviewer: four eyes)',
      'publish (reviewer)',
      'read it as a reader (API)',
      'post a comment (anonymous reader)',
      'approve the comment (reviewer)',
      'see the comment in the public thread',
      'unpublish it (reviewer; archived, not deleted)',
      'check readers no longer see it',
    ]);
    expect(
      lines.every((l) => /^ok {4}.+ \d+ ms$/.test(l)),
      lines.join('\n'),
    ).toBe(true);
    // Nothing it made is left for readers.
    const mine = await api.request('GET', '/v1/admin/articles?section=smoke-test', { token: reviewer });
    expect(mine.body.items.map((a: { status: string }) => a.status)).toEqual(['archived']);
  });

  it('fails on the step that fails, says why, and still removes what it made', async () => {
    const lines: string[] = [];
    // The writer approving their own article: four eyes refuse it.
    const run = runSmoke({
      api: api.url,
      writerToken: writer,
      reviewerToken: writer,
      log: (l) => lines.push(l),
    });
    await expect(run).rejects.toThrow(/^approve \(reviewer: four eyes\): expected 200, got 403/);
    expect(lines.at(-1)).toMatch(/^ok {4}delete the draft \(writer\)/);
    expect(lines.some((l) => l.startsWith('FAIL  approve (reviewer: four eyes)'))).toBe(true);
    const left = await api.request('GET', '/v1/admin/articles?section=smoke-test&status=in_review', {
      token: reviewer,
    });
    expect(left.body.items).toEqual([]);
  });

  it('runs as `npm run smoke -- --api <url>` with the identities in the environment', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'infra/ops/smokeMain.ts', '--api', api.url], {
      env: { ...process.env, SMOKE_WRITER_TOKEN: writer, SMOKE_REVIEWER_TOKEN: reviewer },
    });
    expect(stdout).toMatch(/^ok {4}create a draft \(writer\) +\d+ ms$/m);
    expect(stdout).toMatch(/Smoke test passed: 10 steps in \d+ ms\./);
  });
});
