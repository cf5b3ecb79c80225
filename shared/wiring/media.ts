import { readFileSync } from 'node:fs';
import { ENV, optionalEnv, requireEnv } from '../env.ts';
import { folderStorage, type MediaStorage } from '../services/media/storage.ts';

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
 * Where media objects are kept: the folder MEDIA_LOCAL_DIR names (locally), else the bucket, its
 * storage built by `s3` (at once for the rendition function, on first use for the editorial one:
 * ./mediaLibrary.ts).
 */
export function mediaStorageFromEnv(s3: (bucket: string) => MediaStorage): MediaStorage {
  const dir = optionalEnv(ENV.mediaLocalDir);
  if (dir) return folderStorage(dir);
  return s3(requireEnv(ENV.mediaBucket));
}
