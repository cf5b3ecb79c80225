import { readFileSync } from 'node:fs';
import { S3Client } from '@aws-sdk/client-s3';
import { systemClock, ulidFactory } from '../clock.ts';
import { ENV, optionalEnv, requireEnv } from '../env.ts';
import { createLibrary } from '../services/media/library.ts';
import {
  folderStorage,
  type MediaStorage,
  presignUpload,
  s3Storage,
  type UploadSigner,
} from '../services/media/storage.ts';
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

export function mediaStorageFromEnv(): MediaStorage {
  const dir = optionalEnv(ENV.mediaLocalDir);
  if (dir) return folderStorage(dir);
  return s3Storage(new S3Client({}), requireEnv(ENV.mediaBucket));
}

export function uploadSignerFromEnv(): UploadSigner {
  const localUrl = optionalEnv(ENV.mediaUploadUrl);
  if (!localUrl) return presignUpload(new S3Client({}), requireEnv(ENV.mediaBucket));
  // The endpoint is the gateway's /_media: with path-style addressing the form goes to /_media/upload.
  const endpoint = localUrl.replace(new RegExp(`/${LOCAL_MEDIA.bucket}$`), '');
  const client = new S3Client({
    endpoint,
    forcePathStyle: true,
    region: LOCAL_MEDIA.region,
    credentials: {
      accessKeyId: LOCAL_MEDIA.accessKeyId,
      secretAccessKey: localMediaSecret(requireEnv(ENV.localSecretsFile)),
    },
  });
  return presignUpload(client, LOCAL_MEDIA.bucket);
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
