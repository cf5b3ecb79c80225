import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_LIMITS } from '../../shared/schemas/facts.ts';
import type { Media } from '../../shared/schemas/media.ts';
import { createDocumentClient } from '../../shared/store/client.ts';
import { PENDING_FAILURE } from '../../shared/store/mediaRecord.ts';
import { type MediaOutcome, MediaStore } from '../../shared/store/mediaStore.ts';
import { createTestEnv, type TestEnv } from '../support/env.ts';

/*
 * The pending bound on DynamoDB Local: a record not completed within MEDIA_LIMITS.pendingSeconds
 * reads as failed, and from a little before that no processing can complete it, so a record that
 * anyone was told had failed never turns ready afterwards.
 */
let env: TestEnv;
let db: ReturnType<typeof createDocumentClient>;
let clock = new Date();
let store: MediaStore;

beforeAll(async () => {
  env = await createTestEnv();
  db = createDocumentClient(env.endpoint);
  store = new MediaStore(db, env.contentTable, () => clock);
});
afterAll(() => db?.destroy());

let n = 0;
async function pending(createdAt: Date): Promise<Media> {
  n += 1;
  const media: Media = {
    id: `01KB0000000000000000000${String(n).padStart(3, '0')}`,
    status: 'pending',
    type: null,
    width: null,
    height: null,
    bytes: null,
    alt: 'Waiting',
    caption: null,
    credit: null,
    licence: null,
    fileName: null,
    uploadedBy: 'writer',
    createdAt: createdAt.toISOString(),
    updatedAt: createdAt.toISOString(),
    version: 1,
    original: null,
    renditions: [],
    failure: null,
    focalPoint: { x: 0.5, y: 0.5 },
    crops: [],
    cropsFor: null,
  };
  await store.create(media);
  return media;
}

const ready: MediaOutcome = {
  status: 'ready',
  type: 'image/png',
  width: 10,
  height: 10,
  bytes: 100,
  original: '/media/originals/x/0',
  renditions: [],
  crops: [],
  cropsFor: null,
};
const minutes = (m: number) => m * 60_000;

describe('a record waiting for its upload', () => {
  it('reads as pending until its time is up, then as failed with the reason', async () => {
    const registered = new Date();
    const media = await pending(registered);
    clock = new Date(registered.getTime() + MEDIA_LIMITS.pendingSeconds * 1000 - 1);
    expect((await store.get(media.id))?.status).toBe('pending');
    clock = new Date(registered.getTime() + MEDIA_LIMITS.pendingSeconds * 1000);
    expect(await store.get(media.id)).toMatchObject({ status: 'failed', failure: PENDING_FAILURE });
    expect((await store.getMany([media.id])).get(media.id)?.status).toBe('failed');
  });

  it('is completed by a processing in time, and by none once it may read as failed', async () => {
    const registered = new Date(Date.now() - minutes(50));
    const inTime = await pending(registered);
    expect(
      await store.complete(inTime.id, ready, new Date(registered.getTime() + minutes(50)).toISOString()),
    ).toBe(true);
    const late = await pending(registered);
    // Five minutes before the bound (the margin for clock skew) and later: refused, stays as it was.
    const at = new Date(registered.getTime() + MEDIA_LIMITS.pendingSeconds * 1000 - minutes(5));
    expect(await store.complete(late.id, ready, at.toISOString())).toBe(false);
    clock = new Date(registered.getTime() + MEDIA_LIMITS.pendingSeconds * 1000);
    expect(await store.get(late.id)).toMatchObject({ status: 'failed', version: 1 });
  });
});
