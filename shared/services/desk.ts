import { canSeeArticle } from '../auth/permissions.ts';
import type { Principal } from '../auth/principal.ts';
import type { Clock } from '../clock.ts';
import { NotFoundError, PayloadTooLargeError } from '../errors.ts';
import {
  type Autosave,
  type AutosaveInput,
  DESK_LIMITS,
  type NewArticleAutosave,
  type NewArticleAutosaveInput,
  type PresenceDesk,
  type PresenceList,
} from '../schemas/desk.ts';
import type { ArticleAccess, DeskStore } from '../store/deskStore.ts';
import { assertEditable, notFound } from './articles/checks.ts';

const DAY_SECONDS = 24 * 60 * 60;

/**
 * The writing desk: autosaves (one private item per person and article, never a revision) and who
 * else has an article open. Whoever may see an article may say they are there; only whoever may
 * edit it now may autosave it. Reading or discarding an autosave needs only that the article is
 * still visible: it is the caller's own work, under their own key.
 */
export function createDesk({
  desk,
  clock,
  mayJoinLive = async () => false,
}: {
  desk: DeskStore;
  clock: Clock;
  /**
   * Whether the caller may be on the article's live desk (editors, the coverage's contributors;
   * false without coverage). Contributors may not see the working copy, so this is its own check.
   */
  mayJoinLive?: (principal: Principal, id: string) => Promise<boolean>;
}) {
  const nowEpoch = () => Math.floor(clock.now().getTime() / 1000);

  /** 404 for an article the caller may not see, as everywhere: its existence is not theirs to learn. */
  async function visible(principal: Principal, id: string): Promise<ArticleAccess> {
    const article = await desk.articleAccess(id);
    if (!article || !canSeeArticle(principal, article)) throw notFound(id);
    return article;
  }

  /**
   * The presence line a heartbeat belongs to. The live desk's line is kept apart from the editor's
   * (under `live-<id>`, never an article id), so neither shows the other's people.
   */
  async function presenceSlot(principal: Principal, id: string, where: PresenceDesk): Promise<string> {
    if (where === 'article') {
      await visible(principal, id);
      return id;
    }
    if (!(await mayJoinLive(principal, id))) throw notFound(id);
    return `live-${id}`;
  }

  return {
    async autosave(principal: Principal, id: string, input: AutosaveInput): Promise<void> {
      assertAutosaveSize(input.content);
      const article = await visible(principal, id);
      assertEditable(article.status, 'autosaved');
      const now = clock.now();
      await desk.putAutosave({
        articleId: id,
        sub: principal.sub,
        baseVersion: input.baseVersion,
        content: input.content,
        savedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + DESK_LIMITS.autosaveDays * DAY_SECONDS,
      });
    },

    async readAutosave(principal: Principal, id: string): Promise<Autosave> {
      // Both reads at once: the caller's key alone decides whose autosave it is.
      const [, found] = await Promise.all([
        visible(principal, id),
        desk.getAutosave(id, principal.sub, nowEpoch()),
      ]);
      if (!found) throw new NotFoundError(`You have no autosaved edits of article ${id}.`);
      return {
        articleId: found.articleId,
        baseVersion: found.baseVersion,
        content: found.content,
        savedAt: found.savedAt,
        expiresAt: new Date(found.expiresAt * 1000).toISOString(),
      };
    },

    async discardAutosave(principal: Principal, id: string): Promise<void> {
      await visible(principal, id);
      await desk.deleteAutosave(id, principal.sub);
    },

    /**
     * A story before its first save: kept under the caller's own pseudo-article, `new-<sub>` (never
     * an article id, which is a ULID), so it is theirs alone and needs no article to exist.
     */
    async autosaveNew(principal: Principal, input: NewArticleAutosaveInput): Promise<void> {
      assertAutosaveSize(input.content);
      const now = clock.now();
      await desk.putAutosave({
        articleId: newArticleSlot(principal),
        sub: principal.sub,
        baseVersion: 0,
        content: input.content,
        savedAt: now.toISOString(),
        expiresAt: Math.floor(now.getTime() / 1000) + DESK_LIMITS.autosaveDays * DAY_SECONDS,
      });
    },

    async readNewAutosave(principal: Principal): Promise<NewArticleAutosave> {
      const found = await desk.getAutosave(newArticleSlot(principal), principal.sub, nowEpoch());
      if (!found) throw new NotFoundError('You have no unsaved new article.');
      return {
        content: found.content,
        savedAt: found.savedAt,
        expiresAt: new Date(found.expiresAt * 1000).toISOString(),
      };
    },

    async discardNewAutosave(principal: Principal): Promise<void> {
      await desk.deleteAutosave(newArticleSlot(principal), principal.sub);
    },

    /** Records the caller's heartbeat and answers who else is there. */
    async heartbeat(
      principal: Principal,
      id: string,
      unsaved: boolean,
      where: PresenceDesk = 'article',
    ): Promise<PresenceList> {
      const now = clock.now();
      const epoch = Math.floor(now.getTime() / 1000);
      const slot = where === 'article' ? id : `live-${id}`;
      const [, present] = await Promise.all([
        presenceSlot(principal, id, where),
        desk.listPresence(slot, epoch),
      ]);
      await desk.putPresence({
        articleId: slot,
        sub: principal.sub,
        unsaved,
        seenAt: now.toISOString(),
        expiresAt: epoch + DESK_LIMITS.presenceSeconds,
      });
      return {
        items: present
          .filter((p) => p.sub !== principal.sub)
          .map((p) => ({ user: p.sub, unsaved: p.unsaved, seenAt: p.seenAt })),
        heartbeatSeconds: DESK_LIMITS.heartbeatSeconds,
      };
    },

    /** The caller closed the article: others stop seeing them at once, not a minute later. */
    async leave(principal: Principal, id: string, where: PresenceDesk = 'article'): Promise<void> {
      await desk.deletePresence(await presenceSlot(principal, id, where), principal.sub);
    },
  };
}
export type Desk = ReturnType<typeof createDesk>;

function assertAutosaveSize(content: string): void {
  const bytes = Buffer.byteLength(content);
  if (bytes > DESK_LIMITS.autosaveBytes) {
    throw new PayloadTooLargeError(
      `The autosave is ${bytes} bytes; the limit is ${DESK_LIMITS.autosaveBytes}, as for an article.`,
    );
  }
}

const newArticleSlot = (principal: Principal) => `new-${principal.sub}`;
