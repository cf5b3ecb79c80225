import type { Clock, IdFactory } from '../../clock.ts';
import type { SearchIndex } from '../../search/searchIndex.ts';
import type { ArticleStore } from '../../store/articleStore.ts';
import type { CommentStore, StoredComment } from '../../store/commentStore.ts';
import { CommentWrites } from '../../store/comments/commentWrites.ts';
import type { Page } from '../../store/query.ts';
import { createBans } from './bans.ts';
import { createModeratorDesk } from './desk.ts';
import { createModeration } from './moderation.ts';
import { createReplyContext } from './replyContext.ts';
import { createReports } from './reports.ts';
import { createCommentSearch } from './search.ts';
import { createSettings } from './settings.ts';
import { createSubmission } from './submission.ts';
import { createThreads } from './threads.ts';

/**
 * The comment use cases, composed per caller like the article ones (../articles/index.ts), each
 * small module taking exactly the dependencies it uses:
 *   submission.ts  a reader posts (policy.ts decides where it goes, identity.ts who it is from)
 *   reports.ts     a reader reports; enough reports hold a comment back
 *   moderation.ts  decisions, bulk decisions, undo (decisions.ts plans them), the log, erasure
 *   bans.ts        ban a commenter (rejecting their pending comments), list, revoke
 *   threads.ts     close and reopen an article's comments
 *   desk.ts        the queues, their counts, a commenter's history; search.ts the queues' search
 *   settings.ts    the moderation settings and their defaults
 * The stores they write through are in shared/store/comments/ (commentWrites.ts, one transaction
 * a write, with the counts it moves).
 */
export interface CommentDeps {
  comments: CommentStore;
  articles: ArticleStore;
  clock: Clock;
  newId: IdFactory;
  /**
   * Keys the client fingerprint, the address and the email's hash, so a stored hash cannot be
   * reversed by guessing.
   */
  fingerprintSecret: string;
}

/** What readers do: post a comment and report one (the commentSubmit function). */
export function createCommentSubmission(deps: CommentDeps) {
  const writes = new CommentWrites(deps.comments);
  const { settings } = createSettings(deps);
  return { ...createSubmission({ ...deps, writes }), ...createReports({ ...deps, settings }) };
}

/** Every comment use case but the queues' search (which needs the search index): seeds and tests. */
export function createComments(deps: CommentDeps) {
  const writes = new CommentWrites(deps.comments);
  const settings = createSettings(deps);
  const moderation = createModeration({ ...deps, writes });
  return {
    ...settings,
    ...createSubmission({ ...deps, writes }),
    ...createReports({ ...deps, settings: settings.settings }),
    ...moderation,
    ...createBans({ ...deps, moderation }),
    ...createThreads({ ...deps, writes }),
    ...createModeratorDesk(deps),
  };
}

/**
 * The moderation function: what moderators and admins do, the queues' search included. Its queues'
 * pages carry, on each reply, the comment it answers (replyContext.ts).
 */
export function createCommentModeration(deps: CommentDeps & { search: SearchIndex }) {
  const all = createComments(deps);
  const search = createCommentSearch(deps);
  const withReplyContext = createReplyContext(deps.comments);
  // A queue read, its page then given each reply's context.
  const inContext =
    <A extends unknown[], C extends StoredComment>(read: (...args: A) => Promise<Page<C>>) =>
    async (...args: A) =>
      withReplyContext(await read(...args));
  return {
    ...all,
    queue: inContext(all.queue),
    reported: inContext(all.reported),
    searchQueue: inContext(search),
  };
}

export type Comments = ReturnType<typeof createComments>;
export type { ClientInfo } from './identity.ts';
export type { ModerationResult } from './moderation.ts';
export { DEFAULT_COMMENT_SETTINGS } from './settings.ts';
