import { sectionRecord } from '../../seeds/taxonomy.ts';
import type { ApiClient } from '../../shared/contract/client.ts';
import { nameOfSlug } from '../../shared/schemas/taxonomy.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { TaxonomyStore } from '../../shared/store/taxonomyStore.ts';
import type { TestEnv } from './env.ts';

/**
 * The sections tests' articles name, created as records before a test file's first request
 * (articles must name an existing section): every file's fixtures in one list, written in one
 * BatchGetItem and one BatchWriteItem, so the cost is a few milliseconds per file.
 */
export const TEST_SECTIONS: readonly string[] = [
  'city',
  'sport',
  'culture',
  'transport',
  'politics',
  'garden',
  'business',
  'archive',
  'weather',
  'science',
  'harbour',
  'engineering',
  'counted',
  'c',
  'nature',
  'courts',
  'money',
  'pin-city',
  'sched-city',
  'expiry-city',
  'dark-city',
  'elsewhere',
];

export async function createTestSections(
  env: Pick<TestEnv, 'endpoint' | 'contentTable'>,
  slugs: readonly string[],
): Promise<void> {
  const db = createDocumentClient(env.endpoint);
  try {
    const store = new TaxonomyStore(db, env.contentTable);
    await store.createMissing(
      'section',
      slugs.map((slug) => sectionRecord({ slug, name: nameOfSlug(slug), description: '', parent: null })),
    );
  } finally {
    db.destroy();
  }
}

/** A section created over the API by an editor's client (for tests of sections themselves). */
export async function createSection(
  editor: ApiClient,
  body: { slug: string; name: string; parent?: string | null; description?: string },
) {
  const { data, response, error } = await editor.POST('/v1/admin/sections', { body });
  if (response.status !== 201) throw new Error(`createSection ${response.status}: ${JSON.stringify(error)}`);
  return data as NonNullable<typeof data>;
}
