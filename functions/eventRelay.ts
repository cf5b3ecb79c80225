import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { ENV, optionalEnv } from '../shared/env.ts';
import { relay } from '../shared/integrations/relay.ts';
import { log } from '../shared/log.ts';
import { emitMetrics } from '../shared/metrics.ts';
import { frontRefreshFromEnv } from '../shared/wiring/fronts.ts';
import { eventRelayFromEnv, searchFeedFromEnv } from '../shared/wiring/lean.ts';
import { relabellerFromEnv, syndicationFromEnv } from '../shared/wiring/syndication.ts';

const sink = eventRelayFromEnv();
const search = searchFeedFromEnv();
const syndication = syndicationFromEnv();
const fronts = frontRefreshFromEnv();
const relabel = relabellerFromEnv();
// Set by the stack; locally (npm start runs this module too) there are no metrics to write.
const stage = optionalEnv(ENV.stage);

/**
 * The outbox relay: DynamoDB Streams of the content and comments tables in, EventBridge and the
 * search index, feeds, fronts and renames carried into stored articles out. A record whose events were not all accepted, or whose indexing failed, is
 * reported as a batch item failure, so the stream
 * retries from it (bounded, then the batch goes to the event dead-letter queue); nothing is lost
 * to a log line.
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const { delivered, failed, counts } = await relay(
    event.Records,
    sink,
    search,
    syndication,
    fronts,
    relabel,
  );
  // Articles published, comments posted, held, approved: counted here, where each commit is seen once.
  if (stage) emitMetrics(counts, stage);
  if (delivered > 0 || failed.length > 0) {
    log.info('Relayed stream records', { records: event.Records.length, delivered, failed: failed.length });
  }
  return { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) };
}
