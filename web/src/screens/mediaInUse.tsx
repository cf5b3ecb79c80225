import type { Problem } from '../api.ts';
import { Link } from '../ui.tsx';

/**
 * The uses a refused deletion names (its 409's errors): articles that use the image, and authors
 * whose photo it is. None for any other 409 (someone else is deleting it).
 */
export const usesOf = (problem: Problem | undefined) =>
  problem?.status === 409 ? (problem.errors ?? []).filter((e) => /^(articles|authors)\./.test(e.path)) : [];

/** Why the image cannot be deleted, each use a link to where it can be taken away. */
export function InUse({ uses }: { uses: ReturnType<typeof usesOf> }) {
  const count = (kind: string, one: string, many: string) => {
    const n = uses.filter((u) => u.path.startsWith(kind)).length;
    return n === 0 ? [] : [n === 1 ? one : `${n} ${many}`];
  };
  const what = [
    ...count('articles.', 'an article', 'articles'),
    ...count('authors.', "an author's profile", "authors' profiles"),
  ];
  return (
    <div class="problem" role="alert">
      <p>This image cannot be deleted: it is used by {what.join(' and ')}.</p>
      <ul>
        {uses.map((u) => (
          <li key={u.path}>
            {u.path.startsWith('authors.') ? 'Author: ' : 'Article: '}
            {/* articles.<id> and authors.<slug> are the console's /articles/<id> and /authors/<slug>. */}
            <Link href={`/${u.path.replace('.', '/')}`}>{u.message}</Link>
          </li>
        ))}
      </ul>
      <p>
        Remove it from {uses.length === 1 ? 'there' : 'each of them'} (and publish a live article again)
        first.
      </p>
    </div>
  );
}
