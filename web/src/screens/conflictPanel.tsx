import { useLayoutEffect, useRef } from 'preact/hooks';
import type { Article } from '../api.ts';
import type { FieldDiff } from '../diff.ts';
import { DiffTable } from '../diffTable.tsx';
import { formatDate } from '../ui.tsx';

export interface Conflict {
  latest: Article;
  etag: string;
  diffs: FieldDiff[];
}

/** Someone saved first: what differs, and the choice to reload theirs or keep one's own text. */
export function ConflictPanel({
  conflict,
  onReload,
  onKeepMine,
}: {
  conflict: Conflict;
  onReload: () => void;
  onKeepMine: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => ref.current?.focus(), [conflict]);
  const { latest, diffs } = conflict;
  return (
    <div class="conflict" role="alert" tabIndex={-1} ref={ref} aria-labelledby="conflict-title">
      <h2 id="conflict-title">Someone else saved this article first</h2>
      <p>
        {latest.updatedBy} saved version {latest.version} on {formatDate(latest.updatedAt)} while you were
        editing. Nothing was overwritten. Compare, then choose.
      </p>
      {diffs.length === 0 ? (
        <p>Their content is the same as yours; only the status or version changed.</p>
      ) : (
        <DiffTable
          diffs={diffs}
          caption="What differs"
          left={`Saved by ${latest.updatedBy}`}
          right="Your unsaved text"
        />
      )}
      <div class="form-actions">
        <button type="button" onClick={onReload}>
          Reload their version
        </button>
        <button type="button" class="primary" onClick={onKeepMine}>
          Keep my text
        </button>
      </div>
      <p class="hint">
        “Keep my text” saves your version over theirs as a new version; theirs stays in the revisions.
      </p>
    </div>
  );
}
