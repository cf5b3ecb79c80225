import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { CmsEvent } from './outbox.ts';

export type { CmsEvent } from './outbox.ts';

export const EVENT_SOURCE = 'newsroom-cms';

/** PutEvents takes at most this many entries per call. */
export const PUT_EVENTS_MAX_ENTRIES = 10;

/**
 * Where the outbox delivers events. `send` reports, per event and in order, whether it was
 * delivered, so the caller retries exactly what failed (and never reports success it lacks).
 */
export interface EventSink {
  send(events: readonly CmsEvent[]): Promise<boolean[]>;
}

/** The EventBridge entry of an event; rules on the bus match on source and detail-type. */
export const entryOf = (busName: string, event: CmsEvent): PutEventsRequestEntry => ({
  EventBusName: busName,
  Source: EVENT_SOURCE,
  DetailType: event.type,
  Detail: JSON.stringify(event.detail),
  Time: new Date(event.detail.at),
});

/**
 * In AWS: the stack's own EventBridge bus, in calls of up to ten entries. An entry EventBridge
 * refused (FailedEntryCount, an ErrorCode on the entry) or a call that failed counts as not delivered.
 */
export function eventBridgeSink(busName: string, client = new EventBridgeClient({})): EventSink {
  return {
    async send(events) {
      const delivered: boolean[] = [];
      for (let start = 0; start < events.length; start += PUT_EVENTS_MAX_ENTRIES) {
        const chunk = events.slice(start, start + PUT_EVENTS_MAX_ENTRIES);
        try {
          const result = await client.send(
            new PutEventsCommand({ Entries: chunk.map((event) => entryOf(busName, event)) }),
          );
          const entries = result.Entries ?? [];
          delivered.push(
            ...chunk.map((_, i) => {
              const entry = entries[i];
              // With no failure at all, every entry went through; otherwise each says for itself.
              return !result.FailedEntryCount || (entry !== undefined && !entry.ErrorCode && !!entry.EventId);
            }),
          );
        } catch {
          delivered.push(...chunk.map(() => false));
        }
      }
      return delivered;
    },
  };
}

/** The envelope a webhook target receives from EventBridge, which the local sink imitates. */
export const envelopeOf = (event: CmsEvent) => ({
  source: EVENT_SOURCE,
  'detail-type': event.type,
  time: event.detail.at,
  detail: event.detail,
});

/**
 * Locally (EventBridge's stand-in): a POST to the webhook URL if one is set, then one JSON line per
 * event in a log file. An event whose webhook call failed is not logged and counts as not
 * delivered, so the log holds what was delivered, once.
 */
export function logSink(file: string, webhookUrl?: string): EventSink {
  return {
    async send(events) {
      await mkdir(dirname(file), { recursive: true });
      const delivered: boolean[] = [];
      for (const event of events) {
        const envelope = envelopeOf(event);
        if (webhookUrl) {
          const ok = await fetch(webhookUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(envelope),
            signal: AbortSignal.timeout(5_000),
          }).then(
            (res) => res.ok,
            () => false,
          );
          if (!ok) {
            delivered.push(false);
            continue;
          }
        }
        await appendFile(file, `${JSON.stringify(envelope)}\n`);
        delivered.push(true);
      }
      return delivered;
    },
  };
}
