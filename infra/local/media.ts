import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { S3Event } from 'aws-lambda';
import {
  MEDIA_CACHE_CONTROL,
  ORIGINALS_PREFIX,
  RENDITIONS_PREFIX,
} from '../../shared/services/media/layout.ts';
import { folderStorage, localPathOf } from '../../shared/services/media/storage.ts';
import { LOCAL_MEDIA } from '../../shared/wiring/media.ts';
import { mediaNotifications } from './mediaNotify.ts';
import { checkPolicy, readForm, S3Error } from './s3Post.ts';

/**
 * The media bucket's local stand-in, on the local gateway:
 *   OPTIONS /_media/upload answers a browser's CORS preflight as the bucket's CORS rule does:
 *                        POST from the console's own origin (this server's) or a listed one.
 *   POST /_media/upload  takes a presigned POST form and checks it as S3 does (SigV4 signature
 *                        with the dev key, expiry, every policy condition, content-length-range,
 *                        no unlisted fields), answering S3's errors; then stores the file under
 *                        the key the policy fixes (media/incoming/<id>, never served) and
 *                        announces it to the rendition function's handler with an S3 event,
 *                        retried and dead-lettered as Lambda's asynchronous invocation would.
 *   GET  /media/*        serves originals and renditions from the folder, cached as CloudFront does.
 */
export const LOCAL_UPLOAD_PATH = `/_media/${LOCAL_MEDIA.bucket}`;

/** This machine's own names, with a port: the only hosts the upload address follows. */
const LOOPBACK_HOST = /^(?:localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/**
 * The upload form's address as the caller reached this server. The server listens on one port
 * under several names (localhost, 127.0.0.1): a console opened at 127.0.0.1 must post its file
 * to 127.0.0.1 too, or the browser treats the upload as cross-origin and the local bucket's CORS
 * rule (own origin only) keeps the answer from the page. Only loopback names are followed, so a
 * forged Host cannot send a file elsewhere. In AWS the form goes to the bucket, whatever the
 * console's address; this concerns the local stand-in only.
 */
export function uploadUrlForHost(signedUrl: string, host: string | undefined, localUrl: string): string {
  if (!host || !LOOPBACK_HOST.test(host) || !signedUrl.startsWith(`${localUrl}/`)) return signedUrl;
  return `http://${host}${signedUrl.slice(localUrl.length)}`;
}

export interface LocalMediaOptions {
  /** The folder the objects live in (keys as in the bucket). */
  dir: string;
  /** The dev key upload policies are signed with. */
  secret: string;
  /** The rendition function's handler, sent what S3's notification would send. */
  process: (event: S3Event) => Promise<void>;
  /**
   * The waits before each retry of a failed invocation: Lambda retries an asynchronous invocation
   * twice (after about one and two minutes); locally, sooner. Default one and two seconds.
   */
  retryDelaysMs?: readonly number[];
  /** Where an upload whose processing failed every attempt is written (the on-failure queue's stand-in). */
  deadLetterFile?: string;
  /**
   * Other origins uploads may come from (the stack's `-c corsOrigins`); the console's own origin,
   * this server's, always may. In AWS the bucket's CORS rule names the console's origin.
   */
  corsOrigins?: readonly string[];
  log?: (line: string) => void;
}

export interface LocalMedia {
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Waits for uploads still being processed. */
  settle(): Promise<void>;
  /** Stops watching the folder for crop requests. */
  close(): void;
}

export function localMedia(options: LocalMediaOptions): LocalMedia {
  const storage = folderStorage(options.dir);
  const notifications = mediaNotifications(options);
  notifications.watch();

  async function upload(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const form = await readForm(req);
    const { key, contentType, file } = checkPolicy(form, options.secret, Date.now());
    await storage.write(key, Buffer.from(await file.arrayBuffer()), contentType);
    res.statusCode = 204;
    res.end();
    // As in AWS, the notification is asynchronous: the client polls the record until it is ready.
    notifications.announce(key, file.size);
  }

  /** CloudFront's reach: originals and renditions only, never an upload (media/incoming/). */
  async function serve(path: string, res: ServerResponse, head: boolean): Promise<boolean> {
    const key = decodeURIComponent(path.slice(1));
    if (!(key.startsWith(ORIGINALS_PREFIX) || key.startsWith(RENDITIONS_PREFIX)) || key.includes('..')) {
      return false;
    }
    let body: Buffer;
    try {
      body = await readFile(localPathOf(options.dir, key));
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return true;
    }
    res.writeHead(200, {
      'Content-Type': sniff(body),
      'Content-Length': body.length,
      'Cache-Control': MEDIA_CACHE_CONTROL,
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(head ? undefined : body);
    return true;
  }

  /** The request's Origin when the bucket's CORS rule admits it; undefined otherwise (or none sent). */
  const admittedOrigin = (req: IncomingMessage): string | undefined => {
    const origin = req.headers.origin;
    if (!origin) return undefined;
    const own = `http://${req.headers.host ?? ''}`;
    return origin === own || (options.corsOrigins ?? []).includes(origin) ? origin : undefined;
  };
  const corsHeaders = (origin: string | undefined): Record<string, string> =>
    origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : { Vary: 'Origin' };

  return {
    async handle(req, res) {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === LOCAL_UPLOAD_PATH && req.method === 'OPTIONS') {
        const origin = admittedOrigin(req);
        const method = String(req.headers['access-control-request-method'] ?? '');
        if (!origin || method !== 'POST') {
          // S3's answer to a preflight no CORS rule admits.
          res.writeHead(403, { 'Content-Type': 'application/xml', Vary: 'Origin' });
          res.end(
            '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessForbidden</Code><Message>CORSResponse: This CORS request is not allowed.</Message></Error>',
          );
          return true;
        }
        res.writeHead(200, {
          ...corsHeaders(origin),
          'Access-Control-Allow-Methods': 'POST',
          'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? '*'),
          'Access-Control-Max-Age': '3000',
        });
        res.end();
        return true;
      }
      if (url.pathname === LOCAL_UPLOAD_PATH && req.method === 'POST') {
        // As S3 does: the upload is judged by its policy; CORS only decides whether the page may read the answer.
        for (const [name, value] of Object.entries(corsHeaders(admittedOrigin(req))))
          res.setHeader(name, value);
        try {
          await upload(req, res);
        } catch (error) {
          if (!(error instanceof S3Error)) throw error;
          res.writeHead(error.status, {
            'Content-Type': 'application/xml',
            // The rest of an oversized body is not read: this connection cannot carry another request.
            ...(error.code === 'EntityTooLarge' ? { Connection: 'close' } : {}),
          });
          res.end(
            `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message></Error>`,
          );
        }
        return true;
      }
      if (url.pathname.startsWith('/media/') && (req.method === 'GET' || req.method === 'HEAD')) {
        return serve(url.pathname, res, req.method === 'HEAD');
      }
      return false;
    },
    settle: () => notifications.settle(),
    close: () => notifications.close(),
  };
}

/** The content type of a stored object, from its first bytes (the formats the library keeps). */
function sniff(body: Buffer): string {
  const ascii = (from: number, to: number) => body.subarray(from, to).toString('latin1');
  if (body[0] === 0xff && body[1] === 0xd8 && body[2] === 0xff) return 'image/jpeg';
  if (ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 12) === 'ftypavif') return 'image/avif';
  return 'application/octet-stream';
}

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
