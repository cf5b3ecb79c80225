import type * as core from 'zod/v4/core';
import type { Role } from '../../auth/principal.ts';
import { ARTICLE_LIMITS, SLUG_PATTERN, ULID_PATTERN } from '../../schemas/facts.ts';
import type { ResponseName } from '../responses.ts';

/**
 * The vocabulary of the route table. Each route declares its whole contract here once: the
 * dispatcher (shared/http/handler.ts) validates from it, CDK and the local gateway route by it,
 * and the OpenAPI document is generated from it. Kept free of schemas at run time so the lean
 * public bundles can import their own routes.
 */
export const FUNCTIONS = {
  publicRead: {
    trigger: 'api',
    description: 'Public reads: live articles and approved comments (read-only)',
  },
  editorial: {
    trigger: 'api',
    description: 'The editorial API: articles, workflow, revisions, history, previews',
  },
  commentSubmit: { trigger: 'api', description: 'Public comment submission with the moderation rules' },
  moderation: {
    trigger: 'api',
    description: 'The moderation queue, moderation actions and comment settings',
  },
  preview: { trigger: 'api', description: 'Serves a working copy to holders of a signed preview link' },
  docs: { trigger: 'api', description: 'Serves the OpenAPI document (no data access)' },
  scheduledPublish: {
    trigger: 'schedule',
    description: 'Runs scheduled publishes and unpublishes when their schedules fire',
  },
  mediaProcess: {
    trigger: 'storage',
    description: 'Completes media records from their uploads: reads the image, writes WebP renditions',
  },
  eventRelay: {
    trigger: 'stream',
    description: 'The outbox relay: events of committed writes, from the table streams to EventBridge',
  },
  cdnPurge: {
    trigger: 'event',
    description: 'Invalidates the CDN paths an article or comment event made stale',
  },
  adminMfaGate: {
    trigger: 'cognito',
    description: 'Cognito pre-token-generation: no tokens for an admin without an authenticator app',
  },
} as const;
export type FunctionName = keyof typeof FUNCTIONS;
export type ApiFunctionName = {
  [K in FunctionName]: (typeof FUNCTIONS)[K]['trigger'] extends 'api' ? K : never;
}[FunctionName];

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** What the gateway answers: a route's own method, and HEAD beside a public GET. */
export type GatewayMethod = HttpMethod | 'HEAD';

/**
 * The methods a route is reached by. A public GET also answers HEAD (headers, no body): API
 * Gateway does not derive HEAD from GET, and link checkers, crawlers and CDNs send it.
 */
export function gatewayMethods(route: Pick<RouteDefinition, 'method' | 'access'>): GatewayMethod[] {
  return route.method === 'GET' && route.access === 'public' ? ['GET', 'HEAD'] : [route.method];
}

/** Operation groups in the document, in the order a reader meets them. */
export const TAGS = {
  public: 'Live articles as frontends read them. No token.',
  comments: 'Reader comments: the public thread and posting to it. No token.',
  fronts: 'Fronts: pages of zones of stories, pinned by editors or filled by rules, resolved when published.',
  syndication: 'RSS and Atom feeds and sitemaps, for feed readers, aggregators and crawlers. No token.',
  articles: 'Working copies: create, read, edit and delete (authors, editors).',
  workflow: 'Moving an article through review, approval, publishing and scheduling.',
  revisions: 'Saved versions, the audit trail and preview links.',
  authors: 'Author records: the directory editors keep and articles name (authors read, editors write).',
  media: 'The media library: uploading images, their renditions and descriptions (authors, editors).',
  moderation: 'The comment queue and moderation actions (moderators).',
  taxonomy: 'Sections (a small tree) and tags: public reads for frontends, records for editors.',
  settings: 'Admin settings: comment moderation, previews, and the site (links, feeds, sitemaps).',
  meta: 'About this API.',
} as const;
export type Tag = keyof typeof TAGS;

/**
 * Every path parameter the API uses, by name. A value that does not match can name nothing, so
 * it is a 404 before any storage is touched.
 */
/**
 * Path parameters: a value outside its pattern or length names nothing and is a 404 before any
 * read (a key longer than DynamoDB accepts would otherwise fail the request).
 */
export const PATH_PARAMS = {
  id: {
    pattern: ULID_PATTERN,
    maxLength: 26,
    description: 'An id (a ULID)',
    example: '01KAX3TT6V3Q7D0Y6M1V0C5N8E',
  },
  slug: {
    pattern: SLUG_PATTERN,
    maxLength: ARTICLE_LIMITS.slug,
    description: "The article's slug",
    example: 'tram-extension-would-fell-60-trees-in-linden-park-council-papers-reveal',
  },
  section: {
    pattern: SLUG_PATTERN,
    maxLength: ARTICLE_LIMITS.section,
    description: "A section's slug",
    example: 'city',
  },
  tag: {
    pattern: SLUG_PATTERN,
    maxLength: ARTICLE_LIMITS.tag,
    description: "A tag's slug",
    example: 'ferries',
  },
  n: {
    pattern: /^[1-9]\d{0,8}$/,
    maxLength: 9,
    description: 'A revision number, counting from 1',
    example: '2',
  },
  entry: {
    pattern: ULID_PATTERN,
    maxLength: 26,
    description: 'An entry of live coverage, by its id (a ULID)',
    example: '01KAX3W5B7D9F1H3K5M7P9R1T3',
  },
  link: {
    pattern: ULID_PATTERN,
    maxLength: 26,
    description: 'A preview link, by the id createPreview and listPreviews give',
    example: '01KAX3V2Q8M4R6T0W2Y4A6C8E0',
  },
  sitemap: {
    pattern: /^(?:index|news|\d{4}-(?:0[1-9]|1[0-2]))\.xml$/,
    maxLength: 11,
    description:
      'A sitemap: index.xml (the index), news.xml (Google News: the last 48 hours) or a month, 2026-12.xml',
    example: 'index.xml',
  },
  front: {
    pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    maxLength: 40,
    description: 'A front: home, or the slug of the section it stands for',
    example: 'home',
  },
  token: {
    pattern: /^[A-Za-z0-9_-]{1,120}\.[A-Za-z0-9_-]{1,64}$/,
    maxLength: 185,
    description: 'A preview token, as returned by createPreview',
    example: 'MDFLQVgzVFQ2VjNRN0QwWTZNMVYwQzVOOEUuMTc2NDMxODQwMA.3q2-7w',
  },
} as const;
export type PathParamName = keyof typeof PATH_PARAMS;

/** Statuses a route may answer with a problem document. */
export type ProblemStatus = 301 | 308 | 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 503;

/** Response headers an operation may set; the document describes each once. */
export type ResponseHeader = 'ETag' | 'Location' | 'Cache-Control';

export interface RouteDefinition {
  readonly id: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly fn: ApiFunctionName;
  /** 'public' needs no token; otherwise the roles allowed (admin is always allowed). */
  readonly access: 'public' | readonly Role[];
  readonly tag: Tag;
  readonly summary: string;
  readonly description: string;
  /** The query's filters (paging parameters come with `paged`). Unknown parameters are ignored. */
  readonly query?: core.$ZodType;
  readonly body?: core.$ZodType;
  /** An empty body stands for `{}`. */
  readonly bodyOptional?: true;
  readonly ifMatch?: 'required' | 'optional';
  /** Answers 304 when If-None-Match names the ETag the operation returns. */
  readonly conditional?: true;
  /** A cursor-paged list of this schema: `{ items, nextCursor }`, with `limit` and `cursor`. */
  readonly paged?: ResponseName;
  readonly ok: {
    readonly status: 200 | 201 | 204;
    readonly description: string;
    /** The response body's schema (lists take theirs from `paged`). */
    readonly schema?: ResponseName;
    readonly headers?: readonly ResponseHeader[];
    /** Cache-Control of a successful answer; no-store when absent. */
    readonly cache?: string;
    /**
     * A body that is a document of this type (a page, a feed, a sitemap) rather than JSON, with an
     * ETag digest of it. A page's refusals are small pages too (handler.ts): a browser shows them.
     */
    readonly contentType?: DocumentType;
  };
  /** Problem statuses the operation itself can answer, beyond what the declaration implies. */
  readonly problems?: readonly ProblemStatus[];
}

/** The document types a route may answer instead of JSON (always UTF-8). */
export const DOCUMENT_TYPES = [
  'text/html',
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Roles, as route access lists. Admin satisfies every role check and is never listed. */
export const EDITORIAL: readonly Role[] = ['author', 'editor'];
export const MODERATORS: readonly Role[] = ['moderator'];
/** Editors arrange fronts; authors may not. */
export const EDITORS: readonly Role[] = ['editor'];
export const ADMIN: readonly Role[] = [];

/**
 * Live articles and lists. Browsers keep a copy a minute (nothing can purge a browser, and a
 * correction must reach readers within about that); the CDN keeps it an hour, because every
 * change that matters is invalidated there within seconds (infra/constructs/cdnPurge.ts). The hour
 * bounds what no event announces (a comment count lowered by an erasure or a requeue) and a purge
 * that failed (its dead-letter queue alarms). Serving a stale copy while revalidating, or while the
 * origin fails, keeps the front page up.
 */
export const PUBLIC_CACHE =
  'public, max-age=60, s-maxage=3600, stale-while-revalidate=60, stale-if-error=3600';
/**
 * Threads: approvals and rejections are invalidated at the CDN, but a comment held back by reader
 * reports or erased announces nothing, so the CDN keeps a thread only a minute, browsers ten seconds.
 */
export const COMMENTS_CACHE = 'public, max-age=10, s-maxage=60';
/**
 * Readers' search: each query is its own page, so nothing purges one. The CDN keeps it half a
 * minute (a burst of readers typing the same words costs one query), browsers ten seconds; a
 * story taken down leaves the index at once and cached pages within that half minute.
 */
/**
 * Sections and tags: they change rarely and nothing purges them, so the CDN keeps them five
 * minutes and browsers one; a rename or a new section shows within that.
 */
export const TAXONOMY_CACHE = 'public, max-age=60, s-maxage=300, stale-if-error=3600';
export const SEARCH_CACHE = 'public, max-age=10, s-maxage=30';

/** The statuses a route's declaration implies, before what its operation adds. */
export function impliedProblems(route: RouteDefinition): ProblemStatus[] {
  const out = new Set<ProblemStatus>(route.problems ?? []);
  if (route.access !== 'public') out.add(401).add(403);
  if (/\{\w+\}/.test(route.path)) out.add(404);
  if (route.query || route.paged) out.add(400);
  if (route.body) out.add(400).add(413).add(415).add(422);
  // 428 also where If-Match is optional: `If-Match: *` is refused, as it would skip the check.
  if (route.ifMatch) out.add(412).add(428);
  // Every route but the document reaches the store, which can be unreachable or throttling.
  if (route.fn !== 'docs') out.add(503);
  return [...out].sort((a, b) => a - b);
}
