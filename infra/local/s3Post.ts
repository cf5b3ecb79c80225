import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { MEDIA_LIMITS } from '../../shared/schemas/facts.ts';
import { LOCAL_MEDIA } from '../../shared/wiring/media.ts';

/*
 * S3's browser-based POST upload, as the local media bucket checks it (./media.ts serves it):
 * reading the form, then the policy's signature, expiry and conditions, with S3's error codes.
 */

/** Room for the form's other fields around the largest file a policy admits. */
const FORM_OVERHEAD = 1024 * 1024;

export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The form, read whole but never more than the largest upload a policy can admit. */
export async function readForm(req: IncomingMessage): Promise<FormData> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new S3Error(
      412,
      'PreconditionFailed',
      'Bucket POST must be of the enclosure-type multipart/form-data',
    );
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MEDIA_LIMITS.maxBytes + FORM_OVERHEAD) {
      throw new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    }
    chunks.push(chunk as Buffer);
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { 'content-type': type } }).formData();
  } catch {
    throw new S3Error(
      400,
      'MalformedPOSTRequest',
      'The body of your POST request is not well-formed multipart/form-data.',
    );
  }
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** Fields S3 leaves out of the policy check: the signature, the policy itself, the file. */
const UNCHECKED = new Set(['policy', 'x-amz-signature', 'file']);

/** S3's checks of a browser-based POST upload (SigV4), in the order it makes them. */
export function checkPolicy(form: FormData, secret: string, now: number) {
  const fields = new Map<string, string>();
  let file: File | null = null;
  for (const [name, value] of form.entries()) {
    const lower = name.toLowerCase();
    if (lower === 'file') {
      if (typeof value === 'string' || file) {
        throw new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
      }
      file = value;
    } else if (typeof value === 'string') fields.set(lower, value);
  }
  if (!file) throw new S3Error(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
  const need = (name: string) => {
    const value = fields.get(name);
    if (value === undefined)
      throw new S3Error(400, 'InvalidArgument', `Bucket POST must contain a field named '${name}'.`);
    return value;
  };
  const policyB64 = need('policy');
  if (need('x-amz-algorithm') !== 'AWS4-HMAC-SHA256') {
    throw new S3Error(400, 'InvalidArgument', 'Only AWS4-HMAC-SHA256 is supported.');
  }
  const [accessKey, date, region, service, terminator] = need('x-amz-credential').split('/');
  if (accessKey !== LOCAL_MEDIA.accessKeyId) {
    throw new S3Error(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
    );
  }
  if (!date || !region || service !== 's3' || terminator !== 'aws4_request') {
    throw new S3Error(400, 'AuthorizationQueryParametersError', 'The credential is malformed.');
  }
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), 's3'), 'aws4_request');
  const expected = hmac(signingKey, policyB64);
  const given = Buffer.from(need('x-amz-signature'), 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  }

  let policy: { expiration?: unknown; conditions?: unknown };
  try {
    policy = JSON.parse(Buffer.from(policyB64, 'base64').toString('utf8'));
  } catch {
    throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  if (typeof policy.expiration !== 'string' || !Array.isArray(policy.conditions)) {
    throw new S3Error(
      400,
      'InvalidPolicyDocument',
      'Invalid Policy: expiration and conditions are required.',
    );
  }
  if (!(Date.parse(policy.expiration) > now)) {
    throw new S3Error(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  }

  const formValue = (name: string) => (name === 'bucket' ? LOCAL_MEDIA.bucket : (fields.get(name) ?? ''));
  const covered = new Set<string>();
  const failed = (condition: unknown) =>
    new S3Error(
      403,
      'AccessDenied',
      `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(condition)}`,
    );
  for (const condition of policy.conditions as unknown[]) {
    if (Array.isArray(condition)) {
      const [op, target, value, upper] = condition as [string, unknown, unknown, unknown];
      if (op === 'content-length-range') {
        if (file.size < Number(target))
          throw new S3Error(
            400,
            'EntityTooSmall',
            'Your proposed upload is smaller than the minimum allowed size',
          );
        if (file.size > Number(value))
          throw new S3Error(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
        continue;
      }
      if (
        typeof target !== 'string' ||
        !target.startsWith('$') ||
        typeof value !== 'string' ||
        upper !== undefined
      ) {
        throw new S3Error(
          400,
          'InvalidPolicyDocument',
          `Invalid Policy: Invalid condition ${JSON.stringify(condition)}.`,
        );
      }
      const name = target.slice(1).toLowerCase();
      covered.add(name);
      const actual = formValue(name);
      const ok = op === 'eq' ? actual === value : op === 'starts-with' ? actual.startsWith(value) : null;
      if (ok === null)
        throw new S3Error(400, 'InvalidPolicyDocument', `Invalid Policy: Unknown operation ${op}.`);
      if (!ok) throw failed(condition);
    } else if (condition && typeof condition === 'object') {
      for (const [rawName, value] of Object.entries(condition)) {
        const name = rawName.toLowerCase();
        covered.add(name);
        if (formValue(name) !== value) throw failed(condition);
      }
    } else {
      throw new S3Error(
        400,
        'InvalidPolicyDocument',
        'Invalid Policy: a condition must be an array or an object.',
      );
    }
  }
  const extra = [...fields.keys()].filter(
    (name) => !UNCHECKED.has(name) && !name.startsWith('x-ignore-') && !covered.has(name),
  );
  if (extra.length > 0) {
    throw new S3Error(
      403,
      'AccessDenied',
      `Invalid according to Policy: Extra input fields: ${extra.join(', ')}`,
    );
  }
  return { key: need('key'), contentType: fields.get('content-type') ?? 'binary/octet-stream', file };
}
