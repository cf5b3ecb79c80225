import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { toggleMark } from 'prosemirror-commands';
import type { MarkType } from 'prosemirror-model';
import type { Command, EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import {
  applyLink,
  type BlockStyle,
  insertAtom,
  linkAt,
  moveBlock,
  removeLink,
  setStyle,
  styleAt,
} from './commands.ts';
import { acceptableHref, schema } from './schema.ts';

/**
 * The editor's toolbar: the block's style, bold, italic, link, image, embed, and moving the block.
 * Each button says its key; pressing one leaves the cursor where it was in the text.
 */
const STYLES: { value: BlockStyle; label: string }[] = [
  { value: 'paragraph', label: 'Paragraph' },
  { value: 'h2', label: 'Heading 2' },
  { value: 'h3', label: 'Heading 3' },
  { value: 'h4', label: 'Heading 4' },
  { value: 'bullets', label: 'Bulleted list' },
  { value: 'numbers', label: 'Numbered list' },
  { value: 'quote', label: 'Quote' },
];

function markActive(state: EditorState, type: MarkType | undefined): boolean {
  if (!type) return false;
  const { from, to, empty, $from } = state.selection;
  if (empty) return Boolean(type.isInSet(state.storedMarks ?? $from.marks()));
  return state.doc.rangeHasMark(from, to, type);
}

interface ToolbarProps {
  view: EditorView;
  id: string;
  linking: boolean;
  setLinking: (open: boolean) => void;
}

export function Toolbar({ view, id, linking, setLinking }: ToolbarProps) {
  const { state } = view;
  const style = styleAt(state);
  const run = (command: Command) => {
    command(view.state, view.dispatch);
    view.focus();
  };
  // Buttons keep the editor's focus and selection when clicked with a pointer.
  const keep = (e: MouseEvent) => e.preventDefault();
  const insert = (name: 'image' | 'embed') => {
    insertAtom(name)(view.state, view.dispatch);
    // The new block's first field takes the focus: its address, or the library button.
    requestAnimationFrame(() => {
      const dom = view.nodeDOM(view.state.selection.from);
      if (dom instanceof HTMLElement) dom.querySelector<HTMLElement>('input, button')?.focus();
    });
  };
  const button = (
    label: string,
    keys: string,
    onClick: () => void,
    pressed?: boolean,
    content?: preact.ComponentChildren,
  ) => (
    <button
      type="button"
      aria-label={label}
      title={keys ? `${label} (${keys})` : label}
      aria-pressed={pressed}
      disabled={!view.editable}
      onMouseDown={keep}
      onClick={onClick}
    >
      {content ?? label}
    </button>
  );
  return (
    <div class="pm-toolbar-wrap">
      <div class="pm-toolbar" role="toolbar" aria-label="Formatting" aria-controls={id}>
        <label class="visually-hidden" for={`${id}-style`}>
          Block style
        </label>
        <select
          id={`${id}-style`}
          value={style === 'image' || style === 'embed' ? '' : style}
          disabled={!view.editable || style === 'image' || style === 'embed'}
          onChange={(e) => run(setStyle(e.currentTarget.value as BlockStyle))}
        >
          {(style === 'image' || style === 'embed') && (
            <option value="">{style === 'image' ? 'Image' : 'Embed'}</option>
          )}
          {STYLES.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
        {button(
          'Bold',
          'Ctrl+B',
          () => run(toggle('bold')),
          markActive(state, schema.marks.bold),
          <strong>B</strong>,
        )}
        {button(
          'Italic',
          'Ctrl+I',
          () => run(toggle('italic')),
          markActive(state, schema.marks.italic),
          <em>I</em>,
        )}
        {button('Link', 'Ctrl+K', () => setLinking(!linking), markActive(state, schema.marks.link))}
        {button('Insert image', '', () => insert('image'), undefined, 'Image')}
        {button('Insert embed', '', () => insert('embed'), undefined, 'Embed')}
        {button('Move block up', 'Alt+Up', () => run(moveBlock(-1)), undefined, '↑')}
        {button('Move block down', 'Alt+Down', () => run(moveBlock(1)), undefined, '↓')}
      </div>
      {linking && <LinkForm view={view} id={`${id}-link`} close={() => setLinking(false)} />}
    </div>
  );
}

function toggle(name: 'bold' | 'italic'): Command {
  const type = schema.marks[name];
  return type ? toggleMark(type) : () => false;
}

/**
 * The address of a link, checked with the API's own rule before it is set: what the API would
 * refuse is refused here, at the point of entry, and never becomes a link.
 */
function LinkForm({ view, id, close }: { view: EditorView; id: string; close: () => void }) {
  const existing = linkAt(view.state);
  const [href, setHref] = useState(existing?.href ?? 'https://');
  const [error, setError] = useState<string>();
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const done = () => {
    close();
    view.focus();
  };
  const apply = () => {
    // The field as it is now: a key can come before the render that follows typing.
    const value = (input.current?.value ?? href).trim();
    if (!acceptableHref(value)) {
      setError(
        'Not a link the article can hold: give a full address starting https://, http:// or mailto:, without spaces.',
      );
      input.current?.focus();
      return;
    }
    applyLink(value)(view.state, view.dispatch);
    done();
  };
  return (
    <fieldset class="link-form">
      <legend class="visually-hidden">Link</legend>
      <label for={id}>Link address</label>
      <input
        ref={input}
        id={id}
        inputMode="url"
        value={href}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onInput={(e) => {
          setHref(e.currentTarget.value);
          setError(undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            apply();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            done();
          }
        }}
      />
      <button type="button" class="primary" onClick={apply}>
        Apply link
      </button>
      {existing && (
        <button
          type="button"
          onClick={() => {
            removeLink(view.state, view.dispatch);
            done();
          }}
        >
          Remove link
        </button>
      )}
      <button type="button" onClick={done}>
        Cancel
      </button>
      {error && (
        <p class="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
