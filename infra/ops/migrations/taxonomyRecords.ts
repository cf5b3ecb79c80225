import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { nameOfSlug, type Section, type Tag } from '../../../shared/schemas/taxonomy.ts';
import { keys } from '../../../shared/store/keys.ts';
import { TaxonomyStore } from '../../../shared/store/taxonomyStore.ts';
import { scanPages } from './scanPages.ts';

/**
 * Sections and tags as records, from the free strings articles carried before them: a paged Scan
 * of the content table's working copies and live snapshots; each page's sections and tags that
 * have no record (and are not a renamed slug) get one, named after the slug, top-level, written by
 * `migration`. Editors then name, describe and arrange them in the console.
 *
 * Idempotent: a slug with a record (or a 301) is left alone, so a second run writes nothing.
 * Resumable: each page prints a cursor to start from (--from).
 */
export const TAXONOMY_RECORDS_MIGRATION = 'taxonomy-records';

export interface TaxonomyRecordsOptions {
  db: DynamoDBDocumentClient;
  contentTable: string;
  pageSize?: number;
  from?: string | undefined;
  maxPages?: number;
  log?: (line: string) => void;
  /** The time stamped on the records made (now by default). */
  now?: () => Date;
}

export interface TaxonomyRecordsReport {
  /** Working copies and live snapshots read. */
  articles: number;
  sectionsCreated: number;
  tagsCreated: number;
  pages: number;
  next: string | null;
}

export async function migrateTaxonomyRecords(
  options: TaxonomyRecordsOptions,
): Promise<TaxonomyRecordsReport> {
  const store = new TaxonomyStore(options.db, options.contentTable);
  const report = { articles: 0, sectionsCreated: 0, tagsCreated: 0 };
  const seen = { sections: new Set<string>(), tags: new Set<string>() };
  const run = await scanPages({
    ...options,
    name: TAXONOMY_RECORDS_MIGRATION,
    scan: {
      TableName: options.contentTable,
      FilterExpression: 'sk IN (:working, :live)',
      ProjectionExpression: '#section, tags',
      ExpressionAttributeNames: { '#section': 'section' },
      ExpressionAttributeValues: { ':working': keys.working('').sk, ':live': keys.liveSnapshot('').sk },
      ConsistentRead: true,
    },
    each: async (item) => {
      report.articles += 1;
      if (typeof item.section === 'string' && item.section) seen.sections.add(item.section);
      for (const tag of Array.isArray(item.tags) ? item.tags : []) {
        if (typeof tag === 'string' && tag) seen.tags.add(tag);
      }
    },
    // Each page's slugs are written before its cursor is printed: a resumed run misses none.
    afterPage: async () => {
      const at = (options.now?.() ?? new Date()).toISOString();
      report.sectionsCreated += await createFor(store, 'section', [...seen.sections], at);
      report.tagsCreated += await createFor(store, 'tag', [...seen.tags], at);
      seen.sections.clear();
      seen.tags.clear();
    },
  });
  if (run.next === null) {
    options.log?.(
      `${TAXONOMY_RECORDS_MIGRATION}: done (${report.articles} articles read; ${report.sectionsCreated} sections and ${report.tagsCreated} tags created)`,
    );
  }
  return { ...report, ...run };
}

/** Records for the slugs with none, leaving renamed slugs to their 301s. */
async function createFor(store: TaxonomyStore, kind: 'section' | 'tag', slugs: string[], at: string) {
  const moved = await store.movedMany(kind, slugs);
  const stamp = { version: 1, updatedAt: at, updatedBy: 'migration' };
  const records: (Section | Tag)[] = slugs
    .filter((slug) => !moved.has(slug))
    .map((slug) =>
      kind === 'section'
        ? {
            slug,
            name: nameOfSlug(slug),
            description: '',
            parent: null,
            seo: { title: '', description: '' },
            defaultAccess: null,
            ...stamp,
          }
        : { slug, name: nameOfSlug(slug), description: '', ...stamp },
    );
  return store.createMissing(kind, records);
}
