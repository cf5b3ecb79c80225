import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import type { Clock } from '../../shared/clock.ts';
import { PayloadTooLargeError } from '../../shared/errors.ts';
import { DESK_LIMITS } from '../../shared/schemas/desk.ts';
import { createDesk, type Desk } from '../../shared/services/desk.ts';
import { DeskStore } from '../../shared/store/deskStore.ts';
import { keys } from '../../shared/store/keys.ts';
import { type TestNewsroom, testNewsroom } from '../support/newsroom.ts';
import { recordRequests } from '../support/requests.ts';

/**
 * The desk's store and service against DynamoDB Local: what each call costs in requests, and that
 * expired items are absent although DynamoDB's TTL has not deleted them yet (it deletes lazily).
 */
let fixture: TestNewsroom;
let desk: Desk;
let sent: string[];
let now = new Date('2026-12-07T10:42:00Z');
const clock: Clock = { now: () => now };
const author: Principal = { sub: 'desk-writer', roles: new Set(['author']) };
const editor: Principal = { sub: 'desk-editor', roles: new Set(['editor']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'Desk.', marks: [] }] }];

beforeAll(async () => {
  fixture = await testNewsroom({ clock: { now: () => new Date() } });
  desk = createDesk({ desk: new DeskStore(fixture.db, fixture.env.contentTable), clock });
  sent = recordRequests(fixture.db);
});
afterAll(() => fixture?.db.destroy());
beforeEach(() => {
  now = new Date('2026-12-07T10:42:00Z');
});

async function counted(work: () => Promise<unknown>): Promise<string[]> {
  sent.length = 0;
  await work();
  return [...sent].sort();
}

const article = () =>
  fixture.newsroom.create(author, { title: `Desk ${Math.random()}`, section: 'city', body });

describe('request counts', () => {
  it('an autosave is one small GetItem and one PutItem; reading it two GetItems; discarding a GetItem and a DeleteItem', async () => {
    const { id, version } = await article();
    const input = { baseVersion: version, content: '{"title":"Counted"}' };
    expect(await counted(() => desk.autosave(author, id, input))).toEqual(['GetItem', 'PutItem']);
    expect(await counted(() => desk.readAutosave(author, id))).toEqual(['GetItem', 'GetItem']);
    expect(await counted(() => desk.discardAutosave(author, id))).toEqual(['DeleteItem', 'GetItem']);
  });

  it('a heartbeat is a GetItem and a Query at once, then a PutItem; leaving a GetItem and a DeleteItem', async () => {
    const { id } = await article();
    expect(await counted(() => desk.heartbeat(author, id, false))).toEqual(['GetItem', 'PutItem', 'Query']);
    expect(await counted(() => desk.leave(author, id))).toEqual(['DeleteItem', 'GetItem']);
  });
});

describe('expiry', () => {
  it('a heartbeat counts for presenceSeconds, though its item outlives it until TTL gets to it', async () => {
    const { id } = await article();
    await desk.heartbeat(editor, id, true);
    now = new Date(now.getTime() + (DESK_LIMITS.presenceSeconds - 1) * 1000);
    expect((await desk.heartbeat(author, id, false)).items).toEqual([
      { user: 'desk-editor', unsaved: true, seenAt: '2026-12-07T10:42:00.000Z' },
    ]);
    now = new Date(now.getTime() + 2000);
    expect((await desk.heartbeat(author, id, false)).items).toEqual([]);
    const { Item } = await fixture.db.send(
      new GetCommand({ TableName: fixture.env.contentTable, Key: keys.presence(id, editor.sub) }),
    );
    expect(Item).toBeDefined();
  });

  it('an autosave older than 30 days is gone for its writer, whatever TTL has done', async () => {
    const { id, version } = await article();
    await desk.autosave(author, id, { baseVersion: version, content: '{"title":"Old"}' });
    now = new Date(now.getTime() + DESK_LIMITS.autosaveDays * 86_400_000 - 1000);
    expect((await desk.readAutosave(author, id)).content).toBe('{"title":"Old"}');
    now = new Date(now.getTime() + 1000);
    await expect(desk.readAutosave(author, id)).rejects.toMatchObject({ status: 404 });
  });

  it('the items stay out of the working copy: the article reads as before and deleting it takes them', async () => {
    const created = await article();
    await desk.autosave(author, created.id, { baseVersion: created.version, content: '{"title":"x"}' });
    await desk.heartbeat(author, created.id, true);
    expect(await fixture.store.get(created.id)).toEqual(created);
    await fixture.newsroom.remove(author, created.id, created.version);
    for (const key of [keys.autosave(created.id, author.sub), keys.presence(created.id, author.sub)]) {
      const { Item } = await fixture.db.send(
        new GetCommand({ TableName: fixture.env.contentTable, Key: key }),
      );
      expect(Item).toBeUndefined();
    }
  });
});

it('refuses an autosave larger than an article may be, before any request', async () => {
  const { id, version } = await article();
  const content = JSON.stringify({ body: 'é'.repeat(DESK_LIMITS.autosaveBytes / 2) });
  sent.length = 0;
  await expect(desk.autosave(author, id, { baseVersion: version, content })).rejects.toBeInstanceOf(
    PayloadTooLargeError,
  );
  expect(sent).toEqual([]);
});
