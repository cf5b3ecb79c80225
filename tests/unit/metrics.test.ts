import { describe, expect, it } from 'vitest';
import { BUSINESS_METRICS, emfDocument, emitMetrics, METRICS_NAMESPACE } from '../../shared/metrics.ts';

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
