import type { z } from 'zod';
import type { ArticleCreateSchema, ArticlePatchSchema } from '../shared/schemas/article.ts';

/** Seeds are written as a client sends them (plain strings or spans); the loader validates them. */
type ArticleCreate = z.input<typeof ArticleCreateSchema>;
type ArticlePatch = z.input<typeof ArticlePatchSchema>;

/**
 * One sample article and where it stands in the workflow. The loader (seeds/load.ts) walks each
 * one through the real services, so seeds obey every rule the API does.
 */
export interface SeedArticle {
  /** Who wrote it: the local dev user id of an author (see seeds/load.ts SEED_USERS). */
  author: 'dev-author' | 'dev-author-2';
  /** The dateline: when it was first published (or, for unpublished states, created). ISO 8601 UTC. */
  at: string;
  content: ArticleCreate;
  /**
   * Where it ends up:
   * - 'published': live
   * - 'published_with_edits': live, then edited; `edits` is the unpublished change
   * - 'in_review': submitted, waiting for an editor
   * - 'draft': never submitted
   * - 'changes_requested': an editor sent it back with `note`
   */
  state: 'published' | 'published_with_edits' | 'in_review' | 'draft' | 'changes_requested';
  edits?: ArticlePatch;
  note?: string;
}

/**
 * A reader comment on a seeded article. The loader posts it through the comment service, then a
 * moderator gives it its `state`, in array order, so a reply's parent is approved before it.
 */
export interface SeedComment {
  /** A local name so replies can point at their parent. */
  key: string;
  /** The key of the comment this replies to (which must be approved). */
  replyTo?: string;
  authorName: string;
  authorEmail?: string;
  body: string;
  state: 'approved' | 'pending' | 'spam' | 'rejected';
  /** When it was posted, in minutes after the article went live. */
  minutesAfter: number;
}
