import type { FieldDiff } from './diff.ts';
import { type DiffPiece, wordDiff } from './wordDiff.ts';

/** One side of a difference: the text as that side has it, with its own changed words marked. */
function Side({ pieces, side }: { pieces: DiffPiece[]; side: 'left' | 'right' }) {
  const mine = side === 'left' ? 'removed' : 'added';
  return (
    <>
      {pieces.map((p, i) =>
        p.kind === 'same' ? (
          p.text
        ) : p.kind !== mine ? null : side === 'left' ? (
          <del key={i}>{p.text}</del>
        ) : (
          <ins key={i}>{p.text}</ins>
        ),
      )}
    </>
  );
}

/**
 * Field-by-field differences side by side: the edit conflict (theirs / yours) and the revision
 * comparison (one revision / another) show the same table with their own column headings. Within
 * a field, the words that differ are marked (struck out on the left, underlined on the right).
 */
export function DiffTable({
  diffs,
  left,
  right,
  caption,
}: {
  diffs: FieldDiff[];
  left: string;
  right: string;
  caption?: string;
}) {
  return (
    <table class="diff">
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">{left}</th>
          <th scope="col">{right}</th>
        </tr>
      </thead>
      <tbody>
        {diffs.map((d) => {
          const pieces = wordDiff(d.left, d.right);
          return (
            <tr key={d.field}>
              <th scope="row">{d.label}</th>
              <td>
                <Side pieces={pieces} side="left" />
              </td>
              <td>
                <Side pieces={pieces} side="right" />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
