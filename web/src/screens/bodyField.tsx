import { useEffect, useState } from 'preact/hooks';
import type { BlockInput, Problem } from '../api.ts';
import type { RichEditorProps } from '../editor/richEditor.tsx';
import { problemMessage } from '../ui.tsx';

type Editor = (props: RichEditorProps) => preact.JSX.Element;

/** Loaded once, when the first article opens: the editor is its own chunk, outside the first load. */
let loading: Promise<Editor> | undefined;
const loadEditor = () => {
  loading ??= import('../editor/richEditor.tsx').then((m) => m.RichEditor);
  return loading;
};

const KEYS =
  'Ctrl+B bold, Ctrl+I italic, Ctrl+K link, Alt+Up and Alt+Down move a block. Start a paragraph with ## for a heading, > for a quote, - or 1. for a list.';

/** The article's body: the rich-text editor, and the API's errors about the body as a whole. */
export function BodyField({
  value,
  onChange,
  problem,
  editable,
}: {
  value: readonly BlockInput[];
  onChange: (body: BlockInput[]) => void;
  problem: Problem | undefined;
  editable: boolean;
}) {
  const [Editor, setEditor] = useState<Editor>();
  const [failed, setFailed] = useState<Problem>();
  useEffect(() => {
    loadEditor().then(
      (e) => setEditor(() => e),
      () =>
        setFailed({
          status: 0,
          title: 'The editor could not be loaded',
          detail: 'Check the connection and reload the page; nothing typed here was lost.',
        }),
    );
  }, []);
  const all = problem?.errors?.filter((e) => e.path === 'body' || e.path.startsWith('body.')) ?? [];
  const whole = all.filter((e) => e.path === 'body').map((e) => e.message);
  const inBlocks = all.filter((e) => e.path !== 'body');
  return (
    <div class="body-field">
      <h2 id="body-label">Body</h2>
      <p class="hint" id="body-hint">
        {KEYS}
      </p>
      {(whole.length > 0 || inBlocks.length > 0) && (
        <p class="error" id="body-error">
          {[
            ...whole,
            ...(inBlocks.length ? [`${inBlocks.length} problem(s) in the blocks marked below`] : []),
          ].join('; ')}
        </p>
      )}
      {failed && <p class="error">{problemMessage(failed)}</p>}
      {!Editor && !failed && <p role="status">Loading the editor…</p>}
      {Editor && (
        <Editor
          id="a-body"
          value={value}
          onChange={onChange}
          errors={inBlocks}
          labelledBy="body-label"
          describedBy={`body-hint${whole.length || inBlocks.length ? ' body-error' : ''}`}
          editable={editable}
        />
      )}
    </div>
  );
}
