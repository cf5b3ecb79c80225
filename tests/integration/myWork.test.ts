import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Newsroom, testNewsroom } from '../support/newsroom.ts';
import { recordRequests } from '../support/requests.ts';

/**
 * What the console's My work screen costs: one list request per tab (drafts, returned, in review),
 * each filtered to the author and a status. Counted on the client's middleware stack against
 * DynamoDB Local: the tabs' counts come from these same reads, no count query of their own.
 */
let db: DynamoDBDocumentClient;
let newsroom: Newsroom;
let sent: string[] = [];
const author: Principal = { sub: 'work-writer', roles: new Set(['author']) };
const otherAuthor: Principal = { sub: 'work-other', roles: new Set(['author']) };
const editor: Principal = { sub: 'work-desk', roles: new Set(['editor']) };
const body = [{ type: 'paragraph' as const, text: [{ text: 'Mine.', marks: [] }] }];

beforeAll(async () => {
  const fixture = await testNewsroom();
  ({ db, newsroom } = fixture);
  sent = recordRequests(db);
  const make = (who: Principal, title: string) => newsroom.create(who, { title, section: 'city', body });
  for (let i = 0; i < 3; i += 1) await make(author, `Draft ${i}`);
  const returned = await make(author, 'Returned');
  const r1 = await newsroom.transition(author, returned.id, returned.version, { action: 'submit' });
  await newsroom.transition(editor, r1.id, r1.version, { action: 'request_changes', note: 'Add a source.' });
  for (const title of ['In review 1', 'In review 2']) {
    const draft = await make(author, title);
    await newsroom.transition(author, draft.id, draft.version, { action: 'submit' });
  }
  await make(otherAuthor, 'Someone else’s draft');
});
afterAll(() => db?.destroy());

describe('My work', () => {
  it('lists each tab with one Query on the author index and two batch reads (heads, then their words), and counts from them', async () => {
    const tabs = ['draft', 'changes_requested', 'in_review'] as const;
    const counts: Record<string, number> = {};
    const requests: Record<string, string[]> = {};
    for (const status of tabs) {
      sent.length = 0;
      const page = await newsroom.list(author, { status, createdBy: author.sub }, 100, undefined);
      requests[status] = [...sent];
      counts[status] = page.items.length;
      expect(page.items.every((a) => a.createdBy === author.sub && a.status === status)).toBe(true);
    }
    expect(counts).toEqual({ draft: 3, changes_requested: 1, in_review: 2 });
    for (const status of tabs) expect(requests[status]).toEqual(['Query', 'BatchGetItem', 'BatchGetItem']);
  });

  it('an empty tab is a single Query', async () => {
    sent.length = 0;
    const page = await newsroom.list(author, { status: 'approved', createdBy: author.sub }, 100, undefined);
    expect(page.items).toEqual([]);
    expect(sent).toEqual(['Query']);
  });
});
