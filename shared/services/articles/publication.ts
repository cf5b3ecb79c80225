import { ConflictError } from '../../errors.ts';
import { log } from '../../log.ts';
import type { CorrectionRecord, PublicCorrection } from '../../schemas/articleCorrections.ts';
import type { HistoryEntry } from '../../schemas/articleHistory.ts';
import type { Author } from '../../schemas/author.ts';
import type { Media } from '../../schemas/media.ts';
import type { ArticleStore, StoredArticle, StoredSnapshot } from '../../store/articleStore.ts';
import { FIELDS } from '../../store/model.ts';
import { pick } from '../../store/parse.ts';
import { articleAuthorsOf, knownAuthorsOf } from '../authors/refs.ts';
import { asApproved, readyMediaOf, resolveMedia } from '../media/references.ts';
import { liveSlugOf, slugMoveOf } from './slugMoves.ts';
import { revisionOf } from './versions.ts';

export type Publication = ReturnType<typeof createPublication>;

/**
 * Going live and going dark: the snapshot, its feed entries, the working copy, a revision and the
 * audit entry in one transaction. Nothing is announced from here: the snapshot's appearance, new
 * version or removal on the table's stream is the event (shared/integrations/outbox.ts), so a
 * committed write cannot go unannounced and a refused one cannot be announced.
 */
export interface PublicationDeps {
  store: ArticleStore;
  /**
   * The closeAfterDays comment setting (null: never), read at an article's first publication to
   * stamp when its comments close.
   */
  closeAfterDays: () => Promise<number | null>;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function createPublication({ store, closeAfterDays }: PublicationDeps) {
  return {
    async goLive(article: StoredArticle, next: StoredArticle, audit: HistoryEntry): Promise<StoredArticle> {
      const liveSlug = liveSlugOf(article);
      const [previous, days] = await Promise.all([
        article.live && liveSlug !== null ? store.getSnapshot(liveSlug, true) : null,
        article.everLive ? null : closeAfterDays(),
      ]);
      next.live = true;
      next.everLive = true;
      next.hasUnpublishedChanges = false;
      next.scheduledFor = null;
      // A live update keeps the original publication time; going live again after an unpublish
      // is a new publication.
      next.publishedAt = previous?.publishedAt ?? audit.at;
      next.revisionCount = article.revisionCount + 1;
      // First publication: comments close closeAfterDays later (if set); a later publication
      // keeps what was decided then, or by hand since.
      if (!article.everLive) {
        next.commentsCloseAt =
          days === null ? null : new Date(Date.parse(audit.at) + days * DAY_MS).toISOString();
      }
      // Library images are resolved now, into the snapshot: the public read stays one GetItem. Their
      // words are those the approval saw (references.ts: approvalPin).
      // Authors too: as they are now (a 422 naming authors.<i> if one was deleted since the edit).
      const [images, authors] = await Promise.all([
        readyMediaOf(store.media, next).then((found) => asApproved(store.media, found, next.approvedMedia)),
        knownAuthorsOf(store.authors, next.authors),
      ]);
      // A slug changed since readers last had it moves now (docs/slugs.md): the old one redirects.
      // Back from dark at the same slug, its earlier slugs (deleted with it) redirect again.
      const move =
        slugMoveOf(article, next.slug, audit.at) ??
        (!previous && liveSlug !== null && article.redirects.length > 0
          ? { from: liveSlug, redirects: article.redirects }
          : null);
      next.liveSlug = next.slug;
      if (move) next.redirects = move.redirects;
      const snapshot = snapshotOf(next, { at: audit.at }, images, authors);
      // What the comment side keeps travels with the snapshot to its new key.
      if (move && previous) {
        snapshot.commentCount = previous.commentCount;
        snapshot.featuredCount = previous.featuredCount;
        snapshot.commentsCloseAt = previous.commentsCloseAt;
      }
      await store.commit({
        article: next,
        expectedVersion: article.version,
        audit,
        revision: revisionOf(next, 'publish', audit),
        goLive: { snapshot, previous, ...(move ? { move } : {}) },
        ...(article.everLive ? {} : { stampCommentsCloseAt: true as const }),
      });
      // The thread and the entries follow a moved story; any publication of a story that ever moved
      // resumes a move left unfinished (a failure, or more than one call's worth).
      if (next.redirects.length > 0) {
        await followThread(store, next);
        await followEntries(store, next);
      }
      return next;
    },

    /**
     * A correction on a live article: the live snapshot keeps its words (the working copy may hold
     * edits not yet published) and gains the correction at once; the working copy records it.
     */
    async republishCorrections(
      article: StoredArticle,
      next: StoredArticle,
      audit: HistoryEntry,
    ): Promise<StoredArticle> {
      const previous = await store.getSnapshot(liveSlugOf(article) ?? article.slug, true);
      if (!previous) throw new ConflictError('The article has no live version to correct.');
      const snapshot: StoredSnapshot = {
        ...previous,
        corrections: publicCorrections(next.corrections),
        updatedAt: audit.at,
        version: next.version,
      };
      await store.commit({
        article: next,
        expectedVersion: article.version,
        audit,
        goLive: { snapshot, previous },
      });
      return next;
    },

    /** The caller removes the triggers that no longer apply (see Triggers.dropPending). */
    async goDark(article: StoredArticle, next: StoredArticle, audit: HistoryEntry): Promise<StoredArticle> {
      const previous = await store.getSnapshot(liveSlugOf(article) ?? article.slug, true);
      next.live = false;
      next.hasUnpublishedChanges = false;
      next.scheduledFor = null;
      next.unpublishAt = null;
      await store.commit({
        article: next,
        expectedVersion: article.version,
        audit,
        // Its earlier slugs go dark with it (404), keeping their claims for when it is back.
        ...(previous ? { goDark: { previous, redirects: article.redirects.map((r) => r.from) } } : {}),
      });
      await revokePreviews(store, article.id);
      return next;
    },
  };
}

/** Readers see what was corrected and when; who did it is the newsroom's record (history). */
export const publicCorrections = (corrections: readonly CorrectionRecord[]): PublicCorrection[] =>
  corrections.map(({ text, at }) => ({ text, at }));

/**
 * The live snapshot of a version: its public fields with its library images and authors resolved, first
 * published at, updated now (an import gives its original dates).
 */
export function snapshotOf(
  article: StoredArticle,
  dates: { at: string; publishedAt?: string },
  images: ReadonlyMap<string, Media>,
  authors: ReadonlyMap<string, Author>,
): StoredSnapshot {
  return {
    ...pick(article, FIELDS.publicArticle),
    ...resolveMedia(article, images),
    // Copied in at publish, so the public read stays one GetItem (docs/authors.md: a rename shows
    // on the story when it is next published).
    authors: articleAuthorsOf(article.authors, authors),
    corrections: publicCorrections(article.corrections),
    publishedAt: dates.publishedAt ?? article.publishedAt ?? dates.at,
    updatedAt: dates.at,
    version: article.version,
  };
}

/**
 * A takedown ends every preview link of the article: after an unpublish a link must not show what
 * readers can no longer see. After the commit, so a failure cannot undo the takedown; should it
 * fail, the preview read still refuses an archived article, and the links expire within 7 days.
 */
async function revokePreviews(store: ArticleStore, articleId: string): Promise<void> {
  try {
    const left = await store.previewLinks.revokeAll(articleId);
    if (left > 0)
      log.warn('Some preview links of an unpublished article were not revoked', { articleId, left });
  } catch (error) {
    log.warn('Could not revoke the preview links of an unpublished article', {
      articleId,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/**
 * The comments follow a moved article (shared/store/threadMove.ts), after the commit: readers are
 * at the new slug already, and the thread's items follow in bounded, idempotent steps. A failure
 * or a thread too long for this request is logged, not thrown (the publication stands); the
 * article's next publication resumes it, and docs/slugs.md has the runbook.
 */
async function followThread(store: ArticleStore, article: StoredArticle): Promise<void> {
  const earlier = article.redirects.map((r) => r.from);
  try {
    const { moved, left } = await store.moveThread({ id: article.id, slug: article.slug, earlier });
    if (left) log.warn('Comment thread only partly moved to the new slug', { articleId: article.id, moved });
  } catch (error) {
    log.warn('Could not move the comment thread to the new slug', {
      articleId: article.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

/** The live coverage's entries follow a moved article like its thread (shared/store/live/entryMove.ts). */
async function followEntries(store: ArticleStore, article: StoredArticle): Promise<void> {
  const earlier = article.redirects.map((r) => r.from);
  try {
    const { moved, left } = await store.moveEntries({ id: article.id, slug: article.slug, earlier });
    if (left) log.warn('Live entries only partly moved to the new slug', { articleId: article.id, moved });
  } catch (error) {
    log.warn('Could not move the live entries to the new slug', {
      articleId: article.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
