import { NodeSelection, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view';

/**
 * What the editor draws around the text: a drag handle beside each block, the hint in an empty
 * story, and the API's errors at the blocks they concern.
 */

/** A block's errors by field ('' for the block itself), as the API gave them. */
export type BlockErrors = Record<string, string[]>;
export interface PlacedErrors {
  /** The index of the editor's top-level block. */
  index: number;
  errors: BlockErrors;
}

export const errorsKey = new PluginKey<DecorationSet>('errors');

function errorWidget(messages: string[]) {
  return () => {
    const p = document.createElement('p');
    p.className = 'error block-error';
    p.contentEditable = 'false';
    p.textContent = messages.join('; ');
    return p;
  };
}

/** Decorations for the API's errors: the block marked invalid, its messages after it. */
function errorDecorations(doc: import('prosemirror-model').Node, placed: PlacedErrors[]): DecorationSet {
  const decorations: Decoration[] = [];
  let pos = 0;
  doc.forEach((node, offset, index) => {
    pos = offset;
    const found = placed.find((p) => p.index === index);
    if (!found) return;
    decorations.push(
      Decoration.node(pos, pos + node.nodeSize, { class: 'block-invalid' }, { errors: found.errors }),
    );
    // An image's or an embed's fields show their own errors (nodeViews.tsx).
    if (!node.isAtom) {
      const messages = Object.values(found.errors).flat();
      decorations.push(
        Decoration.widget(pos + node.nodeSize, errorWidget(messages), {
          side: -1,
          key: `err-${index}-${messages.join()}`,
        }),
      );
    }
  });
  return DecorationSet.create(doc, decorations);
}

export const errorsPlugin = new Plugin<DecorationSet>({
  key: errorsKey,
  state: {
    init: () => DecorationSet.empty,
    apply(tr, set, _old, state) {
      const placed = tr.getMeta(errorsKey) as PlacedErrors[] | undefined;
      if (placed) return errorDecorations(state.doc, placed);
      return set.map(tr.mapping, tr.doc);
    },
  },
  props: { decorations: (state) => errorsKey.getState(state) },
});

/** The errors a node view's decorations carry (image and embed fields). */
export function errorsOf(decorations: readonly Decoration[]): BlockErrors {
  for (const d of decorations) {
    const spec = d.spec as { errors?: BlockErrors };
    if (spec.errors) return spec.errors;
  }
  return {};
}

/**
 * A handle to drag each block by (the keyboard moves blocks with Alt+Up and Alt+Down). Dragging
 * selects the block and hands ProseMirror the slice: its drop moves it.
 */
function handle(view: EditorView, getPos: () => number | undefined) {
  const el = document.createElement('span');
  el.className = 'block-handle';
  el.draggable = true;
  el.contentEditable = 'false';
  el.setAttribute('aria-hidden', 'true');
  el.title = 'Drag to move this block (or Alt+Up, Alt+Down)';
  el.addEventListener('dragstart', (event) => {
    const at = getPos();
    if (at === undefined || !event.dataTransfer) return;
    const $at = view.state.doc.resolve(at);
    const pos = $at.depth > 0 ? $at.before(1) : at;
    const selection = NodeSelection.create(view.state.doc, pos);
    view.dispatch(view.state.tr.setSelection(selection));
    const slice = selection.content();
    event.dataTransfer.effectAllowed = 'copyMove';
    event.dataTransfer.setData('text/plain', selection.node.textContent);
    const blockDom = view.nodeDOM(pos);
    if (blockDom instanceof HTMLElement) event.dataTransfer.setDragImage(blockDom, 0, 0);
    view.dragging = { slice, move: true };
  });
  return el;
}

const PLACEHOLDER =
  'Write the story here. Paste from Google Docs, Word or a web page keeps its headings, bold, italic, links, lists and quotes.';

export const blockChrome = new Plugin({
  props: {
    decorations(state) {
      const decorations: Decoration[] = [];
      const only = state.doc.childCount === 1 ? state.doc.firstChild : null;
      if (only?.type.name === 'paragraph' && only.content.size === 0)
        decorations.push(
          Decoration.node(0, only.nodeSize, { class: 'is-empty', 'data-placeholder': PLACEHOLDER }),
        );
      // Between blocks (inside a line, Chrome types beside a non-editable handle, not into the text);
      // Ctrl+Home and Ctrl+End are the editor's own (keymap.ts), so the caret never lands beside one.
      state.doc.forEach((_node, at, index) => {
        decorations.push(
          Decoration.widget(at, handle, {
            side: -1,
            key: `handle-${index}`,
            ignoreSelection: true,
            // The handle's own drag, not ProseMirror's text drag.
            stopEvent: (e: Event) => e.type === 'dragstart' || e.type === 'mousedown',
          }),
        );
      });
      return DecorationSet.create(state.doc, decorations);
    },
  },
});
