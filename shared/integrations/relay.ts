import { type FrontsFeed, refreshFrontsFor } from '../fronts/relayHook.ts';
import { log } from '../log.ts';
import type { MetricCounts } from '../metrics.ts';
import { indexChange, type SearchFeed } from '../search/indexer.ts';
import type { SyndicationStore } from '../store/syndicationWrites.ts';
import { syndicateChange } from '../syndication/deriver.ts';
import type { Relabeller } from '../taxonomy/relabel.ts';
import { relabelChange } from '../taxonomy/relabelRelay.ts';
import type { EventSink } from './events.ts';
import { type CmsEvent, changeOf, eventsOf, type StreamRecord } from './outbox.ts';

export interface RelayResult {
  /** Events delivered. */
  delivered: number;
  /**
   * Sequence numbers of the records with an event that was not delivered, in stream order. The
   * stream is retried from the first of them (Lambda's ReportBatchItemFailures).
   */
  failed: string[];
  /**
   * The business figures of the records that are done (before the first failed one): a record
   * the stream retries is counted when it is finally done, so a figure is counted once.
   */
  counts: MetricCounts;
}

/** What each event adds to the business figures. */
export function countsOf(events: readonly CmsEvent[]): MetricCounts {
  const counts: Required<MetricCounts> = {
    ArticlesPublished: 0,
    ArticlesUnpublished: 0,
    CommentsPosted: 0,
    CommentsHeld: 0,
    CommentsApproved: 0,
    CommentsRejected: 0,
  };
  for (const event of events) {
    if (event.type === 'ArticlePublished') counts.ArticlesPublished += 1;
    else if (event.type === 'ArticleUnpublished') counts.ArticlesUnpublished += 1;
    else if (event.type === 'CommentApproved') counts.CommentsApproved += 1;
    else if (event.type === 'CommentRejected') counts.CommentsRejected += 1;
    else if (event.type === 'CommentPosted') {
      counts.CommentsPosted += 1;
      // A new comment's fate is its status: held, public at once (post-moderation) or spam.
      const { status } = event.detail;
      if (status === 'pending') counts.CommentsHeld += 1;
      else if (status === 'approved') counts.CommentsApproved += 1;
      else counts.CommentsRejected += 1;
    }
  }
  return counts;
}

/**
 * The outbox relay, the same in AWS (the stream function) and locally (the stream poller): the
 * events of a batch of stream records, sent in one go, the search index kept in step with the same
 * records, and the records whose events or indexing did not all get through. A record that
 * announces nothing and indexes nothing is done.
 */
export async function relay(
  records: readonly StreamRecord[],
  sink: EventSink,
  search?: SearchFeed,
  /** Feeds and sitemaps, kept from the same records (shared/syndication/deriver.ts). */
  syndication?: Pick<SyndicationStore, 'apply'>,
  /** Published fronts, resolved again when a story they show or could show changes. */
  fronts?: FrontsFeed,
  /** Renames carried into the stored articles, a page per job item written (shared/taxonomy/relabel.ts). */
  relabel?: Pick<Relabeller, 'start' | 'advance'>,
): Promise<RelayResult> {
  const events: CmsEvent[] = [];
  const owners: number[] = [];
  const changes = records.map(changeOf);
  changes.forEach((change, i) => {
    for (const event of change ? eventsOf(change) : []) {
      events.push(event);
      owners.push(i);
    }
  });
  const failedRecords = new Set<number>();
  const derivations: Derivation[] = [];
  if (search) derivations.push({ what: 'Search indexing', run: (change) => indexChange(change, search) });
  if (syndication) {
    derivations.push({ what: 'Feeds and sitemaps', run: (change) => syndicateChange(change, syndication) });
  }
  // After feeds: an author rule reads the author feed the step above keeps.
  if (fronts) derivations.push({ what: 'Fronts', run: (change) => refreshFrontsFor(change, fronts) });
  if (relabel) derivations.push({ what: 'Relabel', run: (change) => relabelChange(change, relabel) });
  if (derivations.length > 0) {
    const failedAt = await deriveInOrder(changes, derivations);
    if (failedAt !== null) failedRecords.add(failedAt);
  }
  if (events.length === 0 && failedRecords.size === 0) return { delivered: 0, failed: [], counts: {} };

  const delivered = events.length > 0 ? await sink.send(events) : [];
  events.forEach((event, i) => {
    if (delivered[i] === true) return;
    failedRecords.add(owners[i] ?? -1);
    log.warn('Event not delivered; the stream will retry its record', {
      type: event.type,
      detail: event.detail,
    });
  });
  // A record without a sequence number cannot be named: an empty identifier makes Lambda retry
  // the whole batch, which is safe (consumers drop duplicates).
  const failed = [...failedRecords]
    .sort((a, b) => a - b)
    .map((i) => records[i]?.dynamodb?.SequenceNumber ?? '');
  const firstFailed = Math.min(...failedRecords, records.length);
  return {
    delivered: delivered.filter((ok) => ok === true).length,
    failed,
    counts: countsOf(events.filter((_, i) => (owners[i] ?? records.length) < firstFailed)),
  };
}

/** A read model kept from the records: the search index, feeds and sitemaps, fronts. */
interface Derivation {
  what: string;
  run: (change: NonNullable<ReturnType<typeof changeOf>>) => Promise<void>;
}

/**
 * Derives from the records in stream order and stops at the first that fails: the stream retries
 * from it, and a later change of the same item must not be derived before it (an older snapshot
 * would then overwrite a newer one). Each derivation is idempotent, so one that had already
 * succeeded for the retried record is safe. Returns the failed record's position, or null.
 */
async function deriveInOrder(
  changes: readonly ReturnType<typeof changeOf>[],
  derivations: readonly Derivation[],
) {
  for (const [i, change] of changes.entries()) {
    if (!change) continue;
    for (const derivation of derivations) {
      try {
        await derivation.run(change);
      } catch (error) {
        log.warn(`${derivation.what} failed; the stream will retry its record`, { error: String(error) });
        return i;
      }
    }
  }
  return null;
}
