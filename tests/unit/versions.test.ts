import { describe, expect, it, vi } from 'vitest';
import type { ScheduleJob } from '../../shared/integrations/schedules.ts';
import { textDefaults } from '../../shared/schemas/articleFields.ts';
import { createTriggers, publishTrigger, unpublishTrigger } from '../../shared/services/articles/triggers.ts';
import { firstVersionAudit, nextVersion, revisionOf } from '../../shared/services/articles/versions.ts';
import type { ArticleStore, StoredArticle } from '../../shared/store/articleStore.ts';

const article: StoredArticle = {
  ...textDefaults(),
  id: 'A',
  slug: 'tide-tables',
  status: 'approved',
  version: 3,
  section: 'city',
  title: 'Tide tables',
  standfirst: '',
  body: [{ type: 'paragraph', text: [{ text: 'High water at noon.', marks: [] }] }],
  tags: [],
  byline: '',
  source: null,
  leadImage: null,
  access: 'free',
  authors: [],
  commentsEnabled: true,
  commentCount: 0,
  featuredCount: 0,
  commentsCloseAt: null,
  createdAt: '2026-11-01T08:00:00.000Z',
  createdBy: 'writer',
  updatedAt: '2026-11-01T08:00:00.000Z',
  updatedBy: 'writer',
  publishedAt: null,
  scheduledFor: null,
  unpublishAt: null,
  live: false,
  hasUnpublishedChanges: false,
  seo: { noindex: false },
  corrections: [],
  liveSlug: null,
  redirects: [],
  revisionCount: 2,
  everLive: false,
  writers: [],
};

describe('the next version and its audit entry', () => {
  it('moves the version, status and updater together, and records exactly that', () => {
    const at = '2026-11-02T09:00:00.000Z';
    const { next, audit } = nextVersion(article, 'scheduled', {
      actor: 'desk',
      action: 'schedule',
      at,
      publishAt: '2026-11-03T00:00:00.000Z',
    });
    expect(next).toMatchObject({ status: 'scheduled', version: 4, updatedAt: at, updatedBy: 'desk' });
    expect(audit).toEqual({
      at,
      actor: 'desk',
      action: 'schedule',
      from: 'approved',
      to: 'scheduled',
      version: 4,
      publishAt: '2026-11-03T00:00:00.000Z',
    });
    expect(article.version).toBe(3);
  });

  it('applies the fields the change brings and leaves out an empty note', () => {
    const { next, audit } = nextVersion(
      article,
      'approved',
      { actor: 'desk', action: 'schedule_unpublish', at: 'T', note: '' },
      { unpublishAt: 'U' },
    );
    expect(next.unpublishAt).toBe('U');
    expect(audit).not.toHaveProperty('note');
  });

  it('records a new article as coming from nothing, and its revision as number revisionCount', () => {
    const created = { ...article, status: 'draft' as const, version: 1, revisionCount: 1 };
    const audit = firstVersionAudit(created, { actor: 'writer', action: 'create', at: 'T' });
    expect(audit).toMatchObject({ from: null, to: 'draft', version: 1 });
    expect(revisionOf(created, 'create', audit)).toMatchObject({
      n: 1,
      version: 1,
      savedBy: 'writer',
      savedAt: 'T',
    });
  });
});

describe('triggers', () => {
  const scheduled = { ...article, status: 'scheduled' as const, scheduledFor: 'P', unpublishAt: 'U' };

  it('names the publish and unpublish triggers of an article symmetrically', () => {
    expect(publishTrigger(scheduled)).toEqual({ kind: 'publish', articleId: 'A', version: 3, at: 'P' });
    expect(unpublishTrigger({ ...scheduled, unpublishAt: 'U' })).toEqual({
      kind: 'unpublish',
      articleId: 'A',
      at: 'U',
    });
  });

  it('drops every pending trigger, and a failure to drop one does not fail the caller', async () => {
    const removed: ScheduleJob[] = [];
    const triggers = createTriggers({
      store: {} as ArticleStore,
      schedules: {
        create: async () => {},
        remove: async (job) => {
          removed.push(job);
          if (job.kind === 'publish') throw new Error('throttled');
        },
      },
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await triggers.dropPending(scheduled);
    expect(removed.map((j) => j.kind)).toEqual(['publish', 'unpublish']);
    // What could not be removed is reported, not swallowed.
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(warn.mock.calls[0]?.[0]))).toMatchObject({
      level: 'warn',
      job: { kind: 'publish' },
    });
    warn.mockRestore();
  });

  it('removes the trigger it created when the write that relies on it fails', async () => {
    const removed: ScheduleJob[] = [];
    const store = {
      commit: async () => Promise.reject(new Error('lost the race')),
    } as unknown as ArticleStore;
    const triggers = createTriggers({
      store,
      schedules: { create: async () => {}, remove: async (job) => void removed.push(job) },
    });
    const job = publishTrigger(scheduled);
    await expect(
      triggers.commitWith(job, { article: scheduled, expectedVersion: 3, audit: {} as never }),
    ).rejects.toThrow('lost the race');
    expect(removed).toEqual([job]);
  });
});
