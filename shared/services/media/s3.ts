import {
  DeleteObjectsCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { MEDIA_CACHE_CONTROL } from './layout.ts';
import type { MediaStorage, UploadSigner } from './storage.ts';

/**
 * The media bucket behind the storage and signing seams of ./storage.ts. A module of its own so the
 * S3 client (with the upload signer, some 175 KB of a bundle) is loaded only where and when it is
 * used (shared/wiring/media.ts).
 */
export { S3Client } from '@aws-sdk/client-s3';

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
