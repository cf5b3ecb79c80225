import { type FSWatcher, mkdirSync, watch } from 'node:fs';
import { appendFile, mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { INCOMING_PREFIX, idOfCropRequest } from '../../shared/services/media/layout.ts';
import { localPathOf } from '../../shared/services/media/storage.ts';
import { LOCAL_MEDIA } from '../../shared/wiring/media.ts';

/**
 * The media bucket's notifications, locally: an object created under the uploads prefix invokes
 * the rendition function asynchronously, retried after a failure and then dead-lettered, as
 * Lambda's asynchronous invocation does. Uploads are announced by the upload endpoint (./media.ts);
 * the crop requests an edit of a focal point writes into the folder are seen by a watch on it.
 */
export interface NotifyOptions {
  /** The folder the objects live in (keys as in the bucket). */
  dir: string;
  process: (event: S3Event) => Promise<void>;
  /** The waits before each retry (Lambda: about one and two minutes; locally one and two seconds). */
  retryDelaysMs?: readonly number[];
  /** Where an invocation that failed every attempt is written (the on-failure queue's stand-in). */
  deadLetterFile?: string;
  log?: (line: string) => void;
}

export function mediaNotifications(options: NotifyOptions) {
  const inFlight = new Set<Promise<void>>();
  let watcher: FSWatcher | null = null;

  async function invoke(event: S3Event, key: string): Promise<void> {
    const delays = options.retryDelaysMs ?? [1_000, 2_000];
    for (let attempt = 0; ; attempt += 1) {
      try {
        await options.process(event);
        return;
      } catch (error) {
        const delay = delays[attempt];
        if (delay === undefined) {
          options.log?.(`Processing ${key} failed after ${attempt + 1} attempts: ${String(error)}`);
          if (options.deadLetterFile) {
            await mkdir(dirname(options.deadLetterFile), { recursive: true });
            await appendFile(
              options.deadLetterFile,
              `${JSON.stringify({ at: new Date().toISOString(), key, error: String(error) })}\n`,
            );
          }
          return;
        }
        options.log?.(`Processing ${key} failed (${String(error)}); retrying in ${delay} ms`);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  function announce(key: string, size: number): void {
    const job = invoke(s3Event(key, size), key).finally(() => inFlight.delete(job));
    inFlight.add(job);
  }

  return {
    announce,
    /** Starts watching the uploads folder for crop requests (the bucket notifies of every object). */
    watch(): void {
      const folder = localPathOf(options.dir, INCOMING_PREFIX);
      mkdirSync(folder, { recursive: true });
      watcher = watch(folder, (_change, name) => {
        const key = name ? `${INCOMING_PREFIX}${name}` : '';
        if (!idOfCropRequest(key)) return;
        // A rename event also comes when the request is removed: only an object that is there.
        const job = stat(localPathOf(options.dir, key)).then(
          () => announce(key, 0),
          () => undefined,
        );
        inFlight.add(job);
        void job.finally(() => inFlight.delete(job));
      });
    },
    /** Waits for invocations still running. */
    async settle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
    close(): void {
      watcher?.close();
      watcher = null;
    },
  };
}

/** What S3's ObjectCreated notification carries, as far as the rendition function reads it. */
function s3Event(key: string, size: number): S3Event {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: LOCAL_MEDIA.region,
        eventTime: new Date().toISOString(),
        eventName: 'ObjectCreated:Post',
        userIdentity: { principalId: 'local' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'local-uploads',
          bucket: {
            name: LOCAL_MEDIA.bucket,
            ownerIdentity: { principalId: 'local' },
            arn: `arn:aws:s3:::${LOCAL_MEDIA.bucket}`,
          },
          object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size, eTag: '', sequencer: '0' },
        },
      },
    ],
  };
}
