import { createHmac } from 'node:crypto';

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/**
 * A keyed hash of the client (address and user agent), so a stored value cannot be reversed to an
 * IP by guessing. Flood control, reports and bans all key on it: it must be computed here only.
 */
export function clientFingerprint(secret: string, client: ClientInfo): string {
  return createHmac('sha256', secret)
    .update(`fingerprint\n${client.ip}\n${client.userAgent}`)
    .digest('base64url')
    .slice(0, 32);
}

/**
 * A keyed hash of an email address (trimmed, lowercased): what bans and trust are keyed on, so no
 * index or key ever holds a plain email.
 */
export function emailHash(secret: string, email: string): string {
  return createHmac('sha256', secret)
    .update(`email\n${email.trim().toLowerCase()}`)
    .digest('base64url')
    .slice(0, 32);
}
