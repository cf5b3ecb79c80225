import { ENV, requireEnv } from '../env.ts';
import { createAuthorPages } from '../services/authors/index.ts';
import { AuthorReader } from '../store/authorStore.ts';
import type { createDocumentClient } from '../store/client.ts';

/** Authors' public pages: a profile is one GetItem, a page of their stories one Query. */
export const authorPagesFor = (db: ReturnType<typeof createDocumentClient>) =>
  createAuthorPages(new AuthorReader(db, requireEnv(ENV.contentTable)));
