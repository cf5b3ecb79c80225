import { afterAll, beforeAll, expect } from 'vitest';
import type { components } from '../../shared/contract/client.ts';
import { type ApiResponse, startTestApi, type TestApi } from './api.ts';
import { type ArticleView, createDraft, walk } from './articles.ts';

type SettingsInput = components['schemas']['CommentSettingsInput'];

/**
 * What every comment test starts from: the local API, a token per role, and the steps they all
 * take (settings, a live article, posting as a fresh reader, moderating, the counts on both copies
 * of the article). Each test file gets its own server and tables.
 */
export interface CommentKit {
  api: TestApi;
  author: string;
  editor: string;
  moderator: string;
  admin: string;
  /**
   * A distinct reader: its own user agent and its own loopback address (127.0.x.y), since flood
   * control keys on the client (address and user agent) and reports and bans on the address.
   */
  newClient(): string;
  /** The loopback address a client sends from. */
  addressOf(client: string): string;
  /** Replaces the settings: these defaults, then the values given. */
  settings(values?: Partial<SettingsInput>): Promise<ApiResponse['body']>;
  liveArticle(overrides?: { commentsEnabled?: boolean }): Promise<ArticleView>;
  post(slug: string, json: unknown, client?: string): Promise<ApiResponse>;
  report(slug: string, id: string, json: unknown, client?: string): Promise<ApiResponse>;
  moderate(id: string, action: string, options?: { token?: string; note?: string }): Promise<ApiResponse>;
  /** The comment and featured counts on the public article and on the working copy. */
  counts(article: { id: string; slug: string }): Promise<{ live: number; working: number }>;
  featuredCounts(article: { id: string; slug: string }): Promise<{ live: number; working: number }>;
  /** A moderators' list, answered 200. */
  queue(path: string): Promise<Record<string, any>[]>;
  /** A public read (a list page or an article), answered 200. */
  publicPage(
    path: string,
  ): Promise<{ items: Record<string, any>[]; nextCursor: string | null } & Record<string, any>>;
}

/** Registers beforeAll/afterAll for the file; the kit is ready inside tests. */
export function useCommentKit(clientName: string, defaults: Partial<SettingsInput>): CommentKit {
  const kit = {} as CommentKit;
  let clients = 0;
  beforeAll(async () => {
    const api = await startTestApi();
    const [author, editor, moderator, admin] = await Promise.all([
      api.token('author', 'alice'),
      api.token('editor', 'erin'),
      api.token('moderator', 'mo'),
      api.token('admin', 'ada'),
    ]);
    // Each client its own loopback address (all of 127.0.0.0/8 is this machine), in order of first use.
    const addresses = new Map<string, string>();
    const addressOf = (client: string) => {
      let address = addresses.get(client);
      if (!address) {
        const n = addresses.size + 2;
        address = `127.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
        addresses.set(client, address);
      }
      return address;
    };
    const newClient = () => `${clientName}/${++clients}`;
    const articleCounts = async (article: { id: string; slug: string }, field: string) => {
      const [pub, working] = await Promise.all([
        api.request('GET', `/v1/articles/${article.slug}`),
        api.request('GET', `/v1/admin/articles/${article.id}`, { token: editor }),
      ]);
      return { live: pub.body[field], working: working.body[field] };
    };
    Object.assign(kit, {
      api,
      author,
      editor,
      moderator,
      admin,
      newClient,
      addressOf,
      async settings(values = {}) {
        const res = await api.request('PUT', '/v1/admin/settings/comments', {
          token: admin,
          json: { mode: 'pre', maxLinks: 2, blockedTerms: [], floodSeconds: 0, ...defaults, ...values },
        });
        expect(res.status, res.text).toBe(200);
        return res.body;
      },
      async liveArticle(overrides = {}) {
        const [asAuthor, asEditor] = [api.client(author), api.client(editor)];
        const draft = await createDraft(asAuthor, {
          title: `Story ${Math.random().toString(36).slice(2)}`,
          ...overrides,
        });
        return walk(
          [
            [asAuthor, 'submit'],
            [asEditor, 'approve'],
            [asEditor, 'publish'],
          ],
          draft,
        );
      },
      post: (slug, json, client = newClient()) =>
        api.request('POST', `/v1/articles/${slug}/comments`, {
          json,
          headers: { 'user-agent': client },
          from: addressOf(client),
        }),
      report: (slug, id, json, client = newClient()) =>
        api.request('POST', `/v1/articles/${slug}/comments/${id}/reports`, {
          json,
          headers: { 'user-agent': client },
          from: addressOf(client),
        }),
      moderate: (id, action, options = {}) =>
        api.request('POST', `/v1/admin/comments/${id}/moderation`, {
          token: options.token ?? moderator,
          json: { action, ...(options.note ? { note: options.note } : {}) },
        }),
      counts: (article) => articleCounts(article, 'commentCount'),
      featuredCounts: (article) => articleCounts(article, 'featuredCount'),
      async queue(path) {
        const res = await api.request('GET', path, { token: moderator });
        expect(res.status, res.text).toBe(200);
        return res.body.items;
      },
      async publicPage(path) {
        const res = await api.request('GET', path);
        expect(res.status, res.text).toBe(200);
        return res.body;
      },
    } satisfies CommentKit);
  });
  afterAll(async () => {
    await kit.api?.stop();
  });
  return kit;
}
