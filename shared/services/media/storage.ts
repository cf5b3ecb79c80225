import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { MEDIA_CACHE_CONTROL } from './layout.ts';

/**
 * Where media objects are kept: the media bucket in AWS, a folder locally (`npm start` keeps it
 * under .local/media). The keys are the same in both (shared/services/media/layout.ts), and the
 * processing code above this seam cannot tell them apart.
 */
export interface MediaStorage {
  /** The object's bytes, or null when there is none. */
  read(key: string): Promise<Buffer | null>;
  write(key: string, body: Buffer, contentType: string): Promise<void>;
  remove(keys: readonly string[]): Promise<void>;
}

/** A presigned POST: the form's target and the fields to send before the file. */
export interface SignedUpload {
  url: string;
  fields: Record<string, string>;
}

export interface UploadSigner {
  sign(input: {
    key: string;
    contentType: string;
    maxBytes: number;
    expiresSeconds: number;
  }): Promise<SignedUpload>;
}

/**
 * The upload policy, the same in AWS and locally: exactly this key, exactly the declared content
 * type (one of the five the API accepts), a size between 1 byte and maxBytes, and the object's
 * Cache-Control set by us, not the client.
 */
export function presignUpload(client: S3Client, bucket: string): UploadSigner {
  return {
    sign: ({ key, contentType, maxBytes, expiresSeconds }) =>
      createPresignedPost(client, {
        Bucket: bucket,
        Key: key,
        Conditions: [
          ['content-length-range', 1, maxBytes],
          ['eq', '$Content-Type', contentType],
        ],
        Fields: { 'Content-Type': contentType, 'Cache-Control': MEDIA_CACHE_CONTROL },
        Expires: expiresSeconds,
      }),
  };
}

export function s3Storage(client: S3Client, bucket: string): MediaStorage {
  return {
    async read(key) {
      try {
        const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return Body ? Buffer.from(await Body.transformToByteArray()) : null;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    async write(key, body, contentType) {
      await client.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          CacheControl: MEDIA_CACHE_CONTROL,
        }),
      );
    },
    async remove(keys) {
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000);
        const { Errors } = await client.send(
          new DeleteObjectsCommand({
            Bucket: bucket,
            Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
          }),
        );
        if (Errors?.length) throw new Error(`Could not delete ${Errors.length} media objects`);
      }
    },
  };
}

/** The local stand-in: the same keys as files under one folder. */
export function folderStorage(root: string): MediaStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    const path = resolve(base, key);
    if (!path.startsWith(base + sep)) throw new Error(`Media key outside the media folder: ${key}`);
    return path;
  };
  return {
    async read(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async write(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, body);
    },
    async remove(keys) {
      await Promise.all(keys.map((key) => rm(pathOf(key), { force: true })));
    },
  };
}

/** A local folder's path for a key (the local server serves from here). */
export const localPathOf = (root: string, key: string) => join(resolve(root), key);
