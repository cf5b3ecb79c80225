import { describe, expect, it } from 'vitest';
import { recordEvents } from '../../shared/integrations/recordEvents.ts';
import { relabelKeys } from '../../shared/store/relabelKeys.ts';

const at = '2026-12-07T15:00:00.000Z';
const job = (fields: Record<string, unknown>) => ({
  ...relabelKeys.job('section', 'harbour'),
  type: relabelKeys.type,
  kind: 'section',
  from: 'harbour',
  to: 'docks',
  cursor: null,
  at,
  ...fields,
});

describe('a relabel job on the outbox', () => {
  it('announces ArticlesRelabelled once, when its last page is written', () => {
    const running = job({ status: 'running', serial: 4, updated: 75 });
    const done = job({ status: 'done', serial: 5, updated: 120 });
    expect(
      recordEvents({ oldImage: job({ status: 'running', serial: 3 }), newImage: running, committedAt: at }),
    ).toEqual([]);
    expect(recordEvents({ oldImage: running, newImage: done, committedAt: at })).toEqual([
      {
        type: 'ArticlesRelabelled',
        detail: {
          id: 'section#harbour',
          kind: 'section',
          from: 'harbour',
          to: 'docks',
          updated: 120,
          version: 5,
          at,
        },
      },
    ]);
    // The same item written again (a retried batch) is not a second completion.
    expect(recordEvents({ oldImage: done, newImage: done, committedAt: at })).toEqual([]);
  });

  it('announces nothing for a job that changed no article', () => {
    const done = job({ status: 'done', serial: 2, updated: 0 });
    expect(
      recordEvents({ oldImage: job({ status: 'running', serial: 1 }), newImage: done, committedAt: at }),
    ).toEqual([]);
  });
});
