import { marshall } from '@aws-sdk/util-dynamodb';
import type { StreamRecord } from '../../shared/integrations/outbox.ts';

/** When every record here was committed, in epoch seconds, as Lambda delivers ApproximateCreationDateTime. */
export const COMMITTED = 1_790_000_000;

let sequence = 0;

/**
 * A DynamoDB stream record as Lambda delivers it to the relay: wire-format images (undefined
 * attributes left out, as the store writes them), the commit time, and a sequence number that
 * rises with each record made, as the stream's do.
 */
export function streamRecord(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  oldItem?: object,
  newItem?: object,
): StreamRecord {
  sequence += 1;
  return {
    eventID: `e${sequence}`,
    eventName,
    dynamodb: {
      ApproximateCreationDateTime: COMMITTED,
      SequenceNumber: String(sequence).padStart(21, '0'),
      ...(oldItem ? { OldImage: marshall(oldItem, { removeUndefinedValues: true }) } : {}),
      ...(newItem ? { NewImage: marshall(newItem, { removeUndefinedValues: true }) } : {}),
    },
  };
}
