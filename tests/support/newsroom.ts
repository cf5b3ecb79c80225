import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Principal } from '../../shared/auth/principal.ts';
import { type Clock, type IdFactory, systemClock, ulidFactory } from '../../shared/clock.ts';
import { pollingSchedules } from '../../shared/integrations/schedules.ts';
import { createNewsroom } from '../../shared/services/articles/index.ts';
import { ArticleStore, type StoredArticle } from '../../shared/store/articleStore.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { CommentStore } from '../../shared/store/commentStore.ts';
import { keys } from '../../shared/store/keys.ts';
import { createTestEnv, type TestEnv } from './env.ts';

export type Newsroom = ReturnType<typeof createNewsroom>;

/** What a storage test works on: this file's own tables, a client for them, the stores over it. */
export interface TestNewsroom {
  env: TestEnv;
  /** Destroy it in the file's afterAll (`afterAll(() => db?.destroy())`). */
  db: DynamoDBDocumentClient;
  store: ArticleStore;
  commentStore: CommentStore;
  /** The article service as the functions compose it: polling schedules, no comment closing. */
  newsroom: Newsroom;
}

/**
 * Fresh tables and the newsroom over them, for an integration test's beforeAll. The clock and the
 * id factory are the test's own when it controls time; middleware (request counters, injected
 * failures) can be added to `db` afterwards, before the first request.
 */
export async function testNewsroom(
  options: { clock?: Clock; newId?: IdFactory } = {},
): Promise<TestNewsroom> {
  const env = await createTestEnv();
  const db = createDocumentClient(env.endpoint);
  const store = new ArticleStore(db, env.contentTable, env.commentsTable);
  const commentStore = new CommentStore(db, env.commentsTable, env.contentTable);
  const newsroom = createNewsroom({
    closeAfterDays: async () => null,
    store,
    clock: options.clock ?? systemClock,
    newId: options.newId ?? ulidFactory(),
    schedules: pollingSchedules,
  });
  return { env, db, store, commentStore, newsroom };
}

/** The usual way live: submitted by its author, approved and published by an editor. */
export async function publishArticle(
  newsroom: Pick<Newsroom, 'transition'>,
  author: Principal,
  editor: Principal,
  article: Pick<StoredArticle, 'id' | 'version'>,
): Promise<StoredArticle> {
  const submitted = await newsroom.transition(author, article.id, article.version, { action: 'submit' });
  const approved = await newsroom.transition(editor, submitted.id, submitted.version, { action: 'approve' });
  return newsroom.transition(editor, approved.id, approved.version, { action: 'publish' });
}

type HeadWords = Pick<StoredArticle, 'body' | 'standfirst' | 'source' | 'seo' | 'leadImage'>;

/**
 * Rewrites an article's working-copy head as heads were stored before the split (see
 * shared/store/workingCopy.ts): its words on the head and no contentInRevision flag. The words are
 * the article's own unless given, so a test can also make a head whose words differ from its
 * newest revision's.
 */
export async function asLegacyHead(
  db: DynamoDBDocumentClient,
  table: string,
  article: StoredArticle,
  words: Partial<HeadWords> = {},
): Promise<void> {
  const { body, standfirst, source, seo, leadImage } = { ...article, ...words };
  await db.send(
    new UpdateCommand({
      TableName: table,
      Key: keys.working(article.id),
      UpdateExpression:
        'SET body = :body, standfirst = :standfirst, #source = :source, seo = :seo, leadImage = :lead REMOVE contentInRevision',
      ExpressionAttributeNames: { '#source': 'source' },
      ExpressionAttributeValues: {
        ':body': body,
        ':standfirst': standfirst,
        ':source': source,
        ':seo': seo,
        ':lead': leadImage,
      },
    }),
  );
}
