import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalOutbox, startLocalOutbox } from '../../infra/local/outbox.ts';
import type { Principal } from '../../shared/auth/principal.ts';
import { systemClock } from '../../shared/clock.ts';
import { purgePathsOf } from '../../shared/integrations/cdnPaths.ts';
import { type CmsEvent, changeOf, eventsOf } from '../../shared/integrations/outbox.ts';
import { createAuthors } from '../../shared/services/authors/index.ts';
import { createSiteSettings } from '../../shared/services/siteSettings.ts';
import { createTaxonomy } from '../../shared/services/taxonomy.ts';
import { ArticleStore } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { SiteSettingsStore } from '../../shared/store/siteSettingsStore.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';

/**
 * Record edits through the real services, on DynamoDB Local's real stream, read by the local
 * outbox poller: which events each save announces, and the CDN paths they purge.
 */
let env: TestEnv;
let db: ReturnType<typeof createDocumentClient>;
let outbox: LocalOutbox;
let seen: CmsEvent[] = [];
const editor: Principal = { sub: 'desk-1', roles: new Set(['editor']) };
const admin: Principal = { sub: 'admin-1', roles: new Set(['admin']) };

async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    const change = changeOf(record as never);
    if (change) seen.push(...eventsOf(change));
  }
  return { batchItemFailures: [] };
}

/** What the writes since the last call announced, as `type slug/id version`. */
async function announced(): Promise<string[]> {
  await outbox.drain();
  const names = seen.map(
    (e) => `${e.type} ${e.detail.slug ?? e.detail.id}${'removed' in e.detail ? ' removed' : ''}`,
  );
  return names;
}
const take = () => {
  const events = seen;
  seen = [];
  return events;
};

let taxonomy: ReturnType<typeof createTaxonomy>;
let authors: ReturnType<typeof createAuthors>;
let site: ReturnType<typeof createSiteSettings>;

beforeAll(async () => {
  env = await createTestEnv();
  db = createDocumentClient(env.endpoint);
  const store = new ArticleStore(db, env.contentTable, env.commentsTable);
  taxonomy = createTaxonomy({ store: store.taxonomy, clock: systemClock });
  authors = createAuthors({ store: store.authors, media: store.media, clock: systemClock });
  site = createSiteSettings({ store: new SiteSettingsStore(db, env.contentTable), clock: systemClock });
  outbox = await startLocalOutbox({
    endpoint: env.endpoint,
    tables: [env.contentTable],
    handler,
    intervalMs: 0,
    deadLetterFile: join(mkdtempSync(join(tmpdir(), 'cms-records-')), 'dead.log'),
  });
});
afterAll(async () => {
  await outbox?.stop();
  db?.destroy();
});

describe('record edits on the outbox', () => {
  it('a section: one event per change, none for a save that changes nothing; its paths', async () => {
    const created = await taxonomy.createSection(editor, { slug: 'rec-harbour', name: 'Harbour' });
    expect(await announced()).toEqual(['SectionChanged rec-harbour']);
    take();
    const renamed = await taxonomy.updateSection(editor, 'rec-harbour', created.version, {
      name: 'Harbour & docks',
      seo: { title: 'Harbour news', description: '' },
    });
    expect(await announced()).toEqual(['SectionChanged rec-harbour']);
    expect(purgePathsOf(take())).toEqual(['/v1/sections*']);
    // The same values saved again: the record's version moves, nothing a reader sees does.
    const again = await taxonomy.updateSection(editor, 'rec-harbour', renamed.version, {
      name: 'Harbour & docks',
    });
    expect(await announced()).toEqual([]);
    // A new slug: the new record appears and the old one goes, in one transaction.
    await taxonomy.updateSection(editor, 'rec-harbour', again.version, { slug: 'rec-docks' });
    expect((await announced()).sort()).toEqual([
      'SectionChanged rec-docks',
      'SectionChanged rec-harbour removed',
    ]);
    expect(purgePathsOf(take())).toEqual(['/v1/sections*']);
  });

  it('a tag: one event per change, none on a no-op save', async () => {
    const tag = await taxonomy.createTag(editor, { slug: 'rec-ferries', name: 'Ferries' });
    await announced();
    take();
    const described = await taxonomy.updateTag(editor, 'rec-ferries', tag.version, { description: 'Boats' });
    expect(await announced()).toEqual(['TagChanged rec-ferries']);
    expect(purgePathsOf(take())).toEqual(['/v1/tags*']);
    await taxonomy.updateTag(editor, 'rec-ferries', described.version, { description: 'Boats' });
    expect(await announced()).toEqual([]);
  });

  it("an author's profile: its page and stories are purged; a no-op save announces nothing", async () => {
    const author = await authors.create(editor, { slug: 'rec-maren', name: 'Maren Holloway' });
    await announced();
    take();
    const changed = await authors.patch(editor, 'rec-maren', author.version, { bio: 'Covers the port.' });
    expect(await announced()).toEqual(['AuthorChanged rec-maren']);
    expect(purgePathsOf(take())).toEqual(['/v1/authors/rec-maren*']);
    await authors.patch(editor, 'rec-maren', changed.version, { bio: 'Covers the port.' });
    expect(await announced()).toEqual([]);
  });

  it('the site settings: one wildcard for everything; the same settings saved again announce nothing', async () => {
    const settings = {
      baseUrl: 'https://news.example.org',
      articlePath: '/{section}/{slug}',
      publicationName: 'Port Aldry Courier',
      language: 'en',
      fullBodyInFeeds: false,
    };
    await site.put(admin, settings);
    expect(await announced()).toEqual(['SiteSettingsChanged site']);
    take();
    await site.put(admin, { ...settings, fullBodyInFeeds: true });
    expect(await announced()).toEqual(['SiteSettingsChanged site']);
    expect(purgePathsOf(take())).toEqual(['/v1/*']);
    await site.put(admin, { ...settings, fullBodyInFeeds: true });
    expect(await announced()).toEqual([]);
  });
});
