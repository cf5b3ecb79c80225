import { systemClock, ulidFactory } from './clock.ts';
import { ENV, optionalEnv, requireEnv } from './env.ts';
import { ArticleService } from './services/articleService.ts';
import { PublicService } from './services/publicService.ts';
import { ArticleStore } from './store/articleStore.ts';
import { createDocumentClient } from './store/client.ts';
import { createCursorCodec } from './store/cursor.ts';

/**
 * Composition from the environment, for Lambda entry points. Called at module scope so a missing
 * variable fails the cold start, not a request, and the clients are reused across invocations.
 */
export function contentFromEnv() {
  const db = createDocumentClient(optionalEnv(ENV.dynamodbEndpoint));
  return {
    store: new ArticleStore(db, requireEnv(ENV.contentTable)),
    cursors: createCursorCodec(requireEnv(ENV.cursorSecret)),
  };
}

export function editorialFromEnv() {
  const { store, cursors } = contentFromEnv();
  return { articles: new ArticleService({ store, clock: systemClock, newId: ulidFactory() }), cursors };
}

export function publicFromEnv() {
  const { store, cursors } = contentFromEnv();
  return { articles: new PublicService(store), cursors };
}
