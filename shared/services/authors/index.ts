import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../../errors.ts';
import type {
  Author,
  AuthorCreate,
  AuthorPatch,
  AuthorPhoto,
  AuthorStory,
  PublicAuthor,
} from '../../schemas/author.ts';
import { listImageOf } from '../../schemas/listImage.ts';
import type { AuthorReader, AuthorStore } from '../../store/authorStore.ts';
import type { PageKey } from '../../store/cursor.ts';
import type { MediaStore } from '../../store/mediaStore.ts';
import type { Page } from '../../store/query.ts';
import { publicImage } from '../media/references.ts';

/** Who may write author records: editors and admins. Authors read them (to pick) and nothing more. */
const mayWrite = (principal: Principal) => principal.roles.has('editor') || principal.roles.has('admin');

function assertWriter(principal: Principal) {
  if (!mayWrite(principal)) throw new ForbiddenError('Only editors and admins change author records.');
}

const notFound = (slug: string) => new NotFoundError(`No author ${slug}.`);

/**
 * Author records for the newsroom (editors and admins write, authors read to pick): a photo must
 * be a ready image of the media library, resolved into the record when it is saved, so the public
 * profile is one GetItem; the library then refuses to delete that image while the record uses it.
 * The slug never changes (docs/authors.md says why). An author named by live stories cannot be
 * deleted (409, with how many): their stories' bylines would name nobody.
 */
export function createAuthors(deps: {
  store: AuthorStore;
  media: Pick<MediaStore, 'getMany'>;
  clock: Clock;
}) {
  const { store, media, clock } = deps;

  async function photoOf(photo: { mediaId: string } | null | undefined): Promise<AuthorPhoto | null> {
    if (!photo) return null;
    const image = (await media.getMany([photo.mediaId])).get(photo.mediaId);
    const fail = (message: string) =>
      new ValidationError('The photo cannot be used.', [{ path: 'photo.mediaId', message }]);
    if (!image) throw fail(`no image ${photo.mediaId} in the media library`);
    if (image.status !== 'ready') throw fail(`image ${photo.mediaId} is ${image.status}, not ready`);
    const { mediaId, src, srcset, width, height, alt } = publicImage(photo, image);
    return { mediaId, src, srcset, width, height, alt };
  }

  async function existing(slug: string): Promise<Author> {
    const author = await store.get(slug, true);
    if (!author) throw notFound(slug);
    return author;
  }

  return {
    list: (limit: number, startKey: PageKey | undefined) => store.list(limit, startKey),

    get: existing,

    async create(principal: Principal, input: AuthorCreate): Promise<Author> {
      assertWriter(principal);
      const at = clock.now().toISOString();
      const author: Author = {
        slug: input.slug,
        name: input.name,
        title: input.title ?? '',
        bio: input.bio ?? '',
        photo: await photoOf(input.photo),
        links: input.links ?? [],
        guest: input.guest ?? false,
        version: 1,
        createdAt: at,
        createdBy: principal.sub,
        updatedAt: at,
        updatedBy: principal.sub,
      };
      await store.create(author, author.photo?.mediaId);
      return author;
    },

    async patch(principal: Principal, slug: string, expected: number, patch: AuthorPatch): Promise<Author> {
      assertWriter(principal);
      const author = await existing(slug);
      if (author.version !== expected) {
        throw new PreconditionFailedError(
          `Author ${slug} is at version ${author.version}, not ${expected}; reload it.`,
        );
      }
      const { photo, ...words } = patch;
      const next: Author = {
        ...author,
        ...Object.fromEntries(Object.entries(words).filter(([, v]) => v !== undefined)),
        ...(photo === undefined ? {} : { photo: await photoOf(photo) }),
        version: author.version + 1,
        updatedAt: clock.now().toISOString(),
        updatedBy: principal.sub,
      };
      const newPhoto = next.photo?.mediaId;
      await store.save(next, author.version, newPhoto !== author.photo?.mediaId ? newPhoto : undefined);
      return next;
    },

    async remove(principal: Principal, slug: string, expected: number | undefined): Promise<void> {
      assertWriter(principal);
      const author = await existing(slug);
      const live = await store.liveStoryCount(slug);
      if (live > 0) {
        throw new ConflictError(
          `Author ${slug} is named by ${live} live ${live === 1 ? 'story' : 'stories'}; take them off those stories first.`,
        );
      }
      await store.remove(slug, expected ?? author.version);
    },
  };
}
export type Authors = ReturnType<typeof createAuthors>;

/** The public side: a profile is one GetItem, a page of stories one Query. */
export function createAuthorPages(store: AuthorReader) {
  return {
    /** The profile, and its record's version (the ETag). */
    async profile(slug: string): Promise<{ author: PublicAuthor; version: number }> {
      const found = await store.get(slug);
      if (!found) throw notFound(slug);
      const { slug: s, name, title, bio, photo, links, guest, version } = found;
      return { author: { slug: s, name, title, bio, photo, links, guest }, version };
    },

    /** An unknown author has no stories: an empty page, not a 404 (that would cost a second read). */
    async stories(slug: string, limit: number, startKey: PageKey | undefined): Promise<Page<AuthorStory>> {
      const page = await store.stories(slug, limit, startKey);
      return {
        items: page.items.map((e) => ({
          id: e.id,
          slug: e.slug,
          section: e.section,
          title: e.title,
          summary: e.summary,
          tags: e.tags,
          publishedAt: e.publishedAt,
          updatedAt: e.updatedAt,
          leadImage: listImageOf(e.leadImage),
        })),
        lastKey: page.lastKey,
      };
    },
  };
}
