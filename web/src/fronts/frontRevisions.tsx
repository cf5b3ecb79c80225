import { useEffect, useState } from 'preact/hooks';
import type { Problem } from '../api.ts';
import { formatDate, LoadMore, ProblemBanner } from '../ui.tsx';
import { type Front, type FrontRevision, frontsApi } from './frontsApi.ts';

/** Every published arrangement, newest first; one restored becomes the draft (If-Match). */
export function FrontRevisions({
  name,
  etag,
  dirty,
  serial,
  onRestored,
}: {
  name: string;
  etag: string;
  dirty: boolean;
  /** The latest revision's number: the list reloads when a publish adds one. */
  serial: number;
  onRestored: (front: Front, etag: string | undefined, n: number) => void;
}) {
  const [items, setItems] = useState<FrontRevision[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>();
  const load = async (after?: string) => {
    const r = await frontsApi.revisions(name, after);
    if (!r.ok) return setProblem(r.problem);
    setItems((before) => [...(after ? (before ?? []) : []), ...r.data.items]);
    setCursor(r.data.nextCursor);
  };
  useEffect(() => {
    void load();
  }, [name, serial]);
  const restore = async (n: number) => {
    const r = await frontsApi.restore(name, n, etag);
    if (!r.ok) return setProblem(r.problem);
    setProblem(undefined);
    onRestored(r.data, r.etag, n);
  };
  const slots = (rev: FrontRevision) => rev.zones.reduce((n, z) => n + z.slots.length, 0);
  return (
    <section class="front-revisions" aria-labelledby="fr-title">
      <h2 id="fr-title">Revisions</h2>
      <ProblemBanner problem={problem} />
      {dirty && <p class="hint">Save or undo your changes before restoring: a restore replaces the draft.</p>}
      {items && items.length === 0 && <p>Not published yet: each publish adds a revision.</p>}
      {items && items.length > 0 && (
        <ol class="revision-list" reversed>
          {items.map((rev) => (
            <li key={rev.n}>
              <span>
                Revision {rev.n}: “{rev.title}”, {rev.zones.length} zones, {slots(rev)} slots, published{' '}
                {formatDate(rev.publishedAt)} by {rev.publishedBy}
              </span>{' '}
              <button type="button" disabled={dirty} onClick={() => void restore(rev.n)}>
                Restore revision {rev.n}
              </button>
            </li>
          ))}
        </ol>
      )}
      <LoadMore cursor={cursor} load={load} label="More revisions" />
    </section>
  );
}
