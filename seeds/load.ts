import type { Principal } from '../shared/auth/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { ulidFactory } from '../shared/clock.ts';
import { ArticleService } from '../shared/services/articleService.ts';
import type { ArticleStore, StoredArticle } from '../shared/store/articleStore.ts';
import { SEED_ARTICLES } from './content.ts';
import type { SeedArticle } from './types.ts';

/** The local users the sample content belongs to; `npm run token -- --role author` acts as dev-author. */
export const SEED_USERS = {
  'dev-author': { sub: 'dev-author', roles: new Set(['author'] as const) },
  'dev-author-2': { sub: 'dev-author-2', roles: new Set(['author'] as const) },
  editor: { sub: 'dev-editor', roles: new Set(['editor'] as const) },
} satisfies Record<string, Principal>;

const HOUR = 60 * 60 * 1000;

/**
 * Loads the sample content into an empty store, through the same service the API uses, with a
 * clock set to each story's dateline so `publishedAt` reads like a real archive.
 * Returns the number of articles written, or 0 if the store was seeded before.
 */
export async function loadSeeds(
  store: ArticleStore,
  articles: readonly SeedArticle[] = SEED_ARTICLES,
): Promise<number> {
  if (await store.isSeeded()) return 0;
  let current = new Date();
  const clock: Clock = { now: () => current };
  const service = new ArticleService({ store, clock, newId: ulidFactory() });
  const editor = SEED_USERS.editor;

  for (const seed of articles) {
    const at = Date.parse(seed.at);
    if (Number.isNaN(at)) throw new Error(`Seed "${seed.content.title}" has an invalid date ${seed.at}`);
    const author = SEED_USERS[seed.author];
    const step = async (offsetHours: number, action: (a: StoredArticle) => Promise<StoredArticle>) => {
      current = new Date(at + offsetHours * HOUR);
      article = await action(article);
    };
    current = new Date(at - 5 * HOUR);
    let article = await service.create(author, seed.content);
    if (seed.state === 'draft') continue;
    await step(-4, (a) => service.transition(author, a.id, a.version, { action: 'submit' }));
    if (seed.state === 'in_review') continue;
    if (seed.state === 'changes_requested') {
      await step(-3, (a) =>
        service.transition(editor, a.id, a.version, {
          action: 'request_changes',
          note: seed.note ?? 'Needs another pass.',
        }),
      );
      continue;
    }
    await step(-1, (a) => service.transition(editor, a.id, a.version, { action: 'approve' }));
    await step(0, (a) => service.transition(editor, a.id, a.version, { action: 'publish' }));
    if (seed.state === 'published_with_edits' && seed.edits) {
      await step(3, (a) => service.patch(author, a.id, a.version, seed.edits ?? {}));
    }
  }
  await store.markSeeded(new Date().toISOString());
  return articles.length;
}
