import type { FieldDiff } from './diff.ts';

/**
 * Field-by-field differences side by side: the edit conflict (theirs / yours) and the revision
 * comparison (one revision / another) show the same table with their own column headings.
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
        {diffs.map((d) => (
          <tr key={d.field}>
            <th scope="row">{d.label}</th>
            <td>{d.left}</td>
            <td>{d.right}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
