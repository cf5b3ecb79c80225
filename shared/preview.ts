import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Preview tokens: signed, expiring, scoped to one article and one stored link. Anyone holding one
 * may read that article's working copy until it expires, is revoked, or the article is taken down. The payload is readable (article id and expiry) but
 * cannot be changed without the key; a tampered, expired or foreign token is simply not found.
 */
export const PREVIEW_TTL = {
  defaultSeconds: 24 * 60 * 60,
  minSeconds: 60,
  maxSeconds: 7 * 24 * 60 * 60,
} as const;

/** What any preview link that opens nothing answers, whatever the reason: it reveals none. */
export const PREVIEW_GONE = 'This preview link is not valid, has expired or was revoked.';

export interface PreviewClaims {
  articleId: string;
  /** The stored link the token stands for: revoking it (or a takedown) ends the token. */
  linkId: string;
  /** Epoch seconds. */
  expiresAt: number;
}

export interface PreviewTokens {
  sign(claims: PreviewClaims): string;
  /** The claims of a valid, unexpired token, or null. */
  verify(token: string, nowEpoch: number): PreviewClaims | null;
}

const MAC_BYTES = 24;

export function previewTokens(secret: string): PreviewTokens {
  const mac = (payload: string) =>
    createHmac('sha256', secret).update('preview\n').update(payload).digest().subarray(0, MAC_BYTES);
  return {
    sign(claims) {
      const payload = Buffer.from(`${claims.articleId}.${claims.linkId}.${claims.expiresAt}`).toString(
        'base64url',
      );
      return `${payload}.${mac(payload).toString('base64url')}`;
    },
    verify(token, nowEpoch) {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined || token.length > 200) return null;
      const given = Buffer.from(signature, 'base64url');
      const expected = mac(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
      // A token from before links were stored has no link id: it names no link, so it is not found.
      const [articleId, linkId, expiry, rest] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
      const expiresAt = Number(expiry);
      if (!articleId || !linkId || rest !== undefined) return null;
      if (!Number.isInteger(expiresAt) || expiresAt <= nowEpoch) return null;
      return { articleId, linkId, expiresAt };
    },
  };
}

/**
 * The previewUrl setting (a newsroom's own frontend) filled in: `{token}` and `{slug}` become the
 * link's values, percent-encoded, so neither can break out of where the template puts it.
 */
export function fillPreviewUrl(template: string, values: { token: string; slug: string }): string {
  return template
    .replaceAll('{token}', encodeURIComponent(values.token))
    .replaceAll('{slug}', encodeURIComponent(values.slug));
}
