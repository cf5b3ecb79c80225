import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENV } from '../../shared/env.ts';
import { NotFoundError } from '../../shared/errors.ts';
import { createHandler } from '../../shared/http/handler.ts';
import { DOCS_ROUTES } from '../../shared/http/routes/docs.ts';
import {
  BUSINESS_METRICS,
  emfDocument,
  emitMetrics,
  METRICS_NAMESPACE,
  serverErrorsDocument,
} from '../../shared/metrics.ts';

describe('business metrics as CloudWatch embedded metrics', () => {
  it('writes one line that CloudWatch turns into a Count per figure, by stage', () => {
    const lines: string[] = [];
    emitMetrics({ CommentsPosted: 3, CommentsHeld: 1, CommentsApproved: 0 }, 'prod', {
      at: new Date('2026-11-28T10:00:00Z'),
      sink: (line) => lines.push(line),
    });
    expect(lines).toHaveLength(1);
    const doc = JSON.parse(lines[0] ?? '');
    expect(doc).toEqual({
      _aws: {
        Timestamp: Date.parse('2026-11-28T10:00:00Z'),
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [['Stage']],
            Metrics: [
              { Name: 'CommentsPosted', Unit: 'Count' },
              { Name: 'CommentsHeld', Unit: 'Count' },
            ],
          },
        ],
      },
      Stage: 'prod',
      CommentsPosted: 3,
      CommentsHeld: 1,
    });
    // Every metric named in a document is a known business figure (the dashboard draws these).
    for (const m of doc._aws.CloudWatchMetrics[0].Metrics)
      expect(Object.keys(BUSINESS_METRICS)).toContain(m.Name);
  });

  it('writes nothing when nothing happened', () => {
    const lines: string[] = [];
    emitMetrics({ ArticlesPublished: 0 }, 'dev', { sink: (line) => lines.push(line) });
    expect(lines).toEqual([]);
    expect(emfDocument({}, 'dev', new Date())).toBeNull();
  });
});

describe('5xx answers of an API function, counted by the dispatcher', () => {
  const event = {
    httpMethod: 'GET',
    resource: '/v1/openapi.json',
    path: '/v1/openapi.json',
    headers: {},
    requestContext: { requestId: 'req-9' },
  } as unknown as APIGatewayProxyEvent;
  const emfLines = (spy: { mock: { calls: unknown[][] } }) =>
    spy.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('"_aws"'));

  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env[ENV.stage];
    delete process.env[ENV.functionName];
  });

  it('one ServerErrors line per 5xx, by stage and function; none for a 4xx', async () => {
    process.env[ENV.stage] = 'prod';
    process.env[ENV.functionName] = 'docs';
    // Observed, not replaced: the lines still go to stdout, as Lambda sends them to CloudWatch.
    const stdout = vi.spyOn(console, 'log');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = createHandler(DOCS_ROUTES, {
      getOpenApi: async () => {
        throw new Error('boom');
      },
    });
    expect((await failing(event)).statusCode).toBe(500);
    const lines = emfLines(stdout);
    expect(lines).toHaveLength(1);
    const doc = JSON.parse(lines[0] ?? '');
    expect(doc._aws.CloudWatchMetrics).toEqual([
      {
        Namespace: METRICS_NAMESPACE,
        Dimensions: [['Stage', 'Function']],
        Metrics: [{ Name: 'ServerErrors', Unit: 'Count' }],
      },
    ]);
    expect(doc).toMatchObject({ Stage: 'prod', Function: 'docs', ServerErrors: 1 });

    const missing = createHandler(DOCS_ROUTES, {
      getOpenApi: async () => {
        throw new NotFoundError('nothing here');
      },
    });
    expect((await missing(event)).statusCode).toBe(404);
    expect(emfLines(stdout)).toHaveLength(1);
  });

  it('writes nothing where the stack set no stage (npm start, tests)', async () => {
    const stdout = vi.spyOn(console, 'log');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = createHandler(DOCS_ROUTES, {
      getOpenApi: async () => {
        throw new Error('boom');
      },
    });
    expect((await failing(event)).statusCode).toBe(500);
    expect(emfLines(stdout)).toEqual([]);
    expect(serverErrorsDocument(0, { stage: 'dev', fn: 'docs' }, new Date())).toBeNull();
  });
});
