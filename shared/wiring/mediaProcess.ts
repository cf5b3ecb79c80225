import { systemClock } from '../clock.ts';
import { createProcessing } from '../services/media/processing.ts';
import { S3Client, s3Storage } from '../services/media/s3.ts';
import { contentFromEnv } from './common.ts';
import { mediaStorageFromEnv } from './media.ts';

/** The rendition function: completes media records from their uploads (the only bundle with sharp). */
export function mediaProcessFromEnv() {
  const { store } = contentFromEnv();
  return createProcessing({
    media: store.media,
    storage: mediaStorageFromEnv((bucket) => s3Storage(new S3Client({}), bucket)),
    clock: systemClock,
  });
}
