import { useEffect, useRef, useState } from 'preact/hooks';
import { dropCursor } from 'prosemirror-dropcursor';
import { history } from 'prosemirror-history';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { BlockInput } from '../api.ts';
import { type DocJSON, fromEditorDoc, sameBody, toEditorDoc } from './convert.ts';
import { editorKeys } from './keymap.ts';
import { nodeViewsFor } from './nodeViews.tsx';
import { cleanPastedHtml, sliceOfText } from './paste.ts';
import { type BlockErrors, blockChrome, errorsKey, errorsPlugin, type PlacedErrors } from './plugins.ts';
import { schema } from './schema.ts';
import { Toolbar } from './toolbar.tsx';
import 'prosemirror-view/style/prosemirror.css';
import './editor.css';

/**
 * The article body's editor (loaded on demand: its own chunk). ProseMirror owns the document; the
 * form gets the API's body after each change (convert.ts), and a body from outside (a reload, the
 * answer to a save that says something else) replaces the document. Preact only draws the toolbar.
 */
export interface RichEditorProps {
  id: string;
  value: readonly BlockInput[];
  onChange: (body: BlockInput[]) => void;
  /** The API's errors under `body.<n>` from the last save. */
  errors: readonly { path: string; message: string }[];
  labelledBy: string;
  describedBy?: string;
  editable: boolean;
  /**
   * Images may come from the media library (the default), or only from an address: a live entry
   * takes an image by src and alt alone (shared/schemas/live.ts).
   */
  library?: boolean;
}

function stateOf(body: readonly BlockInput[], openLink: () => void): EditorState {
  return EditorState.create({
    doc: schema.nodeFromJSON(toEditorDoc(body)),
    plugins: [...editorKeys(openLink), history(), dropCursor(), blockChrome, errorsPlugin],
  });
}

/** Marks a transaction that only records what the blocks were read as (no edit). */
const restoredKey = 'restored';

/** Each block's `stored` set to the API's block it now stands for; not an edit to undo. */
function restore(state: EditorState, body: readonly BlockInput[], at: readonly number[]) {
  const tr = state.tr.setMeta(restoredKey, body).setMeta('addToHistory', false);
  const positions: number[] = [];
  state.doc.forEach((_node, offset) => {
    positions.push(offset);
  });
  body.forEach((block, i) => {
    const index = at[i];
    const pos = index === undefined ? undefined : positions[index];
    const node = pos === undefined ? null : state.doc.nodeAt(pos);
    if (pos !== undefined && node) tr.setNodeMarkup(pos, undefined, { ...node.attrs, stored: block });
  });
  return tr;
}

/** The API's block errors, placed at the editor's blocks they came from. */
function place(errors: RichEditorProps['errors'], at: readonly number[]): PlacedErrors[] {
  const byBlock = new Map<number, BlockErrors>();
  for (const { path, message } of errors) {
    const m = /^body\.(\d+)(?:\.([^.]+))?/.exec(path);
    if (!m) continue;
    const index = at[Number(m[1])] ?? Number(m[1]);
    const field = m[2] ?? '';
    const errs = byBlock.get(index) ?? {};
    errs[field] = [...(errs[field] ?? []), message];
    byBlock.set(index, errs);
  }
  return [...byBlock].map(([index, errs]) => ({ index, errors: errs }));
}

export function RichEditor(props: RichEditorProps) {
  const mount = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<EditorView>();
  const [linking, setLinking] = useState(false);
  const [, redraw] = useState(0);
  const latest = useRef(props);
  latest.current = props;
  /** The body last sent to the form (or taken from it), and where each of its blocks is. */
  const emitted = useRef(props.value);
  /**
   * Every body this editor sent: the form can render with an older one of them after newer typing
   * (renders and effects run later than transactions), and that is no body from outside.
   */
  const ours = useRef(new WeakSet<readonly BlockInput[]>());
  const at = useRef<number[]>([]);

  useEffect(() => {
    if (!mount.current) return;
    const openLink = () => setLinking(true);
    const state = stateOf(props.value, openLink);
    at.current = fromEditorDoc(state.doc.toJSON() as DocJSON).at;
    const v: EditorView = new EditorView(mount.current, {
      state,
      nodeViews: nodeViewsFor(props.library ?? true),
      editable: () => latest.current.editable,
      attributes: {
        id: props.id,
        class: 'pm-body',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': props.labelledBy,
        ...(props.describedBy ? { 'aria-describedby': props.describedBy } : {}),
      },
      transformPastedHTML: cleanPastedHtml,
      clipboardTextParser: (text) => sliceOfText(schema, text),
      dispatchTransaction(tr) {
        const next = v.state.apply(tr);
        v.updateState(next);
        if (tr.getMeta(restoredKey)) emitted.current = tr.getMeta(restoredKey);
        else if (tr.docChanged) {
          const converted = fromEditorDoc(next.doc.toJSON() as DocJSON);
          at.current = converted.at;
          emitted.current = converted.blocks;
          ours.current.add(converted.blocks);
          latest.current.onChange(converted.blocks);
        }
        redraw((n) => n + 1);
      },
    });
    setView(v);
    return () => v.destroy();
  }, []);

  // A body from outside: the document follows it unless it says what the editor already holds.
  useEffect(() => {
    if (!view || props.value === emitted.current || ours.current.has(props.value)) return;
    if (sameBody(props.value, emitted.current)) {
      // The same words (a save's answer): the document stays, cursor and all, and each block now
      // remembers the answer's JSON as what it was read as, to send back untouched.
      view.dispatch(restore(view.state, props.value, at.current));
      return;
    }
    emitted.current = props.value;
    const state = stateOf(props.value, () => setLinking(true));
    view.updateState(state);
    at.current = fromEditorDoc(state.doc.toJSON() as DocJSON).at;
  }, [view, props.value]);

  // Only when the errors change: a transaction while the browser's own typing is still being read
  // would put the caret back where the last transaction left it.
  const errorsJson = JSON.stringify(props.errors);
  useEffect(() => {
    if (!view) return;
    view.dispatch(view.state.tr.setMeta(errorsKey, place(props.errors, at.current)));
  }, [view, errorsJson]);

  useEffect(() => {
    view?.setProps({ editable: () => latest.current.editable });
  }, [view, props.editable]);

  return (
    <div class="rich-editor">
      {view && <Toolbar view={view} id={props.id} linking={linking} setLinking={setLinking} />}
      <div ref={mount} class="pm-mount" />
    </div>
  );
}
