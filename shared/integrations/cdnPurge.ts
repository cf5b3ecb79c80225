import { CloudFrontClient, CreateInvalidationCommand } from '@aws-sdk/client-cloudfront';
import { type PurgeableEvent, purgePaths } from './cdnPaths.ts';

/** Waits before each further attempt when CloudFront has too many invalidations in progress. */
const BUSY_BACKOFF_MS = [500, 1_500, 3_000] as const;

export interface PurgeResult {
  paths: string[];
  /** CloudFront's id of the invalidation; absent when the event changed nothing public. */
  invalidationId?: string;
}

/** The event's identity: the same for a redelivery of one change, different for any two changes. */
const callerReference = ({
  type,
  detail,
}: {
  type: string;
  detail: { id: string; version: number; at?: string };
}) => [type, detail.id, detail.version, ...(detail.at ? [detail.at] : [])].join('/');

export type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Invalidates what one event made stale on one distribution. The caller reference is the event's
 * identity (type, id, version, and the change's time), so a duplicate delivery of the same event
 * (the relay delivers at least once; Lambda retries) returns CloudFront's first invalidation
 * instead of paying again. The time keeps apart two changes that share the rest: a section, tag or
 * author deleted and created again under its slug starts at version 1 again, and with the same
 * reference CloudFront would answer with the old invalidation and purge nothing.
 * CloudFront's limit of 15 wildcard paths in progress answers TooManyInvalidationsInProgress
 * under a burst (a bulk moderation): waited out a few times here, then thrown, so Lambda's own
 * retries (about a minute, then two) and finally the dead-letter queue take over.
 */
export function createCdnPurge(distributionId: string, client = new CloudFrontClient({}), wait = sleep) {
  return async function purge(
    event: PurgeableEvent & { detail: { id: string; at?: string } },
  ): Promise<PurgeResult> {
    const paths = purgePaths(event);
    if (paths.length === 0) return { paths };
    const command = new CreateInvalidationCommand({
      DistributionId: distributionId,
      InvalidationBatch: {
        CallerReference: callerReference(event),
        Paths: { Quantity: paths.length, Items: paths },
      },
    });
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await client.send(command);
        return { paths, ...(result.Invalidation?.Id ? { invalidationId: result.Invalidation.Id } : {}) };
      } catch (error) {
        const delay = BUSY_BACKOFF_MS[attempt];
        if ((error as { name?: string }).name !== 'TooManyInvalidationsInProgress' || delay === undefined) {
          throw error;
        }
        await wait(delay);
      }
    }
  };
}
