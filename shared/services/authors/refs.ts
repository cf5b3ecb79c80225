import { type FieldError, ValidationError } from '../../errors.ts';
import type { ArticleAuthor, Author } from '../../schemas/author.ts';
import type { AuthorStore } from '../../store/authorStore.ts';

/**
 * How articles use author records: each slug an article names must be an author (a 422 naming
 * `authors.<i>` otherwise, on save and on publish), and publishing copies what a byline shows of
 * each into the live snapshot, so the public read stays one GetItem.
 */
export async function knownAuthorsOf(
  store: Pick<AuthorStore, 'getMany'>,
  slugs: readonly string[],
): Promise<Map<string, Author>> {
  if (slugs.length === 0) return new Map();
  const found = await store.getMany(slugs);
  const errors: FieldError[] = [];
  slugs.forEach((slug, i) => {
    if (!found.has(slug)) errors.push({ path: `authors.${i}`, message: `no author ${slug}` });
  });
  if (errors.length > 0) throw new ValidationError('The article names authors that do not exist.', errors);
  return found;
}

/** An author as a live article carries them: the byline's fields, the photo cut to an <img>. */
export function articleAuthorOf(author: Author): ArticleAuthor {
  const { photo } = author;
  return {
    slug: author.slug,
    name: author.name,
    title: author.title,
    ...(photo
      ? {
          photo: {
            src: photo.src,
            srcset: photo.srcset,
            width: photo.width,
            height: photo.height,
            alt: photo.alt,
          },
        }
      : {}),
  };
}

/** The snapshot's authors, in the article's order (the map from knownAuthorsOf). */
export const articleAuthorsOf = (
  slugs: readonly string[],
  found: ReadonlyMap<string, Author>,
): ArticleAuthor[] =>
  slugs.flatMap((slug) => {
    const author = found.get(slug);
    return author ? [articleAuthorOf(author)] : [];
  });

/** A name as bylines are matched to authors: case, accents and spacing folded. */
export const foldName = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s.]+/g, ' ')
    .trim();
