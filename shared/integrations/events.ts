import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

/**
 * What frontends subscribe to, to revalidate their caches. Emitted only after the write it
 * announces has committed: a failed or refused write announces nothing.
 */
export interface ArticleEvent {
  type: 'ArticlePublished' | 'ArticleUnpublished';
  detail: {
    id: string;
    slug: string;
    section: string;
    version: number;
    at: string;
    /** ArticlePublished: the article's published corrections, newest first. */
    corrections?: { text: string; at: string }[];
  };
}

export const EVENT_SOURCE = 'newsroom-cms';

export interface EventPublisher {
  publish(event: ArticleEvent): Promise<void>;
}

/** In AWS: the stack's own EventBridge bus; rules there feed webhooks (API destinations). */
export function eventBridgePublisher(busName: string, client = new EventBridgeClient({})): EventPublisher {
  return {
    async publish(event) {
      const result = await client.send(
        new PutEventsCommand({
          Entries: [
            {
              EventBusName: busName,
              Source: EVENT_SOURCE,
              DetailType: event.type,
              Detail: JSON.stringify(event.detail),
            },
          ],
        }),
      );
      if (result.FailedEntryCount) {
        throw new Error(`EventBridge refused ${event.type}: ${result.Entries?.[0]?.ErrorCode ?? 'unknown'}`);
      }
    },
  };
}

/**
 * Locally: one JSON line per event in a log file and, if a webhook URL is set, a POST to it,
 * shaped like the EventBridge event a webhook target would receive.
 */
export function logPublisher(file: string, webhookUrl?: string): EventPublisher {
  return {
    async publish(event) {
      const envelope = {
        source: EVENT_SOURCE,
        'detail-type': event.type,
        time: event.detail.at,
        detail: event.detail,
      };
      await mkdir(dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(envelope)}\n`);
      if (webhookUrl) {
        const res = await fetch(webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(envelope),
          signal: AbortSignal.timeout(5_000),
        });
        if (!res.ok) throw new Error(`Webhook ${webhookUrl} answered ${res.status}`);
      }
    },
  };
}

/** For functions that never publish. */
export const noEvents: EventPublisher = { publish: async () => {} };
