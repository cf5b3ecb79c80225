import { createHash } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { log } from '../../log.ts';
import type { FocalPoint } from '../../schemas/cropFacts.ts';
import { saveCrops } from '../../store/mediaCrops.ts';
import type { MediaOutcome, MediaStore } from '../../store/mediaStore.ts';
import { sameFocal } from './cropGeometry.ts';
import { cutCrops } from './cropRendering.ts';
import {
  digestOfOriginal,
  idOfCropRequest,
  idOfUpload,
  keyOfUrl,
  originalKey,
  renditionKey,
  urlOf,
} from './layout.ts';
import { inspect, render } from './renditions.ts';
import type { MediaStorage } from './storage.ts';

export interface ProcessingDeps {
  media: MediaStore;
  storage: MediaStorage;
  clock: Clock;
}

export type ProcessOutcome = 'ready' | 'failed' | 'skipped';

/** Names an original's files by its bytes: two uploads processed at once never share a key. */
const digestOf = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

/** The served files a ready outcome wrote. */
const filesOf = (outcome: MediaOutcome): string[] =>
  outcome.status === 'ready'
    ? [
        keyOfUrl(outcome.original),
        ...outcome.renditions.map((r) => r.key),
        ...outcome.crops.flatMap((c) => c.renditions.map((r) => r.key)),
      ]
    : [];

/**
 * What happens when an upload lands (the bucket's notification in AWS, the local upload endpoint
 * locally): the record is completed from the object itself. The format and dimensions are read
 * from the bytes and the size counted, whatever the client declared; the original is copied
 * beside its renditions (layout.ts). Anything that is not a usable image marks the record failed
 * with the reason.
 *
 * A form uploads once. Whatever arrives for a record that is no longer pending (ready, failed,
 * deleted, or past its time: mediaStore.ts) is removed and never served, and an upload is removed
 * once its record is completed. If two uploads for one pending record are processed at once, the
 * record is completed once (on condition that it is still pending) and the other's files, under
 * their own digest, are removed. A storage error throws, so that the invocation is retried (Lambda's
 * asynchronous retries, then its dead-letter queue; locally, the same: infra/local/media.ts).
 */
export function createProcessing({ media, storage, clock }: ProcessingDeps) {
  /** Reads the upload and writes the original and renditions of a usable image. */
  async function outcomeOf(id: string, bytes: Buffer, focal: FocalPoint): Promise<MediaOutcome> {
    const found = await inspect(bytes);
    if (!found.ok) return { status: 'failed', failure: found.reason, bytes: bytes.length };
    const digest = digestOf(bytes);
    let rendered: Awaited<ReturnType<typeof render>>;
    let crops: Awaited<ReturnType<typeof cutCrops>>;
    try {
      rendered = await render(bytes, found.width);
      crops = await cutCrops({ id, digest, bytes, width: found.width, height: found.height }, focal, storage);
    } catch (error) {
      log.warn('An upload could not be rendered', { id, error });
      return {
        status: 'failed',
        failure: 'The image is damaged and could not be rendered.',
        bytes: bytes.length,
      };
    }
    const originalAt = originalKey(id, digest);
    await storage.write(originalAt, bytes, found.type);
    const renditions = [];
    for (const r of rendered) {
      const at = renditionKey(id, digest, r.width);
      await storage.write(at, r.body, 'image/webp');
      renditions.push({ width: r.width, height: r.height, key: at, url: urlOf(at) });
    }
    return {
      status: 'ready',
      type: found.type,
      width: found.width,
      height: found.height,
      bytes: bytes.length,
      original: urlOf(originalAt),
      renditions,
      crops,
      cropsFor: focal,
    };
  }

  /**
   * A request to cut the crops again (written by an edit of the focal point): cuts them around the
   * record's focal point as it is now, unless they already are. The request's own bytes are not
   * read, so a request delivered twice, or after a newer one, cuts the latest point once.
   */
  async function recrop(id: string, key: string): Promise<ProcessOutcome> {
    const record = await media.get(id);
    if (!record?.original || record.status !== 'ready' || sameFocal(record.cropsFor, record.focalPoint)) {
      await storage.remove([key]);
      return 'skipped';
    }
    const originalAt = keyOfUrl(record.original);
    const bytes = await storage.read(originalAt);
    if (!bytes || record.width === null || record.height === null) {
      log.warn('The original of an image to crop is missing', { id, originalAt });
      await storage.remove([key]);
      return 'failed';
    }
    const source = {
      id,
      digest: digestOfOriginal(originalAt),
      bytes,
      width: record.width,
      height: record.height,
    };
    const crops = await cutCrops(source, record.focalPoint, storage);
    const saved = await saveCrops(media, id, record.focalPoint, crops);
    await storage.remove([key]);
    return saved ? 'ready' : 'skipped';
  }

  return {
    async processUpload(key: string): Promise<ProcessOutcome> {
      const cropping = idOfCropRequest(key);
      if (cropping) return recrop(cropping, key);
      const id = idOfUpload(key);
      if (!id) {
        log.warn('An object outside the uploads was announced', { key });
        return 'skipped';
      }
      const record = await media.get(id);
      if (record?.status !== 'pending') {
        // A form posted again, or for a record deleted or past its time: never kept, never served.
        await storage.remove([key]);
        return 'skipped';
      }
      const bytes = await storage.read(key);
      // Already consumed by another delivery of the same upload.
      if (!bytes) return 'skipped';

      const outcome = await outcomeOf(id, bytes, record.focalPoint);
      const changed = await media.complete(id, outcome, clock.now().toISOString());
      if (!changed) {
        // Completed by another upload meanwhile (or deleted, or out of time): our files go,
        // unless they are the very ones the record now names (the same bytes, the same keys).
        const now = await media.get(id);
        const ours = filesOf(outcome);
        if (ours.length > 0 && !(now?.status === 'ready' && now.original === urlOf(ours[0] ?? ''))) {
          await storage.remove(ours);
        }
      }
      await storage.remove([key]);
      return changed ? outcome.status : 'skipped';
    },
  };
}
