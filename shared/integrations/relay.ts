import { log } from '../log.ts';
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
}

/**
 * The outbox relay, the same in AWS (the stream function) and locally (the stream poller): the
 * events of a batch of stream records, sent in one go, and the records whose events did not all
 * get through. A record that announces nothing is done.
 */
export async function relay(records: readonly StreamRecord[], sink: EventSink): Promise<RelayResult> {
  const events: CmsEvent[] = [];
  const owners: number[] = [];
  records.forEach((record, i) => {
    const change = changeOf(record);
    for (const event of change ? eventsOf(change) : []) {
      events.push(event);
      owners.push(i);
    }
  });
  if (events.length === 0) return { delivered: 0, failed: [] };

  const delivered = await sink.send(events);
  const failedRecords = new Set<number>();
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
  return { delivered: delivered.filter((ok) => ok === true).length, failed };
}
