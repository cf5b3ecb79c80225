import { NotFoundError } from '../errors.ts';
import type { PublicFront } from '../schemas/front.ts';
import type { FrontStore } from '../store/frontStore.ts';

/** The published front as the public reads it: one GetItem, resolved already. */
export async function publicFrontOf(
  store: Pick<FrontStore, 'live'>,
  name: string,
): Promise<{ front: PublicFront; etag: string }> {
  const live = await store.live(name);
  if (!live) throw new NotFoundError(`No published front named "${name}".`);
  const { title, revision, publishedAt, resolvedAt, zones } = live;
  return {
    front: { name, title, revision, publishedAt, resolvedAt, zones },
    etag: `"${live.revision}.${live.serial}"`,
  };
}
