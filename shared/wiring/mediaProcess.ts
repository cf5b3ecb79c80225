import { systemClock } from '../clock.ts';
import { createProcessing } from '../services/media/processing.ts';
import { contentFromEnv } from './common.ts';
import { mediaStorageFromEnv } from './media.ts';

/** The rendition function: completes media records from their uploads (the only bundle with sharp). */
export function mediaProcessFromEnv() {
  const { store } = contentFromEnv();
  return createProcessing({ media: store.media, storage: mediaStorageFromEnv(), clock: systemClock });
}
