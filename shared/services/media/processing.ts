import type { Clock } from '../../clock.ts';
import { log } from '../../log.ts';
import type { MediaOutcome, MediaStore } from '../../store/mediaStore.ts';
import { idOfOriginal, renditionKey, urlOf } from './layout.ts';
import { inspect, render } from './renditions.ts';
import type { MediaStorage } from './storage.ts';

export interface ProcessingDeps {
  media: MediaStore;
  storage: MediaStorage;
  clock: Clock;
}

export type ProcessOutcome = 'ready' | 'failed' | 'skipped';

/**
 * What happens when an upload lands (the bucket's notification in AWS, the local upload endpoint
 * locally): the record is completed from the object itself. The format and dimensions are read
 * from the bytes and the size counted, whatever the client declared; renditions are written next
 * to the original. Anything that is not a usable image marks the record failed with the reason,
 * and its object is removed so that nothing unreadable is ever served.
 */
export function createProcessing({ media, storage, clock }: ProcessingDeps) {
  return {
    async processUpload(key: string): Promise<ProcessOutcome> {
      const id = idOfOriginal(key);
      if (!id) {
        log.warn('An object outside the uploads was announced', { key });
        return 'skipped';
      }
      const record = await media.get(id);
      // Deleted meanwhile, or a second delivery of the same notification.
      if (record?.status !== 'pending') return 'skipped';
      const bytes = await storage.read(key);
      if (!bytes) return 'skipped';

      const found = await inspect(bytes);
      let outcome: MediaOutcome;
      if (!found.ok) {
        outcome = { status: 'failed', failure: found.reason, bytes: bytes.length };
      } else {
        try {
          const renditions = [];
          for (const r of await render(bytes, found.width)) {
            const renditionAt = renditionKey(id, r.width);
            await storage.write(renditionAt, r.body, 'image/webp');
            renditions.push({ width: r.width, height: r.height, key: renditionAt, url: urlOf(renditionAt) });
          }
          outcome = {
            status: 'ready',
            type: found.type,
            width: found.width,
            height: found.height,
            bytes: bytes.length,
            original: urlOf(key),
            renditions,
          };
        } catch (error) {
          log.warn('An upload could not be rendered', { id, error });
          outcome = {
            status: 'failed',
            failure: 'The image is damaged and could not be rendered.',
            bytes: bytes.length,
          };
        }
      }
      if (outcome.status === 'failed') await storage.remove([key]);
      const changed = await media.complete(id, outcome, clock.now().toISOString());
      return changed ? outcome.status : 'skipped';
    },
  };
}
