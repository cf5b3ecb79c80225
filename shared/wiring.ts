import { systemClock, ulidFactory } from './clock.ts';
import { ENV, optionalEnv, requireEnv } from './env.ts';
import { ArticleService } from './services/articleService.ts';
import { CommentService } from './services/commentService.ts';
import { PublicService } from './services/publicService.ts';
import { ArticleStore } from './store/articleStore.ts';
import { createDocumentClient } from './store/client.ts';
import { CommentStore } from './store/commentStore.ts';
import { createCursorCodec } from './store/cursor.ts';

/**
 * Composition from the environment, for Lambda entry points. Called at module scope so a missing
 * variable fails the cold start, not a request, and the clients are reused across invocations.
 */
export function contentFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  return {
    db,
    store: new ArticleStore(db, requireEnv(ENV.contentTable)),
    cursors: createCursorCodec(requireEnv(ENV.cursorSecret)),
  };
}

function commentStoreFor(db: ReturnType<typeof createDocumentClient>) {
  return new CommentStore(db, requireEnv(ENV.commentsTable), requireEnv(ENV.contentTable));
}

export function commentsFromEnv() {
  const { db, store, cursors } = contentFromEnv();
  const comments = new CommentService({
    comments: commentStoreFor(db),
    articles: store,
    clock: systemClock,
    newId: ulidFactory(),
    fingerprintSecret: requireEnv(ENV.cursorSecret),
  });
  return { comments, cursors };
}

export function editorialFromEnv() {
  const { store, cursors } = contentFromEnv();
  return { articles: new ArticleService({ store, clock: systemClock, newId: ulidFactory() }), cursors };
}

export function publicFromEnv() {
  const { db, store, cursors } = contentFromEnv();
  return { articles: new PublicService(store), comments: commentStoreFor(db), cursors };
}
