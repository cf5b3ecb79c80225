import { MovedError, NotFoundError } from '../errors.ts';
import type { ThreadSort } from '../schemas/facts.ts';
import { LIVE_LIMITS } from '../schemas/live.ts';
import type { PublicArticleView } from '../schemas/liveCoverage.ts';
import type { SiteSettings } from '../schemas/site.ts';
import { DEFAULT_SITE_SETTINGS } from '../schemas/siteDefaults.ts';
import { commentsOpen } from '../store/articleCommentWrites.ts';
import type { ArticleStore } from '../store/articleStore.ts';
import type { CommentStore } from '../store/commentStore.ts';
import { type ThreadPage, ThreadReads } from '../store/comments/threadReads.ts';
import type { PageKey } from '../store/cursor.ts';
import { feeds } from '../store/keys.ts';
import type { LiveStore } from '../store/live/liveStore.ts';
import { parse } from '../store/model.ts';
import type { Page } from '../store/query.ts';
import { isSlugRedirect } from '../store/slugRedirects.ts';
import { newsArticleJsonLd } from '../syndication/jsonLd.ts';
import { liveBlogJsonLd } from '../syndication/liveBlogJsonLd.ts';

/**
 * What the public may read: live snapshots, feed summaries and approved comments of live articles.
 * An article, a list or a thread's first page is one DynamoDB request (a GetItem or one Query);
 * a thread's later pages are two, sent together. Nothing here can reach a working copy or a comment that is not approved.
 */
export class PublicService {
  /** The public thread's reads, on the comments table. */
  private readonly comments: ThreadReads;

  constructor(
    private readonly store: ArticleStore,
    comments: CommentStore,
    /** The site settings the article's jsonLd links with (a container's copy: no request per read). */
    private readonly site: () => Promise<SiteSettings> = async () => DEFAULT_SITE_SETTINGS,
    /** Live coverage: read beside the snapshot, in the same Query (shared/store/live/). */
    private readonly live?: LiveStore,
  ) {
    this.comments = new ThreadReads(comments);
  }

  async getLive(slug: string): Promise<{ article: PublicArticleView; etag: string }> {
    const [{ snapshot, coverage, movedTo }, site] = await Promise.all([this.snapshotOf(slug), this.site()]);
    if (movedTo !== undefined) throw moved(slug, movedTo, '');
    if (!snapshot) throw new NotFoundError(`No published article at "${slug}".`);
    const { version, ...stored } = snapshot;
    const open = commentsOpen(stored, new Date());
    const jsonLd = newsArticleJsonLd(site, stored);
    const live = coverage && { ...coverage, entries: `/v1/articles/${slug}/entries` };
    // A covered article's newest entries are a second request: its answer is purged at the CDN
    // on every entry, so the origin reads it about once per entry, not once per reader.
    const latest =
      live && this.live ? (await this.live.listPublic(slug, 'all', LIVE_LIMITS.jsonLdUpdates)).items : [];
    const article: PublicArticleView = {
      ...stored,
      ...(live ? { live } : {}),
      commentsOpen: open,
      jsonLd: live ? liveBlogJsonLd(jsonLd, live, latest) : jsonLd,
    };
    // The counts and the thread's state change without a new version: part of the validator, as
    // are the settings the jsonLd was linked with (when they were saved).
    const closing = stored.commentsCloseAt ? Date.parse(stored.commentsCloseAt).toString(36) : '-';
    const settings = site.updatedAt ? Date.parse(site.updatedAt).toString(36) : '-';
    return {
      article,
      etag: `"${version}.${stored.commentCount}.${stored.featuredCount}.${closing}.${open ? 'o' : 'c'}.${settings}${
        live ? `.${live.state}.${latest[0]?.changeId ?? '-'}` : ''
      }"`,
    };
  }

  /** The one read of a public article: its snapshot (and coverage), or where an earlier slug points. */
  private async snapshotOf(slug: string) {
    if (!this.live) {
      const found = await this.store.getLiveOrMoved(slug);
      if (found && 'movedTo' in found) return { snapshot: null, coverage: undefined, movedTo: found.movedTo };
      return { snapshot: found?.snapshot ?? null, coverage: undefined, movedTo: undefined };
    }
    const found = await this.live.snapshotWithCoverage(slug);
    if (found.snapshot && isSlugRedirect(found.snapshot)) {
      return { snapshot: null, coverage: undefined, movedTo: String(found.snapshot.redirectTo) };
    }
    return {
      snapshot: found.snapshot ? parse.snapshot(found.snapshot) : null,
      coverage: found.coverage,
      movedTo: undefined,
    };
  }

  list(
    filter: { section?: string | undefined; tag?: string | undefined },
    limit: number,
    startKey: PageKey | undefined,
  ) {
    return this.store.listFeed(feeds.for(filter), limit, startKey);
  }

  /**
   * A live article's approved top-level comments, oldest, newest or most replied first (each with
   * its replyCount; replies are listed under their comment). A story that is pulled takes its readers'
   * quotes of it down with it: no live snapshot, no thread (404, like the article). A first page is
   * one Query: the thread's header it starts with says the article is live (see whileLive).
   */
  thread(slug: string, sort: ThreadSort, limit: number, startKey: PageKey | undefined) {
    return this.whileLive(
      slug,
      startKey,
      () => this.comments.listApproved(slug, sort, limit, startKey),
      true,
      `/comments${sort === 'oldest' ? '' : `?sort=${sort}`}`,
    );
  }

  /** The approved replies to one top-level comment, oldest first. */
  replies(slug: string, parentId: string, limit: number, startKey: PageKey | undefined) {
    return this.whileLive(
      slug,
      startKey,
      () => this.comments.listReplies(slug, parentId, limit, startKey),
      false,
      `/comments/${parentId}/replies`,
    );
  }

  /** The comments moderators featured, newest first. */
  featured(slug: string, limit: number, startKey: PageKey | undefined) {
    return this.whileLive(
      slug,
      startKey,
      () => this.comments.listFeatured(slug, limit, startKey),
      true,
      '/comments/featured',
    );
  }

  /**
   * A page of a thread, only while the article is live. A first page that met one of the thread's
   * headers (written and deleted with the live snapshot) is one request. Any other page (a cursor
   * page, the replies under a comment) reads the snapshot's key beside its Query, concurrently, as
   * does a first page that met no header: a pulled article, or one live since before headers.
   */
  private async whileLive<T>(
    slug: string,
    startKey: PageKey | undefined,
    read: () => Promise<ThreadPage<T>>,
    /** Whether the view's first page starts at a header (not the replies under a comment). */
    headed = true,
    /** The view's path under the article's, for the redirect from an earlier slug. */
    view = '',
  ): Promise<Page<T>> {
    const check = (live: boolean | { movedTo: string }) => {
      if (live === false) throw new NotFoundError(`No published article at "${slug}".`);
      // An earlier slug: its thread moved with the article (docs/slugs.md). A cursor belongs to
      // the old thread's partition, so the redirect starts the view again at its first page.
      if (live !== true) throw moved(slug, live.movedTo, view);
    };
    if (startKey !== undefined || !headed) {
      const [live, { liveSeen: _, ...page }] = await Promise.all([this.store.isLive(slug), read()]);
      check(live);
      return page;
    }
    const { liveSeen, ...page } = await read();
    if (!liveSeen) check(await this.store.isLive(slug));
    return page;
  }
}

/** The 301 from an earlier slug to the same view under the article's current one. */
function moved(from: string, to: string, view: string): MovedError {
  return new MovedError(`The article "${from}" is now at "${to}".`, `/v1/articles/${to}${view}`);
}
