import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where media objects are kept: the media bucket in AWS, a folder locally (`npm start` keeps it
 * under .local/media). The keys are the same in both (shared/services/media/layout.ts), and the
 * processing code above this seam cannot tell them apart. The S3 implementations are in ./s3.ts.
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
