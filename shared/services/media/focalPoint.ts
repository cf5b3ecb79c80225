import { ValidationError } from '../../errors.ts';
import { log } from '../../log.ts';
import type { FocalPoint } from '../../schemas/cropFacts.ts';
import type { Media } from '../../schemas/media.ts';
import { roundFocal, sameFocal } from './cropGeometry.ts';
import { cropRequestKey } from './layout.ts';
import type { MediaStorage } from './storage.ts';

/**
 * The focal point an edit leaves on the record (kept to a thousandth). Only a ready image has
 * pixels to cut: before, the point would be overwritten by the processing (422, nothing changes).
 */
export function focalEdit(current: Media, focal: FocalPoint | undefined): FocalPoint {
  if (focal === undefined) return current.focalPoint;
  if (current.status !== 'ready') {
    throw new ValidationError('The focal point of an image can be set once its upload is ready.', [
      { path: 'focalPoint', message: `image ${current.id} is ${current.status}, not ready` },
    ]);
  }
  return roundFocal(focal);
}

/**
 * After an edit is saved: asks the rendition function to cut the crops around the new point (an
 * empty object under the uploads prefix, whose notification invokes it; locally the same, see
 * infra/local/mediaNotify.ts). The edit is kept if the request cannot be written: the record shows
 * its crops are stale (cropsFor differs), and the `cut-crops` migration or the same edit again
 * asks anew. Nothing is asked when the crops are already cut around that point.
 */
export async function requestCrops(storage: MediaStorage, before: Media, after: Media): Promise<void> {
  if (after.focalPoint === before.focalPoint || sameFocal(before.cropsFor, after.focalPoint)) return;
  try {
    await storage.write(cropRequestKey(after.id), Buffer.alloc(0), 'application/octet-stream');
  } catch (error) {
    log.warn('Could not ask for the crops of a moved focal point', { id: after.id, error });
  }
}
