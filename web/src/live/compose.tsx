import { useRef, useState } from 'preact/hooks';
import type { BlockInput, Problem } from '../api.ts';
import { RichEditorOnDemand } from '../editor/onDemand.tsx';
import { problemMessage } from '../ui.tsx';
import type { LiveEntry } from './liveApi.ts';

/** Ctrl+Enter, or Cmd+Enter on a Mac: the desk's "post" and "save". */
export const isSubmitKey = (e: KeyboardEvent) => e.key === 'Enter' && (e.ctrlKey || e.metaKey);

/** The API's errors about an entry's body, as one line beside the box. */
export const bodyErrors = (problem: Problem | undefined) =>
  problem ? [problemMessage(problem), ...(problem.errors ?? []).map((e) => `${e.path}: ${e.message}`)] : [];

export interface ComposeProps {
  /** Posts; answers the entry, or the API's problem (then nothing typed is cleared). */
  post: (input: {
    body: BlockInput[];
    keyEvent: boolean;
    pinned: boolean;
  }) => Promise<{ ok: true; entry: LiveEntry } | { ok: false; problem: Problem }>;
}

/**
 * The box at the top of the desk. Ctrl+Enter (Cmd+Enter) posts. The box is read-only while the post
 * is in flight (so nothing typed meanwhile could be cleared with it) and empties only once the API
 * has taken the entry; a refusal keeps every word and says why beside the box.
 */
export function Compose({ post }: ComposeProps) {
  const [body, setBody] = useState<BlockInput[]>([]);
  const [keyEvent, setKeyEvent] = useState(false);
  const [pinned, setPinned] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [posted, setPosted] = useState('');
  const latest = useRef({ body, keyEvent, pinned, busy });
  latest.current = { body, keyEvent, pinned, busy };

  const submit = async () => {
    const now = latest.current;
    if (now.busy) return;
    setBusy(true);
    setPosted('');
    const result = await post({ body: now.body, keyEvent: now.keyEvent, pinned: now.pinned });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setBody([]);
    setKeyEvent(false);
    setPinned(false);
    setPosted('Posted.');
  };

  const errors = bodyErrors(problem);
  return (
    <form
      class="compose"
      aria-labelledby="compose-label"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDownCapture={(e) => {
        if (!isSubmitKey(e)) return;
        e.preventDefault();
        e.stopPropagation();
        void submit();
      }}
    >
      <h2 id="compose-label">New entry</h2>
      <p class="hint" id="compose-hint">
        Ctrl+Enter (⌘+Enter) posts. Ctrl+B bold, Ctrl+I italic, Ctrl+K link.
      </p>
      <RichEditorOnDemand
        id="compose-body"
        value={body}
        onChange={setBody}
        errors={problem?.errors?.filter((e) => e.path.startsWith('body.')) ?? []}
        labelledBy="compose-label"
        describedBy={`compose-hint${errors.length ? ' compose-error' : ''}`}
        editable={!busy}
        library={false}
      />
      <div class="compose-actions">
        <label>
          <input type="checkbox" checked={keyEvent} onChange={(e) => setKeyEvent(e.currentTarget.checked)} />{' '}
          Key event
        </label>
        <label>
          <input type="checkbox" checked={pinned} onChange={(e) => setPinned(e.currentTarget.checked)} /> Pin
        </label>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Posting…' : 'Post'}
        </button>
      </div>
      <div role="status" aria-live="polite" class="compose-status">
        {posted}
      </div>
      {errors.length > 0 && (
        <p class="error" id="compose-error" role="alert">
          {errors.join(' ')}
        </p>
      )}
    </form>
  );
}
