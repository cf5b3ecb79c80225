import { canEditArticle, canPerform, canSeeArticle } from '../auth/permissions.ts';
import { hasAnyRole, type Principal } from '../auth/principal.ts';
import type { Clock, IdFactory } from '../clock.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  PreconditionRequiredError,
  ValidationError,
} from '../errors.ts';
import { type ArticleEvent, type EventPublisher, noEvents } from '../integrations/events.ts';
import { type PublishSchedules, pollingSchedules, type ScheduleJob } from '../integrations/schedules.ts';
import { PREVIEW_TTL, type PreviewTokens } from '../preview.ts';
import type {
  ArticleContent,
  ArticleCreate,
  ArticlePatch,
  ArticleStatus,
  HistoryEntry,
  Revision,
  TransitionInput,
} from '../schemas/article.ts';
import { slugify } from '../slug.ts';
import type { ArticleStore, ArticleWrite, StoredArticle, StoredSnapshot } from '../store/articleStore.ts';
import { contentOf } from '../store/articleStore.ts';
import type { PageKey } from '../store/cursor.ts';
import { allowedFrom, EDITABLE_STATUSES, ruleFor } from '../workflow.ts';

/** Serialized content above this is refused with 413: items stay far below DynamoDB's 400 KB. */
export const MAX_CONTENT_BYTES = 256 * 1024;

export interface ArticleServiceDeps {
  store: ArticleStore;
  clock: Clock;
  newId: IdFactory;
  events?: EventPublisher;
  schedules?: PublishSchedules;
  previews?: PreviewTokens;
}

/** The actor recorded for what the scheduler does. */
export const SCHEDULER_ACTOR = 'scheduler';

export type ScheduledRunOutcome =
  | { outcome: 'published' | 'unpublished'; article: StoredArticle }
  | { outcome: 'skipped'; reason: string };

export interface AdminListFilters {
  status?: ArticleStatus;
  section?: string;
  createdBy?: string;
}

/**
 * The editorial use cases. Each one: who may, load, decide, write. Writes go through
 * `ArticleStore.commit`, one transaction conditioned on the version the caller read.
 */
export class ArticleService {
  constructor(private readonly deps: ArticleServiceDeps) {}

  async create(principal: Principal, input: ArticleCreate): Promise<StoredArticle> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const id = this.deps.newId(now);
    // A slug the editor chose is theirs to fix if taken (409); a derived one that someone else
    // claimed between our check and our write moves on to the next free variant.
    for (let attempt = 0; ; attempt += 1) {
      const content: ArticleContent = {
        title: input.title,
        section: input.section,
        body: input.body,
        slug: input.slug ?? (await this.freeSlug(slugify(input.title))),
        standfirst: input.standfirst ?? '',
        tags: input.tags ?? [],
        byline: input.byline ?? '',
        source: input.source ?? null,
        commentsEnabled: input.commentsEnabled ?? true,
      };
      assertContentSize(content);
      const article: StoredArticle = {
        ...content,
        id,
        status: 'draft',
        version: 1,
        commentCount: 0,
        createdAt: at,
        createdBy: principal.sub,
        updatedAt: at,
        updatedBy: principal.sub,
        publishedAt: null,
        scheduledFor: null,
        unpublishAt: null,
        live: false,
        hasUnpublishedChanges: false,
        revisionCount: 1,
        everLive: false,
      };
      try {
        await this.deps.store.commit({
          article,
          expectedVersion: null,
          claimSlug: content.slug,
          revision: revisionOf(article, 1, 'create', principal.sub, at),
          audit: { at, actor: principal.sub, action: 'create', from: null, to: 'draft', version: 1 },
        });
        return article;
      } catch (error) {
        if (input.slug !== undefined || !(error instanceof ConflictError) || attempt >= 4) throw error;
      }
    }
  }

  /** Working copies, most recently updated first. Authors are confined to their own. */
  async list(principal: Principal, filters: AdminListFilters, limit: number, startKey: PageKey | undefined) {
    const createdBy = hasAnyRole(principal, ['editor']) ? filters.createdBy : principal.sub;
    if (createdBy !== undefined && filters.createdBy !== undefined && createdBy !== filters.createdBy) {
      // An author filtering on someone else: the honest answer is an empty list, not an error.
      return { items: [], lastKey: undefined };
    }
    return this.deps.store.listWorking({ ...filters, createdBy }, limit, startKey);
  }

  async get(principal: Principal, id: string): Promise<StoredArticle> {
    const article = await this.deps.store.get(id);
    // 404, not 403: an author must not learn that someone else's article exists.
    if (!article || !canSeeArticle(principal, article)) throw notFound(id);
    return article;
  }

  async patch(
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    patch: ArticlePatch,
  ): Promise<StoredArticle> {
    const version = requireVersion(expectedVersion);
    const article = await this.get(principal, id);
    if (!canEditArticle(principal, article)) throw notFound(id);
    assertVersion(article, version);
    assertEditable(article.status, 'edited');

    const content: ArticleContent = { ...contentOf(article), ...definedOnly(patch) };
    if (content.slug !== article.slug && article.everLive) {
      throw new ConflictError(
        'The slug is frozen: this article has been live, and its URL must keep working.',
      );
    }
    if (sameContent(content, contentOf(article))) return article;
    assertContentSize(content);
    return this.saveContent(principal, article, content, 'edit');
  }

  async restoreRevision(
    principal: Principal,
    id: string,
    n: number,
    expectedVersion: number | undefined,
  ): Promise<StoredArticle> {
    const version = requireVersion(expectedVersion);
    const article = await this.get(principal, id);
    const revision = await this.deps.store.getRevision(id, n);
    if (!revision) throw new NotFoundError(`Article ${id} has no revision ${n}.`);
    assertVersion(article, version);
    if (!EDITABLE_STATUSES.includes(article.status) && article.status !== 'archived') {
      throw new ConflictError(
        `A revision cannot be restored while the article is ${article.status}; withdraw or unschedule it first.`,
      );
    }
    // The slug stays: it may be frozen, and restoring old words must not move a URL.
    const content: ArticleContent = { ...revision.content, slug: article.slug };
    return this.saveContent(principal, article, content, 'restore', `Restored revision ${n}`);
  }

  async transition(
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    input: TransitionInput,
  ): Promise<StoredArticle> {
    const version = requireVersion(expectedVersion);
    const article = await this.get(principal, id);
    const rule = ruleFor(input.action);
    if (!canPerform(principal, rule, article)) {
      throw new ForbiddenError(
        rule.notByCreator && article.createdBy === principal.sub
          ? `You wrote this article, so someone else must ${input.action} it.`
          : `Your role may not ${input.action} this article.`,
      );
    }
    assertVersion(article, version);
    if (!allowedFrom(rule, article.status, article.live)) {
      throw new ConflictError(
        `Cannot ${input.action} an article that is ${article.status}${article.live ? ' (live)' : ''}.`,
      );
    }
    if (rule.noteRequired && !input.note) {
      throw new ValidationError(`${input.action} needs a note that tells the author what to change.`, [
        { path: 'note', message: 'is required for this action' },
      ]);
    }
    const now = this.deps.clock.now();
    if (rule.publishAtRequired) {
      if (!input.publishAt) {
        throw new ValidationError('schedule needs publishAt, the time to go live.', [
          { path: 'publishAt', message: 'is required for this action' },
        ]);
      }
      if (Date.parse(input.publishAt) <= now.getTime()) {
        throw new ValidationError('publishAt must be in the future.', [
          { path: 'publishAt', message: 'must be in the future' },
        ]);
      }
    } else if (input.publishAt !== undefined) {
      throw new ValidationError(`${input.action} does not take publishAt.`, [
        { path: 'publishAt', message: 'is only for schedule' },
      ]);
    }

    const { next, audit } = this.advance(article, principal.sub, input.action, rule.to, input.note);

    switch (input.action) {
      case 'publish':
        return this.goLive(article, next, audit);
      case 'unpublish':
        return this.goDark(article, next, audit);
      case 'schedule': {
        const publishAt = new Date(Date.parse(input.publishAt ?? '')).toISOString();
        next.scheduledFor = publishAt;
        await this.commitWithTrigger(
          { kind: 'publish', articleId: id, version: next.version, at: publishAt },
          { article: next, expectedVersion: article.version, audit: { ...audit, publishAt } },
        );
        return next;
      }
      case 'unschedule':
        next.scheduledFor = null;
        await this.deps.store.commit({ article: next, expectedVersion: article.version, audit });
        await this.dropSchedule(article);
        return next;
      default:
        await this.deps.store.commit({ article: next, expectedVersion: article.version, audit });
        return next;
    }
  }

  /**
   * What the scheduler's trigger runs. Publishes only if the article is still scheduled at the
   * version the trigger was made for; anything else (unscheduled, rescheduled, already published
   * by a duplicate trigger) is skipped and changes nothing.
   */
  async runScheduledPublish(articleId: string, version: number): Promise<ScheduledRunOutcome> {
    const article = await this.deps.store.get(articleId);
    if (!article) return { outcome: 'skipped', reason: 'the article no longer exists' };
    if (article.status !== 'scheduled')
      return { outcome: 'skipped', reason: `the article is ${article.status}` };
    if (article.version !== version) {
      return {
        outcome: 'skipped',
        reason: `the trigger is for version ${version}, the article is at ${article.version}`,
      };
    }
    const { next, audit } = this.advance(
      article,
      SCHEDULER_ACTOR,
      'publish',
      'published',
      `Published on schedule (due ${article.scheduledFor})`,
    );
    return onceOnly('published', () => this.goLive(article, next, audit));
  }

  /**
   * Takes a live article down automatically at `unpublishAt` (an embargoed correction, a
   * time-limited notice). The status is untouched; edits and republishing keep the time. Setting
   * it again moves it; the old trigger no longer matches and is skipped.
   */
  async scheduleUnpublish(
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    unpublishAt: string,
  ): Promise<StoredArticle> {
    const { article, next, audit } = await this.unpublishScheduleChange(
      principal,
      id,
      expectedVersion,
      'schedule_unpublish',
    );
    if (!article.live) throw new ConflictError('Only a live article can be scheduled to unpublish.');
    if (Date.parse(unpublishAt) <= this.deps.clock.now().getTime()) {
      throw new ValidationError('unpublishAt must be in the future.', [
        { path: 'unpublishAt', message: 'must be in the future' },
      ]);
    }
    next.unpublishAt = new Date(Date.parse(unpublishAt)).toISOString();
    await this.commitWithTrigger(
      { kind: 'unpublish', articleId: id, at: next.unpublishAt },
      { article: next, expectedVersion: article.version, audit: { ...audit, publishAt: next.unpublishAt } },
    );
    if (article.unpublishAt && article.unpublishAt !== next.unpublishAt) await this.dropUnpublish(article);
    return next;
  }

  async cancelUnpublish(
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
  ): Promise<StoredArticle> {
    const { article, next, audit } = await this.unpublishScheduleChange(
      principal,
      id,
      expectedVersion,
      'cancel_unpublish',
    );
    if (!article.unpublishAt) throw new ConflictError('This article has no unpublish scheduled.');
    next.unpublishAt = null;
    await this.deps.store.commit({ article: next, expectedVersion: article.version, audit });
    await this.dropUnpublish(article);
    return next;
  }

  private async unpublishScheduleChange(
    principal: Principal,
    id: string,
    expectedVersion: number | undefined,
    action: 'schedule_unpublish' | 'cancel_unpublish',
  ) {
    const version = requireVersion(expectedVersion);
    const article = await this.get(principal, id);
    // Whoever may unpublish may schedule or cancel an unpublish.
    if (!canPerform(principal, ruleFor('unpublish'), article)) {
      throw new ForbiddenError('Your role may not schedule or cancel an unpublish.');
    }
    assertVersion(article, version);
    return { article, ...this.advance(article, principal.sub, action, article.status) };
  }

  /** What an unpublish trigger runs: only if the article is still live with this very time set. */
  async runScheduledUnpublish(articleId: string, unpublishAt: string): Promise<ScheduledRunOutcome> {
    const article = await this.deps.store.get(articleId);
    if (!article) return { outcome: 'skipped', reason: 'the article no longer exists' };
    if (!article.live) return { outcome: 'skipped', reason: 'the article is not live' };
    if (article.unpublishAt !== unpublishAt) {
      return {
        outcome: 'skipped',
        reason: `the trigger is for ${unpublishAt}, the article has ${article.unpublishAt ?? 'none'}`,
      };
    }
    const { next, audit } = this.advance(
      article,
      SCHEDULER_ACTOR,
      'unpublish',
      'archived',
      `Unpublished on schedule (due ${unpublishAt})`,
    );
    return onceOnly('unpublished', () => this.goDark(article, next, audit));
  }

  /** A signed link to the working copy, for a look before it goes out. */
  async createPreview(principal: Principal, id: string, expiresInSeconds = PREVIEW_TTL.defaultSeconds) {
    const article = await this.get(principal, id);
    const expiresAt = Math.floor(this.deps.clock.now().getTime() / 1000) + expiresInSeconds;
    const token = this.previews.sign({ articleId: article.id, expiresAt });
    return { token, url: `/v1/preview/${token}`, expiresAt: new Date(expiresAt * 1000).toISOString() };
  }

  /** The working copy behind a preview token; an invalid or expired token is not found. */
  async readPreview(token: string): Promise<StoredArticle> {
    const claims = this.previews.verify(token, Math.floor(this.deps.clock.now().getTime() / 1000));
    const article = claims ? await this.deps.store.get(claims.articleId) : null;
    if (!article) throw new NotFoundError('This preview link is not valid, or it has expired.');
    return article;
  }

  /**
   * The trigger exists before the write that relies on it, so a committed schedule always fires;
   * if the write fails, the trigger would be stale anyway and is removed on a best-effort basis.
   */
  private async commitWithTrigger(job: ScheduleJob, write: ArticleWrite): Promise<void> {
    await this.schedules.create(job);
    try {
      await this.deps.store.commit(write);
    } catch (error) {
      await this.schedules.remove(job).catch(() => {});
      throw error;
    }
  }

  /** The next version of an article after an action, and the audit entry that records it. */
  private advance(
    article: StoredArticle,
    actor: string,
    action: string,
    to: ArticleStatus,
    note?: string,
  ): { next: StoredArticle; audit: HistoryEntry } {
    const at = this.deps.clock.now().toISOString();
    const next: StoredArticle = {
      ...article,
      status: to,
      version: article.version + 1,
      updatedAt: at,
      updatedBy: actor,
    };
    const audit: HistoryEntry = {
      at,
      actor,
      action,
      from: article.status,
      to,
      version: next.version,
      ...(note ? { note } : {}),
    };
    return { next, audit };
  }

  private async goLive(
    article: StoredArticle,
    next: StoredArticle,
    audit: HistoryEntry,
  ): Promise<StoredArticle> {
    const previous = article.live ? await this.deps.store.getSnapshot(article.slug, true) : null;
    next.live = true;
    next.everLive = true;
    next.hasUnpublishedChanges = false;
    next.scheduledFor = null;
    // A live update keeps the original publication time; going live again after an unpublish
    // is a new publication.
    next.publishedAt = previous?.publishedAt ?? audit.at;
    next.revisionCount = article.revisionCount + 1;
    await this.deps.store.commit({
      article: next,
      expectedVersion: article.version,
      audit,
      revision: revisionOf(next, next.revisionCount, 'publish', audit.actor, audit.at),
      goLive: { snapshot: snapshotOf(next, audit.at), previous },
    });
    await this.announce('ArticlePublished', next, audit.at);
    return next;
  }

  private async goDark(
    article: StoredArticle,
    next: StoredArticle,
    audit: HistoryEntry,
  ): Promise<StoredArticle> {
    const previous = await this.deps.store.getSnapshot(article.slug, true);
    next.live = false;
    next.hasUnpublishedChanges = false;
    next.scheduledFor = null;
    next.unpublishAt = null;
    await this.deps.store.commit({
      article: next,
      expectedVersion: article.version,
      audit,
      ...(previous ? { goDark: { previous } } : {}),
    });
    if (article.status === 'scheduled') await this.dropSchedule(article);
    if (article.unpublishAt) await this.dropUnpublish(article);
    if (previous) await this.announce('ArticleUnpublished', next, audit.at);
    return next;
  }

  /** After the commit: a failure here must not turn a committed write into an error response. */
  private async announce(type: ArticleEvent['type'], article: StoredArticle, at: string): Promise<void> {
    const detail = {
      id: article.id,
      slug: article.slug,
      section: article.section,
      version: article.version,
      at,
    };
    try {
      await this.events.publish({ type, detail });
    } catch (error) {
      console.error(
        JSON.stringify({ level: 'error', message: `Could not emit ${type}`, detail, error: String(error) }),
      );
    }
  }

  private async dropUnpublish(article: StoredArticle): Promise<void> {
    if (!article.unpublishAt) return;
    try {
      await this.schedules.remove({ kind: 'unpublish', articleId: article.id, at: article.unpublishAt });
    } catch (error) {
      console.warn(
        JSON.stringify({
          level: 'warn',
          message: 'Could not remove a schedule',
          articleId: article.id,
          error: String(error),
        }),
      );
    }
  }

  private async dropSchedule(article: StoredArticle): Promise<void> {
    try {
      await this.schedules.remove({
        kind: 'publish',
        articleId: article.id,
        version: article.version,
        at: article.scheduledFor ?? '',
      });
    } catch (error) {
      // The trigger is now stale and will be skipped when it fires; nothing depends on removing it.
      console.warn(
        JSON.stringify({
          level: 'warn',
          message: 'Could not remove a schedule',
          articleId: article.id,
          error: String(error),
        }),
      );
    }
  }

  private get events(): EventPublisher {
    return this.deps.events ?? noEvents;
  }

  private get schedules(): PublishSchedules {
    return this.deps.schedules ?? pollingSchedules;
  }

  private get previews(): PreviewTokens {
    if (!this.deps.previews) throw new Error('Preview tokens are not configured for this function');
    return this.deps.previews;
  }

  /** Only an article that has never been live may be deleted; anything once public is archived. */
  async remove(principal: Principal, id: string, expectedVersion: number | undefined): Promise<void> {
    const article = await this.get(principal, id);
    if (expectedVersion !== undefined) assertVersion(article, expectedVersion);
    if (article.everLive) {
      throw new ConflictError(
        'This article has been live; unpublish it to archive it instead of deleting it.',
      );
    }
    await this.deps.store.deleteNeverLive(article, expectedVersion ?? article.version);
    if (article.status === 'scheduled') await this.dropSchedule(article);
  }

  async listRevisions(principal: Principal, id: string, limit: number, startKey: PageKey | undefined) {
    await this.get(principal, id);
    return this.deps.store.listRevisions(id, limit, startKey);
  }

  async getRevision(principal: Principal, id: string, n: number): Promise<Revision> {
    await this.get(principal, id);
    const revision = await this.deps.store.getRevision(id, n);
    if (!revision) throw new NotFoundError(`Article ${id} has no revision ${n}.`);
    return revision;
  }

  async history(principal: Principal, id: string, limit: number, startKey: PageKey | undefined) {
    await this.get(principal, id);
    return this.deps.store.listHistory(id, limit, startKey);
  }

  private async saveContent(
    principal: Principal,
    article: StoredArticle,
    content: ArticleContent,
    kind: 'edit' | 'restore',
    note?: string,
  ): Promise<StoredArticle> {
    const now = this.deps.clock.now().toISOString();
    // Editing a published article reopens the working copy; the live snapshot stays until the
    // edit is published again.
    const status: ArticleStatus =
      article.status === 'published' || article.status === 'archived' ? 'draft' : article.status;
    const next: StoredArticle = {
      ...article,
      ...content,
      status,
      version: article.version + 1,
      updatedAt: now,
      updatedBy: principal.sub,
      hasUnpublishedChanges: article.live,
      revisionCount: article.revisionCount + 1,
    };
    const slugChanged = content.slug !== article.slug;
    await this.deps.store.commit({
      article: next,
      expectedVersion: article.version,
      revision: revisionOf(next, next.revisionCount, kind, principal.sub, now),
      audit: {
        at: now,
        actor: principal.sub,
        action: kind === 'edit' ? 'edit' : 'restore_revision',
        from: article.status,
        to: status,
        version: next.version,
        ...(note ? { note } : {}),
      },
      ...(slugChanged ? { claimSlug: content.slug, releaseSlug: article.slug } : {}),
    });
    return next;
  }

  /** The derived slug, or the first free `-2`, `-3`... variant of it. */
  private async freeSlug(base: string): Promise<string> {
    for (let i = 1; i <= 50; i += 1) {
      const candidate = i === 1 ? base : `${base}-${i}`;
      if ((await this.deps.store.slugOwner(candidate)) === null) return candidate;
    }
    return `${base}-${Date.now().toString(36)}`;
  }
}

/** Runs a scheduled write; a duplicate trigger that lost the race to its twin is a skip, not an error. */
async function onceOnly(
  outcome: 'published' | 'unpublished',
  write: () => Promise<StoredArticle>,
): Promise<ScheduledRunOutcome> {
  try {
    return { outcome, article: await write() };
  } catch (error) {
    if (error instanceof PreconditionFailedError)
      return { outcome: 'skipped', reason: 'another trigger won the race' };
    throw error;
  }
}

function notFound(id: string) {
  return new NotFoundError(`No article with id ${id}.`);
}

function requireVersion(expected: number | undefined): number {
  if (expected === undefined) {
    throw new PreconditionRequiredError(
      'This write needs an If-Match header with the ETag of the version you read, e.g. If-Match: "3".',
    );
  }
  return expected;
}

function assertVersion(article: StoredArticle, expected: number) {
  if (article.version !== expected) {
    throw new PreconditionFailedError(
      `If-Match names version ${expected}, but the article is at version ${article.version}. Fetch it again.`,
    );
  }
}

function assertEditable(status: ArticleStatus, verb: string) {
  if (!EDITABLE_STATUSES.includes(status)) {
    throw new ConflictError(
      `An article that is ${status} cannot be ${verb}; it can be in ${EDITABLE_STATUSES.join(', ')}.`,
    );
  }
}

function assertContentSize(content: ArticleContent) {
  const bytes = Buffer.byteLength(JSON.stringify(content));
  if (bytes > MAX_CONTENT_BYTES) {
    throw new PayloadTooLargeError(`The article is ${bytes} bytes; the limit is ${MAX_CONTENT_BYTES}.`);
  }
}

function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function sameContent(a: ArticleContent, b: ArticleContent): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function revisionOf(
  article: StoredArticle,
  n: number,
  action: Revision['action'],
  actor: string,
  at: string,
): Revision {
  return {
    articleId: article.id,
    n,
    version: article.version,
    savedAt: at,
    savedBy: actor,
    title: article.title,
    action,
    content: contentOf(article),
  };
}

function snapshotOf(article: StoredArticle, at: string): StoredSnapshot {
  return {
    id: article.id,
    slug: article.slug,
    section: article.section,
    title: article.title,
    standfirst: article.standfirst,
    body: article.body,
    tags: article.tags,
    byline: article.byline,
    source: article.source,
    publishedAt: article.publishedAt ?? at,
    updatedAt: at,
    commentsEnabled: article.commentsEnabled,
    commentCount: article.commentCount,
    version: article.version,
  };
}
