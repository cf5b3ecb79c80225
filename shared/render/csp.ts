import { createHash } from 'node:crypto';
import { ARTICLE_PAGE_CSS } from './styles.ts';

/**
 * The article page's own Content-Security-Policy: nothing may load or run but its one stylesheet
 * (by hash) and images. No script at all (default-src 'none' covers script-src), no form posts,
 * no <base>, no plug-ins. Images may come from this origin (media renditions are paths on it) or
 * any http(s) host (external image blocks), as the safe-URL rule already limits them.
 */
const styleHash = createHash('sha256').update(ARTICLE_PAGE_CSS).digest('base64');

export const ARTICLE_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${styleHash}'`,
  "img-src 'self' https: http:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');
