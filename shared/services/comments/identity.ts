import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import type { Who } from '../../store/comments/commenterStore.ts';

export interface ClientInfo {
  ip: string;
  userAgent: string;
}

const keyed = (secret: string, purpose: string, value: string) =>
  createHmac('sha256', secret).update(`${purpose}\n${value}`).digest('base64url').slice(0, 32);

/**
 * A keyed hash of the client (address and user agent), so a stored value cannot be reversed to an
 * IP by guessing. Submission flood control and duplicates key on it: it must be computed here only.
 */
export function clientFingerprint(secret: string, client: ClientInfo): string {
  return keyed(secret, 'fingerprint', `${client.ip}\n${client.userAgent}`);
}

/**
 * The reader behind an address, as reports and bans count them: an IPv4 address as it is (an
 * IPv4-mapped IPv6 address as its IPv4), an IPv6 address by its /64, which one subscriber holds
 * whole and rotates privacy addresses within. Anything else (an empty address) as given.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * A keyed hash of the client's address (see addressKey), whatever its user agent: what a reader's
 * reports count once under, what their report rate is limited by, and what a ban holds besides
 * the fingerprint and the email.
 */
export function addressHash(secret: string, ip: string): string {
  return keyed(secret, 'address', addressKey(ip));
}

const DOTLESS_PROVIDERS: Record<string, string> = { 'gmail.com': 'gmail.com', 'googlemail.com': 'gmail.com' };

/**
 * The mailbox an address delivers to, as its provider sees it: lowercased, the domain in ASCII
 * (IDNA), a `+tag` dropped from the local part everywhere, and dots dropped where the provider
 * ignores them (Gmail, whose googlemail.com is the same mailbox). `troll+x@GMAIL.com`,
 * `t.roll@gmail.com` and `troll@googlemail.com` are one mailbox.
 */
export function mailbox(email: string): string {
  const address = email.trim().normalize('NFKC').toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return address;
  let local = address.slice(0, at);
  const rawDomain = address.slice(at + 1).replace(/\.$/, '');
  let domain = domainToASCII(rawDomain) || rawDomain;
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  const provider = DOTLESS_PROVIDERS[domain];
  if (provider) {
    local = local.replaceAll('.', '');
    domain = provider;
  }
  return `${local}@${domain}`;
}

/**
 * A keyed hash of an email's mailbox (see mailbox): what bans and trust are keyed on, so no index
 * or key ever holds a plain email, and no variant of an address escapes a ban.
 */
export function emailHash(secret: string, email: string): string {
  return keyed(secret, 'email', mailbox(email));
}

/**
 * The hash as it was before mailbox normalization (trimmed and lowercased only): bans and trust
 * records stored then are under it, so a submission looks there too when it differs (see
 * CommenterStore.standingKeys). No migration: both are read in the same BatchGetItem.
 */
export function legacyEmailHash(secret: string, email: string): string {
  return keyed(secret, 'email', email.trim().toLowerCase());
}

/**
 * Who a request comes from, as bans and trust look them up: the client, its address, and the
 * email's mailbox hash (then its legacy hash, when that differs).
 */
export function commenterOf(secret: string, client: ClientInfo, email?: string | null): Who {
  const hashes = email ? [emailHash(secret, email), legacyEmailHash(secret, email)] : [];
  return {
    fingerprint: clientFingerprint(secret, client),
    address: addressHash(secret, client.ip),
    emailHashes: [...new Set(hashes)],
  };
}
