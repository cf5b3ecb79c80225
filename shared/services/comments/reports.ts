import type { Clock } from '../../clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError } from '../../errors.ts';
import type { CommentReportInput, CommentSettings } from '../../schemas/comment.ts';
import { REPORT_LIMITS, type ReportReason } from '../../schemas/facts.ts';
import type { ArticleStore, StoredSnapshot } from '../../store/articleStore.ts';
import type { CommentStore, StoredComment } from '../../store/commentStore.ts';
import { CommenterStore } from '../../store/comments/commenterStore.ts';
import {
  type ReportPlan,
  ReportRefused,
  ReportStore,
  type ReportWindow,
} from '../../store/comments/reportStore.ts';
import type { PageKey } from '../../store/cursor.ts';
import { banMessage } from './bans.ts';
import { type ClientInfo, commenterOf } from './identity.ts';

export interface ReportDeps {
  comments: CommentStore;
  articles: ArticleStore;
  clock: Clock;
  fingerprintSecret: string;
  settings: () => Promise<CommentSettings>;
}

/**
 * Every report of a comment is a race with the others on its count, so one attempt may lose; it
 * reads the comment again and retries. The count only grows and the comment only leaves
 * `approved` once, so each round someone wins and the attempts are bounded by the readers racing.
 */
const MAX_ATTEMPTS = 40;

/** The fixed window `nowEpoch` falls in, and how many reports an address may make in it. */
function reportWindow(nowEpoch: number): ReportWindow {
  const start = nowEpoch - (nowEpoch % REPORT_LIMITS.windowSeconds);
  return { start, end: start + REPORT_LIMITS.windowSeconds, max: REPORT_LIMITS.perAddress };
}

/**
 * Reader reports. One per reader per comment, a reader being an address whatever its user agent
 * (a conditional put of a marker item; a repeat is a 409), at most REPORT_LIMITS.perAddress per
 * address in a window (429), none from a banned client or address (403, as their comments), counted
 * on the comment in the same transaction; the report that reaches `reportThreshold` holds the
 * comment back to pending and takes it off the public count in that same transaction, so it
 * happens exactly once however many readers report at once.
 */
export function createReports(deps: ReportDeps) {
  const { comments, articles, clock, fingerprintSecret } = deps;
  const reports = new ReportStore(comments);
  const commenters = new CommenterStore(comments);

  /**
   * What this report does, from the comment and the live snapshot as `report` read them: a hold
   * takes the comment off the public count only if the article is live.
   */
  async function planReport(
    comment: StoredComment,
    settings: CommentSettings,
    now: Date,
    snapshot: StoredSnapshot | null,
  ): Promise<ReportPlan> {
    if (comment.status !== 'approved') return { kind: 'late' };
    const count = comment.reportCount + 1;
    if (settings.reportThreshold === 0 || count < settings.reportThreshold) return { kind: 'count' };
    return {
      kind: 'hold',
      targets: {
        articleId: comment.articleId,
        slug: comment.articleSlug,
        live: snapshot?.id === comment.articleId,
        // A reply held back leaves the replyCount of its parent (or of the parent's tombstone).
        parent: comment.parentId
          ? { id: comment.parentId, head: await comments.head(comment.parentId) }
          : null,
      },
      record: {
        at: now.toISOString(),
        actor: 'system',
        action: 'requeue',
        from: 'approved',
        to: 'pending',
        note: `Held back for review after ${count} reader reports`,
        reasons: [{ rule: 'reports', detail: String(count) }],
      },
    };
  }

  return {
    async report(
      slug: string,
      commentId: string,
      input: CommentReportInput,
      client: ClientInfo,
    ): Promise<{ commentId: string; reason: ReportReason }> {
      const notFound = () => new NotFoundError(`No published comment ${commentId} on "${slug}".`);
      const who = commenterOf(fingerprintSecret, client);
      const read = await reports.readWithMarkers(commentId, commenters.banKeys(who));
      const { ban } = commenters.standingOf(read.markers, clock.now());
      if (ban) throw new ForbiddenError(banMessage(ban));
      let comment = read.comment;
      // Readers can report only what they can see: an approved comment of a live article, or one
      // that reader reports held back a moment ago (open reports on a pending comment), which their
      // page or the CDN's copy still shows; such a report is counted late (see planReport).
      const reportable = (c: StoredComment) =>
        c.status === 'approved' || (c.status === 'pending' && c.reportCount > 0);
      if (!comment || comment.articleSlug !== slug || !reportable(comment)) throw notFound();
      const [settings, firstSnapshot] = await Promise.all([
        deps.settings(),
        articles.getSnapshot(slug, true),
      ]);
      let snapshot: StoredSnapshot | null = firstSnapshot;
      if (snapshot?.id !== comment.articleId) throw notFound();
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const now = clock.now();
        const nowEpoch = Math.floor(now.getTime() / 1000);
        const plan: ReportPlan = await planReport(comment, settings, now, snapshot);
        try {
          await reports.add(
            comment,
            { reader: who.address, reason: input.reason, text: input.text ?? null, at: now.toISOString() },
            plan,
            { nowEpoch, window: reportWindow(nowEpoch) },
          );
          return { commentId, reason: input.reason };
        } catch (error) {
          if (!(error instanceof ReportRefused)) throw error;
          if (error.refusal === 'alreadyReported') {
            throw new ConflictError('You have already reported this comment; the moderators have it.');
          }
          if (error.refusal === 'flood') {
            throw new TooManyRequestsError(
              `You have made ${REPORT_LIMITS.perAddress} reports in the last few minutes. Try again in ${error.retryAfterSeconds} seconds.`,
              error.retryAfterSeconds,
            );
          }
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt + 1, 5)));
          // A hold is conditioned on the article's live state as read: if it lost, that may be what
          // moved (the article went live or dark), so it is read again with the comment.
          const rereadSnapshot: Promise<StoredSnapshot | null> | StoredSnapshot | null =
            plan.kind === 'hold' ? articles.getSnapshot(slug, true) : snapshot;
          [comment, snapshot] = await Promise.all([comments.get(commentId), rereadSnapshot]);
          if (!comment) throw notFound();
        }
      }
      throw new ConflictError('Too many readers are reporting this comment at once; try again.');
    },

    /** Approved comments with open reports, most reported first. */
    reported(limit: number, startKey: PageKey | undefined) {
      return reports.listReported(limit, startKey);
    },
  };
}
