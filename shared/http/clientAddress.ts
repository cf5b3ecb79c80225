import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { log } from '../log.ts';

/**
 * Who a reader is, as far as flood windows, reports and bans can tell: their address. In AWS every
 * reader reaches the API through CloudFront, so API Gateway's `sourceIp` is an edge server's
 * address, shared by everyone behind that edge. CloudFront states the viewer's own address in
 * `CloudFront-Viewer-Address` (the /v1/* origin request policy forwards it), but anyone calling the
 * execute-api URL directly could write that header too. So it is believed only on a request that
 * carries the origin secret, which CloudFront adds as a custom origin header and nobody else knows;
 * any other request is keyed by the address API Gateway saw, so a direct caller cannot choose who
 * they are. Header names are lowercase, as the dispatcher hands them on.
 */
export const VIEWER_ADDRESS_HEADER = 'cloudfront-viewer-address';
export const ORIGIN_SECRET_HEADER = 'x-origin-verify';

/**
 * The origin secret's values the API accepts now: the current one and, for a while after a
 * rotation, the previous one (CloudFront's edges switch to a new value over minutes).
 */
export type OriginSecrets = () => Promise<readonly string[]>;

/** `[ipv6]:port` is the longest form: 39 + 2 + 1 + 5 characters; anything longer is not an address. */
const MAX_HEADER_LENGTH = 64;

/**
 * The viewer's address from `CloudFront-Viewer-Address`, which is `ip:port` (IPv4 `198.51.100.10:46532`;
 * IPv6 written without brackets, `2001:db8::1:46532`, its last group being the port). The port is a
 * connection's, not a reader's, so it is dropped; IPv6 is written one way (lowercase, compressed) and
 * an IPv4-mapped IPv6 address is the IPv4 address, so one reader has one key. Null when malformed.
 */
export function parseViewerAddress(value: string | undefined): string | null {
  const text = value?.trim() ?? '';
  if (text === '' || text.length > MAX_HEADER_LENGTH) return null;
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([0-9A-Fa-f:.]+)):(\d{1,5})$/.exec(text);
  if (!match || Number(match[3]) > 65_535) return null;
  const host = match[1] ?? match[2] ?? '';
  const version = isIP(host);
  if (version === 4) return match[1] === undefined ? host : null;
  if (version !== 6) return null;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(host)?.[1];
  if (mapped && isIP(mapped) === 4) return mapped;
  // The URL parser writes an IPv6 address in its canonical form (RFC 5952).
  return new URL(`http://[${host}]/`).hostname.slice(1, -1);
}

/** Compares digests, so neither the time taken nor a length tells a guesser anything. */
function sameSecret(expected: string, presented: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return expected !== '' && timingSafeEqual(digest(expected), digest(presented));
}

/**
 * The address a request is keyed by: the viewer's when the request provably came through the CDN
 * (a valid origin secret and a well-formed viewer address), otherwise the source address. Never
 * throws: a secret that cannot be read, a wrong secret or a malformed header all mean the source
 * address, as if the request had come straight to the API.
 */
export async function clientAddress(
  headers: Readonly<Record<string, string>>,
  sourceIp: string,
  originSecrets: OriginSecrets | undefined,
): Promise<string> {
  const presented = headers[ORIGIN_SECRET_HEADER];
  if (!originSecrets || !presented) return sourceIp;
  let accepted: readonly string[];
  try {
    accepted = await originSecrets();
  } catch (error) {
    log.error('The origin secret could not be read; keying the request by its source address', { error });
    return sourceIp;
  }
  if (!accepted.some((value) => sameSecret(value, presented))) return sourceIp;
  return parseViewerAddress(headers[VIEWER_ADDRESS_HEADER]) ?? sourceIp;
}
