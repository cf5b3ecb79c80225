import type { Principal } from '../shared/auth/principal.ts';
import type { Clock } from '../shared/clock.ts';
import { ulidFactory } from '../shared/clock.ts';
import { pollingSchedules } from '../shared/integrations/schedules.ts';
import { ArticleCreateSchema, ArticlePatchSchema } from '../shared/schemas/article.ts';
import { createNewsroom } from '../shared/services/articles/index.ts';
import { createAuthors } from '../shared/services/authors/index.ts';
import { createComments } from '../shared/services/comments/index.ts';
import type { ArticleStore, StoredArticle } from '../shared/store/articleStore.ts';
import type { CommentStore } from '../shared/store/commentStore.ts';
import { SEED_AUTHORS } from './authors.ts';
import { LEAD_STORY_COMMENTS } from './comments.ts';
import { SEED_ARTICLES } from './content.ts';
import type { SeedArticle, SeedComment } from './types.ts';

/** The local users the sample content belongs to; `npm run token -- --role author` acts as dev-author. */
export const SEED_USERS = {
  'dev-author': { sub: 'dev-author', roles: new Set(['author'] as const) },
  'dev-author-2': { sub: 'dev-author-2', roles: new Set(['author'] as const) },
  editor: { sub: 'dev-editor', roles: new Set(['editor'] as const) },
  moderator: { sub: 'dev-moderator', roles: new Set(['moderator'] as const) },
} satisfies Record<string, Principal>;

const MINUTE = 60 * 1000;

const HOUR = 60 * 60 * 1000;

/**
 * Loads the sample content into an empty store, through the same service the API uses, with a
 * clock set to each story's dateline so `publishedAt` reads like a real archive.
 * Returns the number of articles written, or 0 if the store was seeded before.
 */
export async function loadSeeds(
  store: ArticleStore,
  comments: CommentStore,
  articles: readonly SeedArticle[] = SEED_ARTICLES,
  thread: readonly SeedComment[] = LEAD_STORY_COMMENTS,
): Promise<number> {
  if (await store.isSeeded()) return 0;
  let current = new Date();
  const clock: Clock = { now: () => current };
  // Nothing is scheduled: the local poller's triggers. (Loaded before the local outbox relay
  // starts reading the streams, so the samples announce nothing.)
  const service = createNewsroom({
    closeAfterDays: async () => (await comments.getSettings())?.closeAfterDays ?? null,
    store,
    clock,
    newId: ulidFactory(),
    schedules: pollingSchedules,
  });
  const editor = SEED_USERS.editor;
  const authors = createAuthors({ store: store.authors, media: store.media, clock });
  for (const input of SEED_AUTHORS) await authors.create(editor, input);
  // A story bylined with a seeded author's name names the record too.
  const slugOf = new Map(SEED_AUTHORS.map((a) => [a.name, a.slug]));
  const withAuthors = (content: SeedArticle['content']) => {
    const slug = slugOf.get(content.byline ?? '');
    return slug && content.authors === undefined ? { ...content, authors: [slug] } : content;
  };

  const written: StoredArticle[] = [];
  for (const seed of articles) {
    const at = Date.parse(seed.at);
    if (Number.isNaN(at)) throw new Error(`Seed "${seed.content.title}" has an invalid date ${seed.at}`);
    const author = SEED_USERS[seed.author];
    const step = async (offsetHours: number, action: (a: StoredArticle) => Promise<StoredArticle>) => {
      current = new Date(at + offsetHours * HOUR);
      article = await action(article);
    };
    current = new Date(at - 5 * HOUR);
    let article = await service.create(author, ArticleCreateSchema.parse(withAuthors(seed.content)));
    written.push(article);
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
      await step(3, (a) => service.patch(author, a.id, a.version, ArticlePatchSchema.parse(seed.edits)));
    }
  }
  const lead = written[0] ? await store.get(written[0].id) : null;
  if (lead?.live && lead.publishedAt) await loadThread(lead, thread, store, comments);
  await store.markSeeded(new Date().toISOString());
  return articles.length;
}

/**
 * Posts the reader thread through the comment service, each comment from its own client and at
 * its own time, then moderates it into its seeded state.
 */
async function loadThread(
  article: StoredArticle,
  thread: readonly SeedComment[],
  store: ArticleStore,
  comments: CommentStore,
): Promise<void> {
  const publishedAt = Date.parse(article.publishedAt ?? '');
  let current = new Date(publishedAt);
  const service = createComments({
    comments,
    articles: store,
    clock: { now: () => current },
    newId: ulidFactory(),
    fingerprintSecret: 'seeds',
  });
  const ids = new Map<string, string>();
  const action = { approved: 'approve', rejected: 'reject', spam: 'spam' } as const;
  for (const seed of thread) {
    current = new Date(publishedAt + seed.minutesAfter * MINUTE);
    const parentId = seed.replyTo ? ids.get(seed.replyTo) : undefined;
    const { id } = await service.submit(
      article.slug,
      {
        authorName: seed.authorName,
        body: seed.body,
        ...(seed.authorEmail ? { authorEmail: seed.authorEmail } : {}),
        ...(parentId ? { parentId } : {}),
      },
      { ip: `seed-${seed.key}`, userAgent: 'seeds' },
    );
    ids.set(seed.key, id);
    if (seed.state === 'pending') continue;
    current = new Date(current.getTime() + 2 * MINUTE);
    const stored = await comments.get(id);
    // The rules may already have put it where it belongs (a link farm arrives as spam).
    if (stored?.status !== seed.state) {
      await service.moderate(SEED_USERS.moderator, id, { action: action[seed.state] });
    }
  }
}
