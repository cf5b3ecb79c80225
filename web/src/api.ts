import { type components, createApiClient } from '../../shared/contract/client.ts';
import type { TextFieldKey } from '../../shared/schemas/articleFields.ts';

/**
 * Every call the console makes to the API goes through this module, over the typed client generated
 * from the OpenAPI contract (shared/contract): a path, parameter or body that does not match the
 * contract fails to compile. Screens get plain results: the data and its ETag, or a problem.
 */
type Schemas = components['schemas'];

export type ArticleStatus = Schemas['Article']['status'];
/** The statuses, in workflow order: the same plain list the server's schemas are built from. */
export { ARTICLE_STATUSES } from '../../shared/schemas/facts.ts';
export type Block = Schemas['Block'];
/** A block as sent: rich text as spans, or a plain string. */
export type BlockInput = Schemas['BlockInput'];
export type Span = Schemas['Span'];
export type Mark = Schemas['Mark'];
export type Source = Schemas['Source'];
export type Article = Schemas['Article'];
export type ArticleSummary = Schemas['ArticleSummary'];
export type ArticleContent = Schemas['Revision']['content'];
/** What the editor sends: every content field it shows (each plain text field of the table). */
export type ArticleInput = Pick<Schemas['ArticleCreate'], 'slug' | 'section' | 'body' | 'seo' | 'access'> &
  Record<TextFieldKey, string> & {
    tags: string[];
    source: Source | null;
    leadImage: LeadImageRef | null;
    authors: string[];
  };
export type SeoInput = Schemas['SeoInput'];
/** A correction as editors see it: text, time and the editor who made it. */
export type Correction = Schemas['CorrectionRecord'];
export type RevisionSummary = Schemas['RevisionSummary'];
export type Revision = Schemas['Revision'];
export type HistoryEntry = Schemas['HistoryEntry'];
export type PreviewLink = Schemas['PreviewLink'];
export type PreviewSettings = Schemas['PreviewSettings'];
export type WorkflowAction = Schemas['Transition']['action'];
export type AdminComment = Schemas['AdminComment'];
export type CommentStatus = AdminComment['status'];
export type ModerationAction = Schemas['Moderation']['action'];
export type BulkResult = Schemas['BulkModerationResult']['results'][number];
export type QueueCounts = Schemas['QueueCounts'];
export type CommentSettings = Schemas['CommentSettings'];
export type SiteSettings = Schemas['SiteSettings'];
export type Author = Schemas['Author'];
export type AuthorCreate = Schemas['AuthorCreate'];
export type AuthorPatch = Schemas['AuthorPatch'];
export type SiteSettingsView = Schemas['SiteSettingsView'];
export type ThreadStateInput = Schemas['ThreadState'];
/** Which rule held or rejected a comment, and on what. */
export type CommentReason = AdminComment['reasons'][number];
export type Ban = Schemas['Ban'];
export type Media = Schemas['Media'];
export type MediaUpload = Schemas['MediaUpload'];
export type MediaCreate = Schemas['MediaCreate'];
export type MediaPatch = Schemas['MediaPatch'];
export type MediaRef = Schemas['MediaRef'];
export type LeadImageRef = Schemas['LeadImageRef'];
export type BanInput = Schemas['BanCreate'];
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
let client = createApiClient({ baseUrl: '', token: () => options.token() });
/** The typed client as configured, for the topic modules beside this one (fronts/frontsApi.ts). */
export const apiClient = () => client;
export function configureApi(next: ApiOptions) {
  options = next;
  client = createApiClient({ baseUrl: next.baseUrl, token: () => options.token() });
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** One call, retried once after a refresh on 401, turned into data + ETag or a readable problem. */
export async function run<T>(call: () => Promise<Answer<T>>): Promise<Result<T>> {
  let answer: Answer<T>;
  try {
    answer = await call();
    if (answer.response.status === 401 && options.refresh && (await options.refresh())) answer = await call();
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
  const { response } = answer;
  if (!response.ok) {
    const doc = (answer.error && typeof answer.error === 'object' ? answer.error : {}) as Partial<Problem>;
    const retry = Number(response.headers.get('retry-after'));
    return {
      ok: false,
      problem: {
        ...doc,
        title: doc.title ?? (response.statusText || 'Request failed'),
        status: response.status,
        ...(Number.isFinite(retry) && retry > 0 ? { retryAfter: retry } : {}),
      },
    };
  }
  return { ok: true, data: answer.data as T, etag: response.headers.get('etag') ?? undefined };
}

/** For a topic's own calls (web/src/live/liveApi.ts): the same typed client and problem handling. */
export const request = <T>(make: (c: typeof client) => Promise<Answer<T>>) => run(() => make(client));

const path = (id: string) => ({ path: { id } });
const write = (id: string, etag: string) => ({ path: { id }, header: { 'If-Match': etag } });

export const api = {
  listArticles: (query: {
    status?: ArticleStatus | undefined;
    section?: string | undefined;
    createdBy?: string | undefined;
    limit?: number | undefined;
    /** Words to find: a search, newest first, each item with the words found marked. */
    q?: string | undefined;
    cursor?: string | undefined;
  }) =>
    run(() =>
      client.GET('/v1/admin/articles', {
        params: {
          query: {
            ...(query.q ? { q: query.q } : {}),
            ...(query.status ? { status: query.status } : {}),
            ...(query.section ? { section: query.section } : {}),
            ...(query.createdBy ? { createdBy: query.createdBy } : {}),
            ...(query.cursor ? { cursor: query.cursor } : {}),
            ...(query.limit ? { limit: query.limit } : {}),
          },
        },
      }),
    ),
  getArticle: (id: string) => run(() => client.GET('/v1/admin/articles/{id}', { params: path(id) })),
  /** The section tree (the public read): the article form's section picker offers it. */
  listSections: () => run(() => client.GET('/v1/sections')),
  createArticle: (input: ArticleInput) => run(() => client.POST('/v1/admin/articles', { body: input })),
  /** The saved version's word count, reading time and pre-publish warnings (shared/desk). */
  articleChecks: (id: string) =>
    run(() => client.GET('/v1/admin/articles/{id}/checks', { params: path(id) })),
  updateArticle: (id: string, etag: string, patch: Partial<ArticleInput>) =>
    run(() => client.PATCH('/v1/admin/articles/{id}', { params: write(id, etag), body: patch })),
  transition: (
    id: string,
    etag: string,
    input: { action: WorkflowAction; note?: string; publishAt?: string },
  ) =>
    run(() => client.POST('/v1/admin/articles/{id}/transitions', { params: write(id, etag), body: input })),
  history: (id: string) =>
    run(() =>
      client.GET('/v1/admin/articles/{id}/history', { params: { ...path(id), query: { limit: 100 } } }),
    ),
  revisions: (id: string) =>
    run(() =>
      client.GET('/v1/admin/articles/{id}/revisions', { params: { ...path(id), query: { limit: 100 } } }),
    ),
  revision: (id: string, n: number) =>
    run(() => client.GET('/v1/admin/articles/{id}/revisions/{n}', { params: { path: { id, n } } })),
  restoreRevision: (id: string, n: number, etag: string) =>
    run(() =>
      client.POST('/v1/admin/articles/{id}/revisions/{n}/restore', {
        params: { path: { id, n }, header: { 'If-Match': etag } },
      }),
    ),
  addCorrection: (id: string, etag: string, text: string) =>
    run(() =>
      client.POST('/v1/admin/articles/{id}/corrections', { params: write(id, etag), body: { text } }),
    ),
  createPreview: (id: string) =>
    run(() => client.POST('/v1/admin/articles/{id}/preview', { params: path(id), body: {} })),
  previewLinks: (id: string) =>
    run(() => client.GET('/v1/admin/articles/{id}/preview', { params: path(id) })),
  revokePreview: (id: string, link: string) =>
    run(() => client.DELETE('/v1/admin/articles/{id}/preview/{link}', { params: { path: { id, link } } })),
  listComments: (query: {
    status?: CommentStatus;
    articleId?: string | undefined;
    /** Words to find in the comments' text or the commenter's name: newest first, words marked. */
    q?: string | undefined;
    cursor?: string | undefined;
  }) =>
    run(() =>
      client.GET('/v1/admin/comments', {
        params: {
          query: {
            ...(query.q ? { q: query.q } : {}),
            ...(query.status ? { status: query.status } : {}),
            ...(query.articleId ? { articleId: query.articleId } : {}),
            ...(query.cursor ? { cursor: query.cursor } : {}),
          },
        },
      }),
    ),
  /** Approved comments with open reader reports, most reported first. */
  listReported: (query: { q?: string | undefined; cursor?: string | undefined }) =>
    run(() =>
      client.GET('/v1/admin/comments/reported', {
        params: {
          query: { ...(query.q ? { q: query.q } : {}), ...(query.cursor ? { cursor: query.cursor } : {}) },
        },
      }),
    ),
  moderate: (id: string, action: ModerationAction) =>
    run(() => client.POST('/v1/admin/comments/{id}/moderation', { params: path(id), body: { action } })),
  moderateMany: (ids: string[], action: ModerationAction) =>
    run(() => client.POST('/v1/admin/comments/moderation', { body: { ids, action } })),
  /** Takes back your last decision on a comment, named by the version it gave the comment. */
  undoModeration: (id: string, decisions: number) =>
    run(() => client.POST('/v1/admin/comments/{id}/undo', { params: path(id), body: { decisions } })),
  /** How many comments wait in the pending, reported and spam queues (of one article, if given). */
  queueCounts: (articleId: string | undefined) =>
    run(() => client.GET('/v1/admin/comments/counts', { params: { query: articleId ? { articleId } : {} } })),
  /** What a comment's writer posted before it, newest first. */
  commenterHistory: (id: string, cursor?: string) =>
    run(() =>
      client.GET('/v1/admin/comments/{id}/history', {
        params: { path: { id }, query: { limit: 5, ...(cursor ? { cursor } : {}) } },
      }),
    ),
  /**
   * Live articles by their words, the headline's first (the public search: the admin list is the
   * newsroom's, drafts included, and not open to moderators).
   */
  findArticles: (q: string) =>
    run(() => client.GET('/v1/search', { params: { query: { q, sort: 'relevance', limit: 8 } } })),
  createBan: (input: BanInput) => run(() => client.POST('/v1/admin/bans', { body: input })),
  listBans: (query: { cursor?: string | undefined }) =>
    run(() =>
      client.GET('/v1/admin/bans', { params: { query: query.cursor ? { cursor: query.cursor } : {} } }),
    ),
  revokeBan: (id: string) => run(() => client.DELETE('/v1/admin/bans/{id}', { params: path(id) })),
  /** Close an article's comments now, or reopen them (until closeAt, if given). */
  setThreadState: (id: string, body: ThreadStateInput) =>
    run(() => client.POST('/v1/admin/articles/{id}/thread', { params: path(id), body })),
  listMedia: (query: { q?: string | undefined; cursor?: string | undefined; limit?: number }) =>
    run(() =>
      client.GET('/v1/admin/media', {
        params: {
          query: {
            ...(query.q ? { q: query.q } : {}),
            ...(query.cursor ? { cursor: query.cursor } : {}),
            ...(query.limit ? { limit: query.limit } : {}),
          },
        },
      }),
    ),
  getMedia: (id: string) => run(() => client.GET('/v1/admin/media/{id}', { params: path(id) })),
  createMedia: (input: MediaCreate) => run(() => client.POST('/v1/admin/media', { body: input })),
  updateMedia: (id: string, etag: string, patch: MediaPatch) =>
    run(() => client.PATCH('/v1/admin/media/{id}', { params: write(id, etag), body: patch })),
  deleteMedia: (id: string, etag?: string) =>
    run(() =>
      client.DELETE('/v1/admin/media/{id}', {
        params: { path: { id }, ...(etag ? { header: { 'If-Match': etag } } : {}) },
      }),
    ),
  getCommentSettings: () => run(() => client.GET('/v1/admin/settings/comments')),
  putCommentSettings: (settings: CommentSettings) =>
    run(() => client.PUT('/v1/admin/settings/comments', { body: settings })),
  getPreviewSettings: () => run(() => client.GET('/v1/admin/settings/preview')),
  putPreviewSettings: (settings: PreviewSettings) =>
    run(() => client.PUT('/v1/admin/settings/preview', { body: settings })),
  // The desk beside the editor (web/src/desk/): the caller's own autosave, and who else is here.
  putAutosave: (id: string, body: Schemas['AutosaveInput']) =>
    run(() => client.PUT('/v1/admin/articles/{id}/autosave', { params: path(id), body })),
  getAutosave: (id: string) =>
    run(() => client.GET('/v1/admin/articles/{id}/autosave', { params: path(id) })),
  deleteAutosave: (id: string) =>
    run(() => client.DELETE('/v1/admin/articles/{id}/autosave', { params: path(id) })),
  // A story before its first save has no id: its one autosave is the caller's new-article slot.
  putNewAutosave: (body: Schemas['NewArticleAutosaveInput']) =>
    run(() => client.PUT('/v1/admin/autosave/new-article', { body })),
  getNewAutosave: () => run(() => client.GET('/v1/admin/autosave/new-article')),
  deleteNewAutosave: () => run(() => client.DELETE('/v1/admin/autosave/new-article')),
  putPresence: (id: string, unsaved: boolean) =>
    run(() => client.PUT('/v1/admin/articles/{id}/presence', { params: path(id), body: { unsaved } })),
  deletePresence: (id: string) =>
    run(() => client.DELETE('/v1/admin/articles/{id}/presence', { params: path(id) })),
  getSiteSettings: () => run(() => client.GET('/v1/admin/settings/site')),
  putSiteSettings: (settings: SiteSettings) =>
    run(() => client.PUT('/v1/admin/settings/site', { body: settings })),
  listAuthors: (cursor?: string) =>
    run(() =>
      client.GET('/v1/admin/authors', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } }),
    ),
  getAuthor: (slug: string) =>
    run(() => client.GET('/v1/admin/authors/{slug}', { params: { path: { slug } } })),
  createAuthor: (input: AuthorCreate) => run(() => client.POST('/v1/admin/authors', { body: input })),
  updateAuthor: (slug: string, etag: string, patch: AuthorPatch) =>
    run(() =>
      client.PATCH('/v1/admin/authors/{slug}', {
        params: { path: { slug }, header: { 'If-Match': etag } },
        body: patch,
      }),
    ),
};
