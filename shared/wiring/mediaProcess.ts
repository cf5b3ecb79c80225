import { systemClock } from '../clock.ts';
import { createProcessing } from '../services/media/processing.ts';
import { S3Client, s3Storage } from '../services/media/s3.ts';
import { contentReaderFromEnv } from './common.ts';
import { mediaStorageFromEnv } from './media.ts';

/** The rendition function: completes media records from their uploads (the only bundle with sharp). */
export function mediaProcessFromEnv() {
  return createProcessing({
    media: contentReaderFromEnv().media,
    storage: mediaStorageFromEnv((bucket) => s3Storage(new S3Client({}), bucket)),
    clock: systemClock,
  });
}
