import { createHmac, timingSafeEqual } from 'node:crypto';
import { BadRequestError } from '../errors.ts';

/**
 * Opaque, tamper-evident list cursors. A cursor carries DynamoDB's LastEvaluatedKey and the
 * scope of the list it belongs to (which query, which filters, which caller), signed with an HMAC.
 * A forged cursor, or one taken from another list, fails verification and is a 400, so a client
 * can never steer a Query to a partition it was not asked about.
 */
export type PageKey = Record<string, string | number>;

export interface CursorCodec {
  encode(key: PageKey | undefined, scope: string): string | null;
  decode(cursor: string | undefined, scope: string): PageKey | undefined;
}

const MAC_BYTES = 16;

export function createCursorCodec(secret: string): CursorCodec {
  const mac = (payload: string, scope: string) =>
    createHmac('sha256', secret).update(scope).update('\n').update(payload).digest().subarray(0, MAC_BYTES);

  return {
    encode(key, scope) {
      if (!key) return null;
      const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
      return `${payload}.${mac(payload, scope).toString('base64url')}`;
    },
    decode(cursor, scope) {
      if (cursor === undefined) return undefined;
      const invalid = () =>
        new BadRequestError('The cursor is not valid for this list; start again without it.');
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined) throw invalid();
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload, scope);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
      let key: unknown;
      try {
        key = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw invalid();
      }
      if (!isPageKey(key)) throw invalid();
      return key;
    },
  };
}

function isPageKey(value: unknown): value is PageKey {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}
