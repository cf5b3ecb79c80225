import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import type { Clock } from '../../shared/clock.ts';
import { ulidFactory } from '../../shared/clock.ts';
import { BadRequestError } from '../../shared/errors.ts';
import { pollingSchedules } from '../../shared/integrations/schedules.ts';
import type { ArticleStatus } from '../../shared/schemas/article.ts';
import { ARTICLE_STATUSES } from '../../shared/schemas/facts.ts';
import { createNewsroom } from '../../shared/services/articles/index.ts';
import { ArticleStore, type StoredArticle } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import type { PageKey } from '../../shared/store/cursor.ts';
import { createTestEnv } from '../support/env.ts';
import { recordRequests } from '../support/requests.ts';

/**
 * The unfiltered admin list is a merge of the byStatus partitions (shared/store/mergedList.ts):
 * these tests hold it to the contract the single all-articles index gave, on DynamoDB Local.
 */
let db: ReturnType<typeof createDocumentClient>;
let store: ArticleStore;
let service: ReturnType<typeof createNewsroom>;
let sent: string[];
let now = new Date('2026-11-01T08:00:00.000Z');
const clock: Clock = { now: () => now };
const tick = (ms = 1000) => {
  now = new Date(now.getTime() + ms);
};

const author: Principal = { sub: 'writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'desk', roles: new Set(['editor']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'A paragraph.', marks: [] }] }];

/** The steps from a draft to each status (the clock moves between them, so updatedAt interleaves). */
const ROUTES: Record<ArticleStatus, (a: StoredArticle) => Promise<StoredArticle>> = {
  draft: async (a) => a,
  in_review: (a) => step(author, a, 'submit'),
  changes_requested: async (a) =>
    step(editor, await step(author, a, 'submit'), 'request_changes', { note: 'Sources?' }),
  approved: async (a) => step(editor, await step(author, a, 'submit'), 'approve'),
  scheduled: async (a) =>
    step(editor, await ROUTES.approved(a), 'schedule', { publishAt: '2027-06-01T08:00:00.000Z' }),
  published: async (a) => step(editor, await ROUTES.approved(a), 'publish'),
  archived: async (a) => step(editor, await ROUTES.published(a), 'unpublish'),
};

async function step(
  who: Principal,
  a: StoredArticle,
  action: Parameters<typeof service.transition>[3]['action'],
  extra: Record<string, string> = {},
): Promise<StoredArticle> {
  tick();
  return service.transition(who, a.id, a.version, { action, ...extra });
}

let all: StoredArticle[];

beforeAll(async () => {
  const env = await createTestEnv();
  db = createDocumentClient(env.endpoint);
  sent = recordRequests(db);
  store = new ArticleStore(db, env.contentTable, env.commentsTable);
  service = createNewsroom({
    closeAfterDays: async () => null,
    store,
    clock,
    newId: ulidFactory(),
    schedules: pollingSchedules,
  });
  // Three articles in every status, created round-robin, so each status's updatedAt values are
  // spread among the others'; the first of each round is created at the same instant (ties).
  const made: StoredArticle[] = [];
  for (let round = 0; round < 3; round += 1) {
    const start = now;
    for (const status of ARTICLE_STATUSES) {
      if (round === 0) now = start;
      else tick(700);
      const draft = await service.create(author, { title: `${status} ${round}`, section: 'city', body });
      made.push(await ROUTES[status](draft));
    }
  }
  all = made;
});
afterAll(() => db?.destroy());

async function pages(limit: number): Promise<{ ids: string[]; sizes: number[] }> {
  const ids: string[] = [];
  const sizes: number[] = [];
  let startKey: PageKey | undefined;
  do {
    const page = await store.listWorking({}, limit, startKey);
    ids.push(...page.items.map((a) => a.id));
    sizes.push(page.items.length);
    startKey = page.lastKey;
  } while (startKey);
  return { ids, sizes };
}

describe('the unfiltered admin list, merged from the status partitions', () => {
  it('holds every working copy once, most recently updated first', async () => {
    const page = await store.listWorking({}, 100, undefined);
    expect(page.lastKey).toBeUndefined();
    expect(page.items.map((a) => a.id).sort()).toEqual(all.map((a) => a.id).sort());
    expect(new Set(page.items.map((a) => a.status))).toEqual(new Set(ARTICLE_STATUSES));
    const times = page.items.map((a) => a.updatedAt);
    expect(times).toEqual([...times].sort().reverse());
    // Ties are real here: one instant holds articles of several statuses.
    expect(new Set(times).size).toBeLessThan(times.length);
  });

  it.each([1, 2, 3, 20])('pages of %i, followed by cursor, give exactly that list', async (limit) => {
    const whole = (await store.listWorking({}, 100, undefined)).items.map((a) => a.id);
    const { ids, sizes } = await pages(limit);
    expect(ids).toEqual(whole);
    // Every page is full but the last, which is never empty: no "next" that leads nowhere.
    expect(sizes.slice(0, -1).every((n) => n === limit)).toBe(true);
    expect(sizes.length).toBe(Math.ceil(all.length / limit));
    expect(sizes.at(-1)).toBeGreaterThan(0);
  });

  it('reads each status partition once per page, concurrently, then the heads and their words in two batches', async () => {
    sent.length = 0;
    await store.listWorking({}, 5, undefined);
    expect(sent.filter((r) => r === 'Query')).toHaveLength(ARTICLE_STATUSES.length);
    // The heads, then the revisions that hold their words (shared/store/workingCopy.ts).
    expect(sent.filter((r) => r !== 'Query')).toEqual(['BatchGetItem', 'BatchGetItem']);
  });

  it('shows an article once while its status change is still reaching the index', async () => {
    // DynamoDB updates an index after the table: for a moment an article that changed status can
    // be in its old partition and its new one. DynamoDB Local updates indexes at once, so this
    // injects that moment: the in_review partition answers with the newest draft's entry too
    // (a middleware on the real client; the only stand-in in this file).
    let stale: unknown;
    const injected = (args: { input: unknown }, output: { Items?: unknown[] }) => {
      const input = args.input as { IndexName?: string; ExpressionAttributeValues?: unknown };
      if (input.IndexName !== 'byStatus') return;
      const values = JSON.stringify(input.ExpressionAttributeValues ?? {});
      if (values.includes('"draft"')) stale ??= output.Items?.[0];
      else if (values.includes('"in_review"') && stale) output.Items = [stale, ...(output.Items ?? [])];
    };
    db.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        injected(args as { input: unknown }, result.output as { Items?: unknown[] });
        return result;
      },
      { step: 'initialize', name: 'staleIndexEntry' },
    );
    try {
      await store.listWorking({}, 100, undefined); // finds the draft's entry
      const page = await store.listWorking({}, 100, undefined);
      expect(stale).toBeDefined();
      const ids = page.items.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(all.map((a) => a.id).sort());
    } finally {
      db.middlewareStack.remove('staleIndexEntry');
    }
  });

  it('puts an article that changes at the top, and leaves it out where it was', async () => {
    const oldest = all.find((a) => a.status === 'draft');
    if (!oldest) throw new Error('a draft');
    tick(60_000);
    const moved = await step(author, oldest, 'submit');
    const { ids } = await pages(4);
    expect(ids[0]).toBe(moved.id);
    expect(ids.filter((id) => id === moved.id)).toHaveLength(1);
    expect(ids).toHaveLength(all.length);
  });

  it('refuses a cursor that names anything but the status partitions (as an older one would)', async () => {
    const older = {
      pk: 'ARTICLE#X',
      sk: 'WORKING',
      gsiAll: 'ARTICLE',
      updatedAt: '2026-11-01T08:00:00.000Z',
    };
    for (const bad of [older, { draft: 'one-part' }, { draft: 'a b c d' }, { draft: 1 }, { draft: '  ' }]) {
      await expect(store.listWorking({}, 2, bad)).rejects.toBeInstanceOf(BadRequestError);
    }
  });
});
