import { canDeleteMedia, canDescribeMedia } from '../../auth/permissions.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock, IdFactory } from '../../clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError } from '../../errors.ts';
import { log } from '../../log.ts';
import { CENTRE } from '../../schemas/cropFacts.ts';
import { MEDIA_LIMITS } from '../../schemas/facts.ts';
import type { Media, MediaCreate, MediaPatch, MediaUpload } from '../../schemas/media.ts';
import { fileNameWords } from '../../search/documents.ts';
import type { SearchIndex } from '../../search/searchIndex.ts';
import type { ArticleStore } from '../../store/articleStore.ts';
import type { PageKey } from '../../store/cursor.ts';
import { wordsOf } from '../../store/mediaRecord.ts';
import { requireVersion } from '../articles/checks.ts';
import { liveSlugOf } from '../articles/slugMoves.ts';
import { findIds, highlightsOf } from '../search.ts';
import { focalEdit, requestCrops } from './focalPoint.ts';
import { keyOfUrl, uploadKey } from './layout.ts';
import { mediaIdsOf } from './references.ts';
import type { MediaStorage, UploadSigner } from './storage.ts';

export interface LibraryDeps {
  store: ArticleStore;
  storage: MediaStorage;
  signer: UploadSigner;
  clock: Clock;
  newId: IdFactory;
  /** The upload policy's size limit: 20 MB unless a test makes it smaller. */
  maxBytes?: number;
  /** Finds images by their words (the relay indexes the records: shared/search/indexer.ts). */
  search: SearchIndex;
}

const notFound = (id: string) => new NotFoundError(`No image with id ${id}.`);

/** The 409 of a deletion refused because articles use the image, or authors have it as their photo. */
function inUse(articles: { id: string; title: string }[], authors: { slug: string; name: string }[]) {
  const count = (n: number, one: string, many: string) => (n === 1 ? one : `${n} ${many}`);
  const uses: string[] = [];
  if (articles.length > 0) {
    const names = articles.map((a) => `"${a.title}" (${a.id})`).join(', ');
    uses.push(`${count(articles.length, 'an article', 'articles')}: ${names}`);
  }
  if (authors.length > 0) {
    const names = authors.map((a) => `${a.name} (${a.slug})`).join(', ');
    uses.push(`the profile of ${count(authors.length, 'an author', 'authors')} as their photo: ${names}`);
  }
  const them = articles.length + authors.length === 1 ? 'there' : 'each of them';
  const error = new ConflictError(
    `The image is used by ${uses.join(', and by ')}. Remove it from ${them} first.`,
  );
  error.errors = [
    ...articles.map((a) => ({ path: `articles.${a.id}`, message: a.title })),
    ...authors.map((a) => ({ path: `authors.${a.slug}`, message: a.name })),
  ];
  return error;
}

/** The media library's use cases: register an upload, list, read, describe, delete. */
export function createLibrary({
  store,
  storage,
  signer,
  clock,
  newId,
  maxBytes = MEDIA_LIMITS.maxBytes,
  search,
}: LibraryDeps) {
  const media = store.media;

  async function load(id: string): Promise<Media> {
    const found = await media.get(id);
    if (!found) throw notFound(id);
    return found;
  }

  /** The articles whose working copy or live version refer to the image, by id and title. */
  async function articlesUsing(
    id: string,
  ): Promise<{ users: { id: string; title: string }[]; recorded: string[] }> {
    const recorded = await media.usedBy(id);
    const users: { id: string; title: string }[] = [];
    for (const articleId of recorded) {
      const article = await store.get(articleId);
      if (!article) continue;
      const snapshot = article.live
        ? await store.getSnapshot(liveSlugOf(article) ?? article.slug, true)
        : null;
      const inLive =
        snapshot !== null &&
        [
          ...snapshot.body.flatMap((b) => (b.type === 'image' && b.mediaId ? [b.mediaId] : [])),
          snapshot.leadImage?.mediaId,
          snapshot.seo.socialImage?.mediaId,
        ].includes(id);
      if (inLive || mediaIdsOf(article).includes(id)) users.push({ id: article.id, title: article.title });
    }
    return { users, recorded };
  }

  return {
    /**
     * A pending record and the presigned POST for its file. The policy, not this answer, is what
     * holds the client to the declared type and the size limit.
     */
    async create(principal: Principal, input: MediaCreate): Promise<MediaUpload> {
      const now = clock.now();
      const at = now.toISOString();
      const id = newId(now);
      const record: Media = {
        id,
        status: 'pending',
        type: null,
        width: null,
        height: null,
        bytes: null,
        alt: input.alt,
        caption: input.caption ?? null,
        credit: input.credit ?? null,
        licence: input.licence ?? null,
        fileName: input.fileName ?? null,
        uploadedBy: principal.sub,
        createdAt: at,
        updatedAt: at,
        version: 1,
        original: null,
        renditions: [],
        failure: null,
        focalPoint: CENTRE,
        crops: [],
        cropsFor: null,
      };
      const upload = await signer.sign({
        key: uploadKey(id),
        contentType: input.contentType,
        maxBytes,
        expiresSeconds: MEDIA_LIMITS.uploadSeconds,
      });
      await media.create(record);
      return {
        media: record,
        upload: {
          ...upload,
          expiresAt: new Date(now.getTime() + MEDIA_LIMITS.uploadSeconds * 1000).toISOString(),
          maxBytes,
        },
      };
    },

    list: (limit: number, startKey: PageKey | undefined) => media.list(limit, startKey),

    /**
     * Images whose alt text, caption, credit or file name hold every word (the last as a prefix
     * while typed), newest first like the library, each with the words found marked. The records
     * are read by id as they are now: one deleted since it was indexed is left out.
     */
    async search(q: string, limit: number, startKey: PageKey | undefined) {
      const { query, ids, lastKey } = await findIds(search, 'media', q, [], limit, startKey);
      const found = await media.getMany(ids);
      const items = ids.flatMap((id): Media[] => {
        const record = found.get(id);
        if (!record) return [];
        const { alt, caption, credit, fileName } = record;
        const highlights = highlightsOf(
          query,
          { alt, caption, credit, fileName },
          { fileName: fileNameWords },
        );
        return [{ ...record, highlights }];
      });
      return { items, lastKey };
    },

    get: load,

    /**
     * An image's words are changed by whoever uploaded it, or an editor (admins too); another
     * author may use the image but not put words under it (403). An article approved before the
     * change keeps publishing the words its approval saw (references.ts).
     */
    async patch(
      principal: Principal,
      id: string,
      expectedVersion: number | undefined,
      patch: MediaPatch,
    ): Promise<Media> {
      const version = requireVersion(expectedVersion);
      const current = await load(id);
      if (!canDescribeMedia(principal, current)) {
        throw new ForbiddenError(
          "Only the person who uploaded it or an editor may change an image's alt text, caption, credit or licence.",
        );
      }
      if (current.version !== version) {
        throw new PreconditionFailedError(
          `If-Match names version ${version}, but the image is at version ${current.version}. Fetch it again.`,
        );
      }
      const cleared = (value: string | undefined, was: string | null) =>
        value === undefined ? was : value === '' ? null : value;
      const next: Media = {
        ...current,
        alt: patch.alt ?? current.alt,
        caption: cleared(patch.caption, current.caption),
        credit: cleared(patch.credit, current.credit),
        licence: cleared(patch.licence, current.licence),
        focalPoint: focalEdit(current, patch.focalPoint),
        updatedAt: clock.now().toISOString(),
        version: current.version + 1,
      };
      await media.save(next, version, wordsOf(current));
      await requestCrops(storage, current, next);
      return next;
    },

    /**
     * An image no article uses is deleted with its files; one in use is a 409 that names the
     * articles (working copies and live versions both count: a live page must not lose an image).
     *
     * Against an article saved meanwhile: the record is first marked as being deleted, and only
     * then are its users read. An article write that starts to use the image checks, in its own
     * transaction, that no deletion marked it; so either that write fails (409 naming the field)
     * or it committed before the mark and this deletion sees its usage record and refuses.
     */
    async remove(principal: Principal, id: string, expectedVersion: number | undefined): Promise<void> {
      const current = await load(id);
      if (!canDeleteMedia(principal, current)) {
        throw new ForbiddenError(
          'Only an editor may delete a library image; its uploader may delete it only while its upload has not arrived (pending or failed).',
        );
      }
      if (expectedVersion !== undefined && current.version !== expectedVersion) {
        throw new PreconditionFailedError(
          `If-Match names version ${expectedVersion}, but the image is at version ${current.version}.`,
        );
      }
      const mark = clock.now().toISOString();
      if (!(await media.markDeleting(id, current.version, mark))) {
        const now = await media.get(id);
        if (!now) throw notFound(id);
        if (now.version !== current.version) {
          throw new PreconditionFailedError('The image was changed by someone else since you read it.');
        }
        throw new ConflictError('The image is already being deleted by someone else.');
      }
      let users: { id: string; title: string }[];
      let recorded: string[];
      let photoOf: { slug: string; name: string }[];
      try {
        ({ users, recorded } = await articlesUsing(id));
        // Read after the mark, consistently: an author saved with this photo before it is seen,
        // and one saved after it was refused by its write's check (AuthorStore.put).
        photoOf = (await store.authors.all(true)).filter((a) => a.photo?.mediaId === id);
      } catch (error) {
        await media.unmarkDeleting(id, mark);
        throw error;
      }
      if (users.length > 0 || photoOf.length > 0) {
        await media.unmarkDeleting(id, mark);
        throw inUse(users, photoOf);
      }
      try {
        await media.remove(id, current.version, mark, recorded);
      } catch (error) {
        await media.unmarkDeleting(id, mark);
        throw error;
      }
      // An upload not processed yet goes too: once the record is gone it would only be removed.
      const keys = [
        uploadKey(id),
        ...(current.original ? [keyOfUrl(current.original)] : []),
        ...current.renditions.map((r) => r.key),
        ...current.crops.flatMap((c) => c.renditions.map((r) => r.key)),
      ];
      try {
        await storage.remove(keys);
      } catch (error) {
        // The record is gone, so nothing refers to these any more; they only cost storage.
        log.warn('Could not delete the files of a deleted image', { id, keys, error });
      }
    },
  };
}

export type Library = ReturnType<typeof createLibrary>;
