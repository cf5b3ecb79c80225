/**
 * Word-level differences between two texts, for the revision comparison and the edit conflict:
 * the words taken out and put in are marked, not the whole block. Tokens are words and the runs
 * of space or punctuation between them; the common start and end are set aside first, then the
 * longest common subsequence of what is left is found.
 */
export type DiffPiece = { text: string; kind: 'same' | 'removed' | 'added' };

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|\s+|[^\p{L}\p{N}\s]/gu;
const tokens = (text: string) => text.match(TOKEN) ?? [];

/** Beyond this many cells the table costs more than it shows: the middle is shown as replaced. */
const MAX_CELLS = 4_000_000;

function push(out: DiffPiece[], kind: DiffPiece['kind'], text: string) {
  if (!text) return;
  const last = out.at(-1);
  if (last && last.kind === kind) last.text += text;
  else out.push({ text, kind });
}

export function wordDiff(before: string, after: string): DiffPiece[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const out: DiffPiece[] = [];
  push(out, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  if (midA.length * midB.length > MAX_CELLS) {
    push(out, 'removed', midA.join(''));
    push(out, 'added', midB.join(''));
  } else {
    // lengths[i][j]: the longest common subsequence of midA[i..] and midB[j..].
    const n = midA.length;
    const m = midB.length;
    const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      const row = lengths[i] as Uint32Array;
      const below = lengths[i + 1] as Uint32Array;
      for (let j = m - 1; j >= 0; j -= 1) {
        row[j] =
          midA[i] === midB[j]
            ? (below[j + 1] as number) + 1
            : Math.max(below[j] as number, row[j + 1] as number);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push(out, 'same', midA[i] as string);
        i += 1;
        j += 1;
      } else if (i < n && (j === m || (lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0))) {
        // On a tie what was taken out comes first: "Monday Tuesday" reads as a replacement.
        push(out, 'removed', midA[i] as string);
        i += 1;
      } else {
        push(out, 'added', midB[j] as string);
        j += 1;
      }
    }
  }
  push(out, 'same', a.slice(endA).join(''));
  return out;
}
