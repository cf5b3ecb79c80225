import { MEDIA_LIMITS } from '../../shared/schemas/facts.ts';
import { api, type Media, type MediaCreate, type Problem, type Result } from './api.ts';

/** A file name the API keeps: a name only, one line, not too long. */
const keepableName = (name: string) =>
  name.trim() !== '' && name.length <= MEDIA_LIMITS.fileName && !/[/\\\p{Cc}]/u.test(name);

/**
 * An upload to the media library as the API describes it: register the image (the pending record
 * and a presigned POST), send the file straight to storage with XMLHttpRequest (fetch cannot report
 * upload progress), then read the record until the server has read the file: ready, or failed
 * with the reason.
 */
export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'] as const;
type Accepted = (typeof ACCEPTED_TYPES)[number];
const isAccepted = (type: string): type is Accepted => (ACCEPTED_TYPES as readonly string[]).includes(type);

export type UploadState =
  | { phase: 'registering' }
  | { phase: 'uploading'; loaded: number; total: number }
  | { phase: 'processing' }
  | { phase: 'ready'; media: Media }
  | { phase: 'failed'; message: string; problem?: Problem; media?: Media };

export interface UploadOptions {
  file: File;
  describe: Omit<MediaCreate, 'contentType' | 'bytes'>;
  onState: (state: UploadState) => void;
  /** How often the record is read while the server works on the file. */
  pollMs?: number;
  /** When to stop waiting for the server (it is asynchronous in AWS too). */
  timeoutMs?: number;
}

/** What storage answered, from S3's XML error document (`<Message>`), or the status. */
function storageMessage(xhr: XMLHttpRequest): string {
  const message = /<Message>([^<]*)<\/Message>/.exec(xhr.responseText ?? '')?.[1];
  return message ? `The storage refused the file: ${message}` : `The upload failed (HTTP ${xhr.status}).`;
}

function post(
  url: string,
  fields: Record<string, string>,
  file: File,
  onProgress: (loaded: number, total: number) => void,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file); // last: storage ignores fields after the file
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () =>
      resolve(
        xhr.status >= 200 && xhr.status < 300 ? { ok: true } : { ok: false, message: storageMessage(xhr) },
      );
    xhr.onerror = () =>
      resolve({ ok: false, message: 'The upload was interrupted: the storage could not be reached.' });
    xhr.send(form);
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Registers, uploads and waits; every step is reported through onState, the last one returned. */
export async function uploadImage({
  file,
  describe,
  onState,
  pollMs = 500,
  timeoutMs = 120_000,
}: UploadOptions): Promise<UploadState> {
  const report = (state: UploadState) => {
    onState(state);
    return state;
  };
  if (!isAccepted(file.type)) {
    return report({
      phase: 'failed',
      message: `${file.name || 'This file'} is not a JPEG, PNG, WebP, AVIF or GIF image.`,
    });
  }
  report({ phase: 'registering' });
  const registered: Result<{
    media: Media;
    upload: { url: string; fields: Record<string, string>; maxBytes: number };
  }> = await api.createMedia({
    ...describe,
    contentType: file.type,
    bytes: file.size,
    // Its name finds it in the library; a name the API would refuse is left out, not the upload.
    ...(keepableName(file.name) ? { fileName: file.name } : {}),
  });
  if (!registered.ok) {
    return report({
      phase: 'failed',
      message: 'The image could not be registered.',
      problem: registered.problem,
    });
  }
  const { media, upload } = registered.data;
  if (file.size > upload.maxBytes) {
    await api.deleteMedia(media.id);
    return report({
      phase: 'failed',
      message: `The file is ${fileSize(file.size)}; the limit is ${fileSize(upload.maxBytes)}.`,
    });
  }
  report({ phase: 'uploading', loaded: 0, total: file.size });
  const sent = await post(upload.url, upload.fields, file, (loaded, total) =>
    report({ phase: 'uploading', loaded, total }),
  );
  if (!sent.ok) {
    // The file never arrived: its record would wait at Processing until it expired. The uploader
    // may delete a record that never became ready; if that fails too, it expires on its own.
    await api.deleteMedia(media.id);
    return report({ phase: 'failed', message: `${sent.message} Nothing was added to the library.` });
  }
  report({ phase: 'processing' });
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const read = await api.getMedia(media.id);
    if (!read.ok)
      return report({
        phase: 'failed',
        media,
        message: 'The image could not be read back.',
        problem: read.problem,
      });
    if (read.data.status === 'ready') return report({ phase: 'ready', media: read.data });
    if (read.data.status === 'failed') {
      return report({
        phase: 'failed',
        media: read.data,
        message: `The file could not be used: ${read.data.failure ?? 'it is not a usable image'}.`,
      });
    }
    await wait(pollMs);
  }
  return report({
    phase: 'failed',
    media,
    message: 'The server has not finished reading the file yet. It will appear in the library when it has.',
  });
}

/** A file size as people read it: 840 KB, 3.2 MB, 20 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = bytes / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

/** The narrowest rendition at least `width` wide (or the widest there is), for a thumbnail. */
export function thumbnailOf(media: Pick<Media, 'renditions' | 'original'>, width = 320): string | undefined {
  const sorted = [...media.renditions].sort((a, b) => a.width - b.width);
  return (sorted.find((r) => r.width >= width) ?? sorted.at(-1))?.url ?? media.original ?? undefined;
}

/** The library's records read once per page: thumbnails of articles' images without repeating reads. */
const known = new Map<string, Promise<Media | undefined>>();
export function rememberMedia(media: Media) {
  known.set(media.id, Promise.resolve(media));
}
export function forgetMedia(id: string) {
  known.delete(id);
}
export function mediaById(id: string): Promise<Media | undefined> {
  let found = known.get(id);
  if (!found) {
    found = api.getMedia(id).then((r) => (r.ok ? r.data : undefined));
    known.set(id, found);
  }
  return found;
}
