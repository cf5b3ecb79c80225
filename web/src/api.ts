/**
 * Every call the console makes to the API goes through this module, and only this module knows
 * how requests are made. It is a small typed wrapper over fetch until the generated contract
 * client lands; switching to it changes this file only.
 */

export type ArticleStatus =
  | 'draft'
  | 'in_review'
  | 'changes_requested'
  | 'approved'
  | 'scheduled'
  | 'published'
  | 'archived';
export const ARTICLE_STATUSES: readonly ArticleStatus[] = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'archived',
];

export type Block =
  | { type: 'paragraph'; text: string }
  | { type: 'heading'; level: 2 | 3 | 4; text: string }
  | { type: 'quote'; text: string; attribution?: string }
  | { type: 'list'; ordered: boolean; items: string[] }
  | { type: 'image'; src: string; alt: string; caption?: string }
  | { type: 'embed'; url: string };

export interface Source {
  name: string;
  url?: string;
}

export interface ArticleContent {
  slug: string;
  title: string;
  section: string;
  standfirst: string;
  body: Block[];
  tags: string[];
  byline: string;
  source: Source | null;
  commentsEnabled: boolean;
}

export interface Article extends ArticleContent {
  id: string;
  status: ArticleStatus;
  version: number;
  commentCount: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  publishedAt: string | null;
  scheduledFor: string | null;
  live: boolean;
  hasUnpublishedChanges: boolean;
  /** The workflow actions this caller may take now. Absent from older servers: no actions. */
  availableActions?: string[];
}
export type ArticleSummary = Omit<Article, 'body'>;

export type ArticleInput = Pick<
  ArticleContent,
  'title' | 'section' | 'standfirst' | 'body' | 'tags' | 'byline' | 'source'
>;

export interface RevisionSummary {
  n: number;
  version: number;
  savedAt: string;
  savedBy: string;
  title: string;
  action: string;
}
export interface Revision extends RevisionSummary {
  articleId: string;
  content: ArticleContent;
}
export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  from: ArticleStatus | null;
  to: ArticleStatus | null;
  version: number;
  note?: string;
  publishAt?: string;
}
export interface PreviewLink {
  url: string;
  token: string;
  expiresAt: string;
}

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'spam';
export type ModerationAction = 'approve' | 'reject' | 'spam' | 'requeue';
export interface AdminComment {
  id: string;
  status: CommentStatus;
  article: { id: string; slug: string; title: string };
  parentId: string | null;
  depth: number;
  authorName: string;
  authorEmail?: string | null;
  body: string;
  createdAt: string;
}
/** One id's outcome in a bulk moderation: 200 with the comment, or 404 / 409 with why. */
export type BulkResult =
  | { id: string; status: 200; comment: AdminComment }
  | { id: string; status: 404 | 409; detail: string };
export interface CommentSettings {
  mode: 'pre' | 'post';
  maxLinks: number;
  blockedTerms: string[];
  floodSeconds: number;
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An RFC 9457 problem document, plus what the console needs to show it. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  /** Seconds to wait, from Retry-After (429). */
  retryAfter?: number;
}

export type Result<T> = { ok: true; data: T; etag: string | undefined } | { ok: false; problem: Problem };

export interface ApiOptions {
  baseUrl: string;
  token: () => string | undefined;
  /** Called on a 401 before giving up: a fresh token, if one can be had (Cognito refresh). */
  refresh?: () => Promise<boolean>;
}

let options: ApiOptions = { baseUrl: '', token: () => undefined };
export function configureApi(next: ApiOptions) {
  options = next;
}

async function call<T>(
  method: string,
  path: string,
  init: { body?: unknown; ifMatch?: string | undefined; query?: Record<string, string | undefined> } = {},
  retried = false,
): Promise<Result<T>> {
  const url = new URL(options.baseUrl + path, window.location.origin);
  for (const [key, value] of Object.entries(init.query ?? {})) if (value) url.searchParams.set(key, value);
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.ifMatch) headers['if-match'] = init.ifMatch;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    return {
      ok: false,
      problem: {
        status: 0,
        title: 'Network error',
        detail: 'The API could not be reached. Check your connection.',
      },
    };
  }
  if (response.status === 401 && !retried && options.refresh && (await options.refresh())) {
    return call<T>(method, path, init, true);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const doc = (parsed ?? {}) as Partial<Problem>;
    const retry = Number(response.headers.get('retry-after'));
    return {
      ok: false,
      problem: {
        ...doc,
        title: doc.title ?? response.statusText ?? 'Request failed',
        status: response.status,
        ...(Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {}),
      },
    };
  }
  return { ok: true, data: parsed as T, etag: response.headers.get('etag') ?? undefined };
}

const enc = encodeURIComponent;

export const api = {
  listArticles: (query: {
    status?: string | undefined;
    section?: string | undefined;
    createdBy?: string | undefined;
    cursor?: string | undefined;
    limit?: string;
  }) => call<Page<ArticleSummary>>('GET', '/v1/admin/articles', { query }),
  getArticle: (id: string) => call<Article>('GET', `/v1/admin/articles/${enc(id)}`),
  createArticle: (input: ArticleInput) => call<Article>('POST', '/v1/admin/articles', { body: input }),
  updateArticle: (id: string, etag: string, patch: Partial<ArticleInput>) =>
    call<Article>('PATCH', `/v1/admin/articles/${enc(id)}`, { body: patch, ifMatch: etag }),
  transition: (id: string, etag: string, input: { action: string; note?: string; publishAt?: string }) =>
    call<Article>('POST', `/v1/admin/articles/${enc(id)}/transitions`, { body: input, ifMatch: etag }),
  history: (id: string) => call<Page<HistoryEntry>>('GET', `/v1/admin/articles/${enc(id)}/history`),
  revisions: (id: string, cursor?: string) =>
    call<Page<RevisionSummary>>('GET', `/v1/admin/articles/${enc(id)}/revisions`, {
      query: { cursor, limit: '100' },
    }),
  revision: (id: string, n: number) => call<Revision>('GET', `/v1/admin/articles/${enc(id)}/revisions/${n}`),
  restoreRevision: (id: string, n: number, etag: string) =>
    call<Article>('POST', `/v1/admin/articles/${enc(id)}/revisions/${n}/restore`, { ifMatch: etag }),
  createPreview: (id: string) =>
    call<PreviewLink>('POST', `/v1/admin/articles/${enc(id)}/preview`, { body: {} }),
  listComments: (query: { status?: string; articleId?: string | undefined; cursor?: string | undefined }) =>
    call<Page<AdminComment>>('GET', '/v1/admin/comments', { query }),
  moderate: (id: string, action: ModerationAction) =>
    call<AdminComment>('POST', `/v1/admin/comments/${enc(id)}/moderation`, { body: { action } }),
  moderateMany: (ids: string[], action: ModerationAction) =>
    call<{ results: BulkResult[] }>('POST', '/v1/admin/comments/moderation', { body: { ids, action } }),
  getCommentSettings: () => call<CommentSettings>('GET', '/v1/admin/settings/comments'),
  putCommentSettings: (settings: CommentSettings) =>
    call<CommentSettings>('PUT', '/v1/admin/settings/comments', { body: settings }),
};
