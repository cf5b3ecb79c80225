import type { BlockInput, Problem } from '../api.ts';
import { RichEditorOnDemand } from '../editor/onDemand.tsx';

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
      <RichEditorOnDemand
        id="a-body"
        value={value}
        onChange={onChange}
        errors={inBlocks}
        labelledBy="body-label"
        describedBy={`body-hint${whole.length || inBlocks.length ? ' body-error' : ''}`}
        editable={editable}
      />
    </div>
  );
}
