import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateWorkingCopies } from '../../infra/ops/migrations/workingCopies.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import type { Clock } from '../../shared/clock.ts';
import type { ArticleStore, StoredArticle } from '../../shared/store/articleStore.ts';
import { keys } from '../../shared/store/keys.ts';
import { parse } from '../../shared/store/model.ts';
import type { TestEnv } from '../support/env.ts';
import { asLegacyHead, type Newsroom, testNewsroom } from '../support/newsroom.ts';

/**
 * `npm run migrate -- split-working-copies` and `join-working-copies` on DynamoDB Local, over
 * working copies rewritten as they were stored before the split (the words on the head). Every
 * article reads the same before and after each run; the heads change layout; a second run writes
 * nothing; and after `join` each head alone is a whole article, as the older release reads it.
 */
let env: TestEnv;
let db: DynamoDBDocumentClient;
let store: ArticleStore;
let newsroom: Newsroom;
const clock: Clock = { now: () => new Date() };
const author: Principal = { sub: 'split-writer', roles: new Set(['author']) };

beforeAll(async () => {
  ({ env, db, store, newsroom } = await testNewsroom({ clock }));
});
afterAll(() => db?.destroy());

const paragraph = (text: string) => [{ type: 'paragraph' as const, text: [{ text, marks: [] }] }];

const head = async (id: string) =>
  (
    await db.send(
      new GetCommand({ TableName: env.contentTable, Key: keys.working(id), ConsistentRead: true }),
    )
  ).Item ?? {};

/** Puts words on the head and drops the flag, as a head stored before the split. */
const asLegacy = (article: StoredArticle, body = article.body) =>
  asLegacyHead(db, env.contentTable, article, { body });

describe('the working-copy migrations', () => {
  it('split the words off old heads, keep one whose words differ, and join them back for an older release', async () => {
    const made: StoredArticle[] = [];
    for (const title of ['Tram depot plans', 'Swimming pool repairs', 'Allotment waiting list']) {
      const a = await newsroom.create(author, {
        title,
        section: 'city',
        body: paragraph(`${title}, in full.`),
        standfirst: `${title}: what changes.`,
        source: { name: 'Town hall' },
      });
      made.push(await newsroom.patch(author, a.id, a.version, { body: paragraph(`${title}, revised.`) }));
    }
    const [tram, pool, allotment] = made as [StoredArticle, StoredArticle, StoredArticle];
    await asLegacy(tram);
    await asLegacy(pool);
    // Words that are not its newest revision's: reads as they are, and the migration leaves them.
    await asLegacy(allotment, paragraph('Allotment waiting list, typed in by hand.'));
    const expected = [
      tram,
      pool,
      { ...allotment, body: paragraph('Allotment waiting list, typed in by hand.') },
    ];
    const reads = () => Promise.all(made.map((a) => store.get(a.id)));
    expect(await reads()).toEqual(expected);

    // A page of 1 item stops after one page; the cursor it reports finishes the run.
    const first = await migrateWorkingCopies({
      db,
      contentTable: env.contentTable,
      direction: 'split',
      pageSize: 1,
      maxPages: 1,
    });
    expect(first.next).not.toBeNull();
    const rest = await migrateWorkingCopies({
      db,
      contentTable: env.contentTable,
      direction: 'split',
      pageSize: 1,
      from: first.next ?? undefined,
    });
    expect(rest.next).toBeNull();
    expect(first.written + rest.written).toBe(2);
    expect([...first.kept, ...rest.kept]).toEqual([allotment.id]);
    expect(await head(tram.id)).not.toHaveProperty('body');
    expect((await head(pool.id)).contentInRevision).toBe(true);
    expect((await head(allotment.id)).body).toEqual(paragraph('Allotment waiting list, typed in by hand.'));
    expect(await reads()).toEqual(expected);

    const again = await migrateWorkingCopies({ db, contentTable: env.contentTable, direction: 'split' });
    expect(again.written).toBe(0);

    // Join: every head is whole again, readable by a release that knows nothing of revisions.
    const joined = await migrateWorkingCopies({ db, contentTable: env.contentTable, direction: 'join' });
    expect(joined.written).toBe(2);
    for (const [i, a] of made.entries()) {
      const stored = await head(a.id);
      expect(stored).not.toHaveProperty('contentInRevision');
      expect(parse.article(stored)).toEqual(expected[i]);
    }
    expect(await reads()).toEqual(expected);
    expect(
      (await migrateWorkingCopies({ db, contentTable: env.contentTable, direction: 'join' })).written,
    ).toBe(0);
  });

  it('rejects a cursor it did not print', async () => {
    await expect(
      migrateWorkingCopies({ db, contentTable: env.contentTable, direction: 'split', from: 'not-a-cursor' }),
    ).rejects.toThrow(/not a cursor split-working-copies printed/);
  });
});
