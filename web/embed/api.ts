/**
 * The widget's calls to the public API: the article (counts and whether comments are open), the
 * thread's pages, replies, featured comments, posting and reporting. No cookies are sent or set
 * (credentials: 'omit'), and nothing goes anywhere but the CMS the module was loaded from.
 */
export type Sort = 'oldest' | 'newest' | 'replies';
export const SORTS: readonly Sort[] = ['oldest', 'newest', 'replies'];
export const REASONS = ['spam', 'abuse', 'off_topic', 'other'] as const;
export type Reason = (typeof REASONS)[number];

export interface Comment {
  id: string;
  parentId: string | null;
  authorName: string | null;
  body: string | null;
  createdAt: string;
  replyCount: number;
  featured: boolean;
  removed: boolean;
}

export interface Page {
  items: Comment[];
  nextCursor: string | null;
}

export interface ThreadInfo {
  commentsEnabled: boolean;
  commentsOpen: boolean;
  commentsCloseAt: string | null;
  commentCount: number;
  featuredCount: number;
}

/** What an API call ended in, reduced to what the widget tells a reader. */
export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; status: number; retryAfter: number; fields: string[] };

export class Api {
  constructor(
    private readonly base: string,
    private readonly slug: string,
  ) {}

  private url(path: string, query: Record<string, string | undefined> = {}): string {
    const url = new URL(`/v1/articles/${encodeURIComponent(this.slug)}${path}`, this.base);
    for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
    return url.href;
  }

  /** `fresh`: revalidate instead of trusting the browser's copy (the thread's own writer, a refusal). */
  private async call<T>(url: string, body?: unknown, fresh = false): Promise<Outcome<T>> {
    let res: Response;
    try {
      res = await fetch(url, {
        credentials: 'omit',
        ...(fresh ? { cache: 'no-cache' as const } : {}),
        ...(body === undefined
          ? {}
          : { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
      });
    } catch {
      return { ok: false, status: 0, retryAfter: 0, fields: [] };
    }
    const data = (await res.json().catch(() => ({}))) as T & { errors?: { path?: string }[] };
    if (res.ok) return { ok: true, value: data };
    return {
      ok: false,
      status: res.status,
      retryAfter: Number(res.headers.get('Retry-After')) || 0,
      fields: (data.errors ?? []).map((error) => String(error.path ?? '')),
    };
  }

  article(fresh = false) {
    return this.call<ThreadInfo>(this.url(''), undefined, fresh);
  }
  thread(sort: Sort, cursor?: string, fresh = false) {
    return this.call<Page>(this.url('/comments', { sort, cursor, limit: '20' }), undefined, fresh);
  }
  featured() {
    return this.call<Page>(this.url('/comments/featured', { limit: '10' }));
  }
  replies(id: string, cursor?: string) {
    return this.call<Page>(this.url(`/comments/${id}/replies`, { cursor, limit: '20' }));
  }
  post(input: { authorName: string; authorEmail?: string; body: string; parentId?: string }) {
    return this.call<{ id: string; status: 'pending' | 'approved' }>(this.url('/comments'), input);
  }
  report(id: string, input: { reason: Reason; text?: string }) {
    return this.call<unknown>(this.url(`/comments/${id}/reports`), input);
  }
}
