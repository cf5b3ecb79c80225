import { systemClock, ulidFactory } from '../clock.ts';
import { ENV, optionalEnv, requireEnv } from '../env.ts';
import { DynamoSearchIndex } from '../search/dynamoSearchIndex.ts';
import { once } from '../secrets.ts';
import { createLibrary } from '../services/media/library.ts';
import type { MediaStorage, UploadSigner } from '../services/media/storage.ts';
import { contentFromEnv } from './common.ts';
import { LOCAL_MEDIA, localMediaSecret, mediaStorageFromEnv } from './media.ts';

/**
 * The editorial function's S3 client and upload signer, loaded on first use. Most editorial
 * requests never touch media, and evaluating the S3 client (some 175 KB of the bundle) at every
 * cold start would make each of them pay for it. In the single-file bundle esbuild keeps the
 * module and runs it on the first import(); the variables are still read at start, so a missing
 * one fails the cold start. (The rendition function uses S3 on every event and loads it at once.)
 */
const loadS3 = once(() => import('../services/media/s3.ts'));

function lazyS3Storage(bucket: string): MediaStorage {
  const storage = once(async () => {
    const s3 = await loadS3();
    return s3.s3Storage(new s3.S3Client({}), bucket);
  });
  return {
    read: async (key) => (await storage()).read(key),
    write: async (key, body, contentType) => (await storage()).write(key, body, contentType),
    remove: async (keys) => (await storage()).remove(keys),
  };
}

function uploadSignerFromEnv(): UploadSigner {
  const localUrl = optionalEnv(ENV.mediaUploadUrl);
  const signer = localUrl ? localSigner(localUrl) : awsSigner(requireEnv(ENV.mediaBucket));
  return { sign: async (input) => (await signer()).sign(input) };
}

const awsSigner = (bucket: string) =>
  once(async () => {
    const s3 = await loadS3();
    return s3.presignUpload(new s3.S3Client({}), bucket);
  });

function localSigner(localUrl: string) {
  // The endpoint is the gateway's /_media: with path-style addressing the form goes to /_media/upload.
  const endpoint = localUrl.replace(new RegExp(`/${LOCAL_MEDIA.bucket}$`), '');
  const secretAccessKey = localMediaSecret(requireEnv(ENV.localSecretsFile));
  return once(async () => {
    const s3 = await loadS3();
    const client = new s3.S3Client({
      endpoint,
      forcePathStyle: true,
      region: LOCAL_MEDIA.region,
      credentials: { accessKeyId: LOCAL_MEDIA.accessKeyId, secretAccessKey },
    });
    return s3.presignUpload(client, LOCAL_MEDIA.bucket);
  });
}

/** The editorial function's media library: only it signs uploads and deletes media files. */
export function mediaLibraryFromEnv() {
  const { db, store } = contentFromEnv();
  return createLibrary({
    search: new DynamoSearchIndex(db, requireEnv(ENV.searchTable)),
    store,
    storage: mediaStorageFromEnv(lazyS3Storage),
    signer: uploadSignerFromEnv(),
    clock: systemClock,
    newId: ulidFactory(),
  });
}
