import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../../shared/store/keys.ts';
import { parse } from '../../../shared/store/model.ts';
import { SyndicationStore } from '../../../shared/store/syndicationWrites.ts';
import { feedEntryOf } from '../../../shared/syndication/entries.ts';
import { scanPages } from './scanPages.ts';

/**
 * Puts every live snapshot into its feeds and sitemaps, through the same store the relay uses: for
 * content stored before feeds existed, and for what `npm start` loads as sample content (the relay
 * starts past it). Idempotent: an entry put again replaces itself, and a month's count moves only
 * for an entry that was not there. Resumable like the other migrations (`next`).
 */
export const REBUILD_SYNDICATION_MIGRATION = 'rebuild-syndication';

export async function rebuildSyndication(options: {
  db: DynamoDBDocumentClient;
  contentTable: string;
  pageSize?: number | undefined;
  from?: string | undefined;
  maxPages?: number | undefined;
  log?: (line: string) => void;
}): Promise<{ live: number; pages: number; next: string | null }> {
  const store = new SyndicationStore(options.db, options.contentTable);
  let live = 0;
  const run = await scanPages({
    ...options,
    name: REBUILD_SYNDICATION_MIGRATION,
    scan: {
      TableName: options.contentTable,
      FilterExpression: 'sk = :live',
      ExpressionAttributeValues: { ':live': keys.liveSnapshot('').sk },
      ConsistentRead: true,
    },
    each: async (item) => {
      const entry = feedEntryOf(parse.snapshot(item));
      live += 1;
      await store.apply(null, entry, entry.updatedAt);
    },
  });
  return { live, ...run };
}
