import type { S3Event } from 'aws-lambda';
import { log } from '../shared/log.ts';
import { mediaProcessFromEnv } from '../shared/wiring/mediaProcess.ts';

const { processUpload } = mediaProcessFromEnv();

/**
 * The media bucket's ObjectCreated notifications for the uploads prefix (and the local upload
 * endpoint, which sends the same event): each upload completes its media record, with renditions.
 * A failure throws, so S3's asynchronous invocation retries it.
 */
export async function handler(event: S3Event): Promise<void> {
  for (const record of event.Records) {
    // S3 sends keys URL-encoded, spaces as '+'.
    const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
    const outcome = await processUpload(key);
    log.info('Upload processed', { key, outcome });
  }
}
