import { canEditArticle, canPerform } from '../../auth/permissions.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock, IdFactory } from '../../clock.ts';
import { ConflictError, ForbiddenError } from '../../errors.ts';
import type { ArticleContent, ArticleCreate, ArticlePatch, ArticleStatus } from '../../schemas/article.ts';
import { type OptionalFieldKey, textDefaults } from '../../schemas/articleFields.ts';
import { slugify } from '../../slug.ts';
import { type ArticleStore, contentOf, type StoredArticle } from '../../store/articleStore.ts';
import type { MediaUse } from '../../store/articleWrites.ts';
import { EDITABLE_STATUSES, ruleFor } from '../../workflow.ts';
import { knownAuthorsOf } from '../authors/refs.ts';
import { newMediaUses, readyMediaOf, withLibrarySources } from '../media/references.ts';
import { accessOfNew } from './access.ts';
import { assertContentSize, assertEditable, assertVersion, noRevision, notFound } from './checks.ts';
import { articleToWrite, visibleArticle } from './reads.ts';
import { slugClaimsOf } from './slugMoves.ts';
import { publishTrigger, type Triggers } from './triggers.ts';
import { firstVersionAudit, nextVersion, revisionOf } from './versions.ts';

/**
 * Archive import: the derived slug, or the first free `-2`, `-3`... variant of it. Interactive
 * creates do not probe: they claim with a conditional write (slugFor below).
 */
export async function freeSlugIn(store: ArticleStore, base: string): Promise<string> {
  for (let i = 1; i <= 50; i += 1) {
    const candidate = i === 1 ? base : `${base}-${i}`;
    if ((await store.slugOwner(candidate)) === null) return candidate;
  }
  return `${base}-${Date.now().toString(36)}`;
}

/**
 * What a new article has where its author gave nothing (fresh each time: no shared arrays): '' for
 * the field table's optional plain text fields, the rest written here. The slug and access are
 * worked out, not defaulted. An optional field of the table missing here fails to compile.
 */
export const contentDefaults = (): Pick<ArticleContent, Exclude<OptionalFieldKey, 'slug' | 'access'>> => ({
  ...textDefaults(),
  authors: [],
  seo: { noindex: false },
  leadImage: null,
  tags: [],
  source: null,
  commentsEnabled: true,
});

export interface EditingDeps {
  store: ArticleStore;
  clock: Clock;
  newId: IdFactory;
  triggers: Triggers;
}

/** Writing the words: create, patch, restore a revision, delete what was never live. */
export function createEditing({ store, clock, newId, triggers }: EditingDeps) {
  /**
   * The library images the content refers to must be ready (422 otherwise); those it refers to
   * for the first time are recorded as used by the article, in the same transaction.
   */
  async function withMedia(
    content: ArticleContent,
    before: ArticleContent | null,
  ): Promise<{ content: ArticleContent; mediaUses: MediaUse[] }> {
    // The authors it names must exist (a 422 naming authors.<i>), read beside the images.
    const [images] = await Promise.all([
      readyMediaOf(store.media, content),
      sameAuthors(content, before) ? null : knownAuthorsOf(store.authors, content.authors),
    ]);
    return { content: withLibrarySources(content, images), mediaUses: newMediaUses(content, before) };
  }

  /**
   * The slug to try on the given attempt: the derived one first, then with a suffix from the
   * article's own id (its random part, lower-cased), so a taken slug costs one more conditional
   * write, never a probe per candidate. Long titles collide once truncated; the suffix keeps them
   * apart. Two suffixes of 25 random bits each: a third collision is practically impossible.
   */
  function slugFor(base: string, id: string, attempt: number): string {
    if (attempt === 0) return base;
    const random = id.slice(-5 * attempt, attempt === 1 ? undefined : -5 * (attempt - 1));
    return `${base}-${random.toLowerCase()}`;
  }

  /** A new version with new content, and the revision that keeps it. */
  async function saveContent(
    principal: Principal,
    article: StoredArticle,
    input: ArticleContent,
    kind: 'edit' | 'restore',
    note?: string,
  ): Promise<StoredArticle> {
    const { content, mediaUses } = await withMedia(input, contentOf(article));
    // Editing a published article reopens the working copy; the live snapshot stays until the
    // edit is published again.
    const status: ArticleStatus =
      article.status === 'published' || article.status === 'archived' ? 'draft' : article.status;
    const { next, audit } = nextVersion(
      article,
      status,
      {
        actor: principal.sub,
        action: kind === 'edit' ? 'edit' : 'restore_revision',
        at: clock.now().toISOString(),
        note,
      },
      {
        ...content,
        hasUnpublishedChanges: article.live,
        revisionCount: article.revisionCount + 1,
        writers: [...new Set([...article.writers, principal.sub])],
      },
    );
    const slugClaims = slugClaimsOf(article, content.slug);
    await store.commit({
      article: next,
      expectedVersion: article.version,
      revision: revisionOf(next, kind, audit),
      audit,
      ...(mediaUses.length > 0 ? { mediaUses } : {}),
      ...slugClaims,
    });
    return next;
  }

  return {
    async create(principal: Principal, input: ArticleCreate): Promise<StoredArticle> {
      const now = clock.now();
      const at = now.toISOString();
      const id = newId(now);
      // A slug the editor chose is theirs to fix if taken (409). A derived one is claimed by the
      // create's own conditional write; if taken, the next attempt adds a suffix. At most three
      // writes, and no reads: any create is at most three DynamoDB requests (one more to check the
      // library images it refers to, if any, and one to read its section's default access when the
      // editor chose none).
      // Access is resolved now and stored, not at publish: see access.ts.
      const access = await accessOfNew(store.taxonomy, input.access, input.section);
      const given = { ...contentDefaults(), ...definedOnly(input), access };
      const { content: withSources, mediaUses } = await withMedia({ ...given, slug: '' }, null);
      for (let attempt = 0; ; attempt += 1) {
        const content: ArticleContent = contentOf({
          ...given,
          body: withSources.body,
          slug: input.slug ?? slugFor(slugify(input.title), id, attempt),
        });
        assertContentSize(content);
        const article: StoredArticle = {
          ...content,
          id,
          status: 'draft',
          version: 1,
          commentCount: 0,
          featuredCount: 0,
          // Stamped at first publication, from the closeAfterDays setting.
          commentsCloseAt: null,
          createdAt: at,
          createdBy: principal.sub,
          updatedAt: at,
          updatedBy: principal.sub,
          publishedAt: null,
          scheduledFor: null,
          unpublishAt: null,
          live: false,
          hasUnpublishedChanges: false,
          corrections: [],
          liveSlug: null,
          redirects: [],
          revisionCount: 1,
          everLive: false,
          writers: [principal.sub],
        };
        const audit = firstVersionAudit(article, { actor: principal.sub, action: 'create', at });
        try {
          await store.commit({
            article,
            expectedVersion: null,
            claimSlug: content.slug,
            revision: revisionOf(article, 'create', audit),
            audit,
            ...(mediaUses.length > 0 ? { mediaUses } : {}),
          });
          return article;
        } catch (error) {
          if (input.slug !== undefined || !(error instanceof ConflictError) || attempt >= 2) throw error;
        }
      }
    },

    async patch(
      principal: Principal,
      id: string,
      expectedVersion: number | undefined,
      patch: ArticlePatch,
    ): Promise<StoredArticle> {
      const { article, version } = await articleToWrite(store, principal, id, expectedVersion);
      if (!canEditArticle(principal, article)) throw notFound(id);
      assertVersion(article, version);
      assertEditable(article.status, 'edited');

      const current = contentOf(article);
      const content: ArticleContent = { ...current, ...definedOnly(patch) };
      // A live article's new slug reaches readers when the edit is published (docs/slugs.md).
      if (JSON.stringify(content) === JSON.stringify(current)) return article;
      assertContentSize(content);
      return saveContent(principal, article, content, 'edit');
    },

    async restoreRevision(
      principal: Principal,
      id: string,
      n: number,
      expectedVersion: number | undefined,
    ): Promise<StoredArticle> {
      const { article, version } = await articleToWrite(store, principal, id, expectedVersion);
      const revision = await store.getRevision(id, n);
      if (!revision) throw noRevision(id, n);
      assertVersion(article, version);
      if (!EDITABLE_STATUSES.includes(article.status) && article.status !== 'archived') {
        throw new ConflictError(
          `A revision cannot be restored while the article is ${article.status}; withdraw or unschedule it first.`,
        );
      }
      // Out of the archive this is also the workflow's restore (archived to draft): the same
      // people may do it either way, or the workflow table could be bypassed.
      if (article.status === 'archived' && !canPerform(principal, ruleFor('restore'), article)) {
        throw new ForbiddenError(
          "Bringing an archived article back is an editor's decision (the restore transition).",
        );
      }
      // The slug stays: restoring old words must not move a URL (a slug change is its own edit). Access stays
      // too: old words must not quietly take a story out from behind (or put it behind) the paywall.
      const content: ArticleContent = { ...revision.content, slug: article.slug, access: article.access };
      return saveContent(principal, article, content, 'restore', `Restored revision ${n}`);
    },

    /** Only an article that has never been live may be deleted; anything once public is archived. */
    async remove(principal: Principal, id: string, expectedVersion: number | undefined): Promise<void> {
      const article = await visibleArticle(store, principal, id);
      if (expectedVersion !== undefined) assertVersion(article, expectedVersion);
      if (article.everLive) {
        throw new ConflictError(
          'This article has been live; unpublish it to archive it instead of deleting it.',
        );
      }
      await store.deleteNeverLive(article, expectedVersion ?? article.version);
      if (article.status === 'scheduled') await triggers.drop(publishTrigger(article));
    },
  };
}

/** An edit that keeps the authors does not read them again (one may have been deleted since: publishing says so). */
const sameAuthors = (content: ArticleContent, before: ArticleContent | null) =>
  before !== null && JSON.stringify(content.authors) === JSON.stringify(before.authors);

/** The keys that hold a value: an optional field sent as undefined must not erase a default. */
function definedOnly<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
