import { createHash } from 'node:crypto';
import type { Principal } from '../../auth/principal.ts';
import { isAdmin } from '../../auth/principal.ts';
import type { Clock, IdFactory } from '../../clock.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors.ts';
import type { ArticleContent } from '../../schemas/article.ts';
import type { Author } from '../../schemas/author.ts';
import { IMPORT_LIMITS } from '../../schemas/facts.ts';
import { type ImportArticle, ImportArticleSchema, type ImportItemResult } from '../../schemas/imports.ts';
import { slugify } from '../../slug.ts';
import { type ArticleStore, contentOf, type StoredArticle } from '../../store/articleStore.ts';
import { namesOf } from '../../syndication/authors.ts';
import { createArticleTaxonomy } from '../articleTaxonomy.ts';
import { foldName, knownAuthorsOf } from '../authors/refs.ts';
import { newMediaUses, readyMediaOf, withLibrarySources } from '../media/references.ts';
import { accessOfNew } from './access.ts';
import { assertContentSize } from './checks.ts';
import { contentDefaults, freeSlugIn } from './editing.ts';
import { snapshotOf } from './publication.ts';
import { firstVersionAudit, revisionOf } from './versions.ts';

/**
 * Archive import (admins): each story becomes a published article with its original dates, in
 * one transaction with its snapshot, feed entries, revision, audit entry and the claim on its
 * external id. The claim makes a re-run idempotent: the same payload is `unchanged`, a different
 * one a `conflict` that overwrites nothing. Each item is validated and reported on its own.
 */
export function createImports({
  store,
  clock,
  newId,
}: {
  store: ArticleStore;
  clock: Clock;
  newId: IdFactory;
}) {
  // Sections and tags as the editor's saves check them: an unknown section refuses the row (422
  // naming `section`), a renamed one is saved under its new slug, an unknown tag becomes a record.
  const taxonomy = createArticleTaxonomy({ store: store.taxonomy, clock });

  /** The author directory by folded name, read once per import request (and only if a byline needs it). */
  let directory: Promise<Map<string, Author>> | null = null;
  const authorsByName = () => {
    directory ??= store.authors.all().then((all) => new Map(all.map((a) => [foldName(a.name), a])));
    return directory;
  };

  /**
   * An item that names no authors but has a byline: when every name in it is an author's (case,
   * accents and spacing folded), those authors, in the byline's order. A byline naming anyone else
   * stays the byline alone: half a list of authors would drop a name from the story.
   */
  async function authorsFromByline(byline: string | undefined): Promise<string[]> {
    const names = namesOf(byline ?? '');
    if (names.length === 0) return [];
    const byName = await authorsByName();
    const found = names.map((name) => byName.get(foldName(name))?.slug);
    return found.every((slug): slug is string => slug !== undefined) ? [...new Set(found)] : [];
  }

  async function importOne(principal: Principal, raw: unknown, index: number): Promise<ImportItemResult> {
    const externalId =
      typeof raw === 'object' &&
      raw !== null &&
      typeof (raw as { externalId?: unknown }).externalId === 'string'
        ? (raw as { externalId: string }).externalId
        : null;
    const parsed = ImportArticleSchema.safeParse(raw);
    if (!parsed.success) {
      return {
        index,
        externalId,
        outcome: 'invalid',
        status: 422,
        detail: 'This article is not valid; nothing was imported for it.',
        errors: parsed.error.issues.map((i) => ({
          path: i.path.map(String).join('.') || '(root)',
          message: i.message,
        })),
      };
    }
    const item = parsed.data;
    const payloadHash = hashOf(item);
    const existing = await settled(item.externalId, payloadHash, index);
    if (existing) return existing;
    try {
      const article = await create(principal, item, payloadHash);
      return { index, externalId, outcome: 'created', status: 201, id: article.id, slug: article.slug };
    } catch (error) {
      if (error instanceof ValidationError) {
        // An image it refers to is not in the library, or not ready.
        return {
          index,
          externalId,
          outcome: 'invalid',
          status: 422,
          detail: `${error.message} Nothing was imported for it.`,
          errors: error.errors ?? [],
        };
      }
      if (!(error instanceof ConflictError)) throw error;
      // Imported by a concurrent run meanwhile, or a slug that is taken.
      return (
        (await settled(item.externalId, payloadHash, index)) ?? {
          index,
          externalId,
          outcome: 'conflict',
          status: 409,
          detail: error.message,
        }
      );
    }
  }

  /** The result for an external id imported before, if it was. */
  async function settled(
    externalId: string,
    payloadHash: string,
    index: number,
  ): Promise<ImportItemResult | null> {
    const claim = await store.importClaim(externalId);
    if (!claim) return null;
    const article = await store.get(claim.articleId);
    const where = { id: claim.articleId, ...(article ? { slug: article.slug } : {}) };
    return claim.payloadHash === payloadHash
      ? { index, externalId, outcome: 'unchanged', status: 200, ...where }
      : {
          index,
          externalId,
          outcome: 'conflict',
          status: 409,
          ...where,
          detail: `"${externalId}" was imported before with different content; nothing was overwritten. Edit the article instead.`,
        };
  }

  async function create(
    principal: Principal,
    item: ImportArticle,
    payloadHash: string,
  ): Promise<StoredArticle> {
    const now = clock.now();
    const at = now.toISOString();
    const id = newId(now);
    const { externalId, publishedAt, updatedAt, legacyCommentCount, ...named } = item;
    const fields = await taxonomy.resolve(principal, named);
    const given: ArticleContent = contentOf({
      ...contentDefaults(),
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      // An archived thread is closed: the old comments are counted, not carried over (the schema
      // refuses commentsEnabled true; this holds whatever it lets through).
      commentsEnabled: false,
      slug: fields.slug ?? (await freeSlugIn(store, slugify(fields.title))),
      access: await accessOfNew(store.taxonomy, fields.access, fields.section),
      authors: fields.authors ?? (await authorsFromByline(fields.byline)),
    } as ArticleContent);
    assertContentSize(given);
    const [images, authors] = await Promise.all([
      readyMediaOf(store.media, given),
      knownAuthorsOf(store.authors, given.authors),
    ]);
    const content = withLibrarySources(given, images);
    const article: StoredArticle = {
      ...content,
      id,
      status: 'published',
      version: 1,
      commentCount: legacyCommentCount ?? 0,
      featuredCount: 0,
      commentsCloseAt: null,
      createdAt: publishedAt,
      createdBy: principal.sub,
      updatedAt,
      updatedBy: principal.sub,
      publishedAt,
      scheduledFor: null,
      unpublishAt: null,
      live: true,
      hasUnpublishedChanges: false,
      corrections: [],
      liveSlug: content.slug,
      redirects: [],
      revisionCount: 1,
      everLive: true,
      writers: [principal.sub],
    };
    const audit = firstVersionAudit(article, {
      actor: principal.sub,
      action: 'import',
      at,
      note: `Imported from ${externalId}, first published ${publishedAt}, last updated ${updatedAt}`,
    });
    await store.commit({
      article,
      expectedVersion: null,
      claimSlug: content.slug,
      claimImport: { externalId, payloadHash },
      revision: revisionOf(article, 'publish', audit),
      audit,
      goLive: {
        snapshot: snapshotOf(article, { at: updatedAt, publishedAt }, images, authors),
        previous: null,
      },
      mediaUses: newMediaUses(given, null),
    });
    return article;
  }

  return {
    async importArticles(principal: Principal, items: readonly unknown[]): Promise<ImportItemResult[]> {
      if (!isAdmin(principal)) throw new ForbiddenError('Archive imports are for admins.');
      const results: ImportItemResult[] = [];
      // A few at a time: quick enough for 200 stories, gentle on the table's write capacity. The
      // same external id twice in one request: one transaction wins, the other finds its claim.
      for (let start = 0; start < items.length; start += IMPORT_LIMITS.concurrency) {
        const chunk = items.slice(start, start + IMPORT_LIMITS.concurrency);
        results.push(...(await Promise.all(chunk.map((raw, i) => importOne(principal, raw, start + i)))));
      }
      return results;
    },
  };
}

/** A stable hash of what was imported: the same story sent again hashes the same. */
function hashOf(item: ImportArticle): string {
  return createHash('sha256').update(canonical(item)).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
