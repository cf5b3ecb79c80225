import { readFileSync } from 'node:fs';
import { systemClock, ulidFactory } from '../clock.ts';
import { ENV, optionalEnv, requireEnv } from '../env.ts';
import { once } from '../secrets.ts';
import { createLibrary } from '../services/media/library.ts';
import { folderStorage, type MediaStorage, type UploadSigner } from '../services/media/storage.ts';
import { contentFromEnv } from './common.ts';

/**
 * The media bucket, or its local stand-in. In AWS the function's role signs the upload policy and
 * reads and writes the bucket. Locally the objects are files under MEDIA_LOCAL_DIR, and policies
 * are signed for the local gateway's upload endpoint (MEDIA_UPLOAD_URL) with the dev key that
 * endpoint checks them with, exactly as S3 checks a SigV4 POST policy.
 */
export const LOCAL_MEDIA = {
  /** The bucket name the local upload endpoint answers to: POST <gateway>/_media/upload. */
  bucket: 'upload',
  /** The access key id of local policies; the secret is the dev keys file's mediaSecret. */
  accessKeyId: 'local-media',
  region: 'local',
  secretField: 'mediaSecret',
} as const;

export function localMediaSecret(secretsFile: string): string {
  const value = (JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, unknown>)[
    LOCAL_MEDIA.secretField
  ];
  if (typeof value !== 'string' || value === '')
    throw new Error(`${secretsFile} has no ${LOCAL_MEDIA.secretField}`);
  return value;
}

/**
 * The S3 client and the upload signer, loaded on first use. Most editorial requests never touch
 * media, and evaluating the S3 client (some 175 KB of the bundle) at every cold start would make
 * each of them pay for it. In the single-file bundle esbuild keeps the module and runs it on the
 * first import(); the variables are still read at start, so a missing one fails the cold start.
 */
const loadS3 = once(() => import('../services/media/s3.ts'));

export function mediaStorageFromEnv(): MediaStorage {
  const dir = optionalEnv(ENV.mediaLocalDir);
  if (dir) return folderStorage(dir);
  const bucket = requireEnv(ENV.mediaBucket);
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

export function uploadSignerFromEnv(): UploadSigner {
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
  const { store } = contentFromEnv();
  return createLibrary({
    store,
    storage: mediaStorageFromEnv(),
    signer: uploadSignerFromEnv(),
    clock: systemClock,
    newId: ulidFactory(),
  });
}
