import { baseKeymap, chainCommands, toggleMark } from 'prosemirror-commands';
import { redo, undo } from 'prosemirror-history';
import { InputRule, inputRules, textblockTypeInputRule, undoInputRule } from 'prosemirror-inputrules';
import { keymap } from 'prosemirror-keymap';
import { type Command, type Plugin, Selection, TextSelection } from 'prosemirror-state';
import { type BlockStyle, leaveList, moveBlock, quoteEnter, setStyle } from './commands.ts';
import { schema } from './schema.ts';

/**
 * The usual keys: Ctrl/⌘+B, +I, +K (link), +Z and +Y; Alt+Up and Alt+Down move the block;
 * Ctrl/⌘+Alt+0, 2, 3, 4 give a paragraph or a heading. Markdown-style rules at the start of a
 * paragraph: `## ` a heading (`#` to `####`), `> ` a quote, `- ` or `* ` a list, `1. ` a numbered one;
 * Backspace just after one undoes it.
 */
export function editorKeys(openLink: () => void): Plugin[] {
  const { bold, italic } = schema.marks;
  const keys: Record<string, Command> = {
    'Mod-z': undo,
    'Mod-y': redo,
    'Shift-Mod-z': redo,
    'Mod-k': () => {
      openLink();
      return true;
    },
    'Mod-Home': (state, dispatch) => {
      dispatch?.(state.tr.setSelection(Selection.atStart(state.doc)).scrollIntoView());
      return true;
    },
    'Mod-End': (state, dispatch) => {
      dispatch?.(state.tr.setSelection(Selection.atEnd(state.doc)).scrollIntoView());
      return true;
    },
    'Alt-ArrowUp': moveBlock(-1),
    'Alt-ArrowDown': moveBlock(1),
    'Mod-Alt-0': setStyle('paragraph'),
    'Mod-Alt-2': setStyle('h2'),
    'Mod-Alt-3': setStyle('h3'),
    'Mod-Alt-4': setStyle('h4'),
    Enter: chainCommands(leaveList, quoteEnter),
    // Right after a rule turned `- ` into a list, Backspace gives the `- ` back as text.
    Backspace: undoInputRule,
  };
  if (bold) keys['Mod-b'] = toggleMark(bold);
  if (italic) keys['Mod-i'] = toggleMark(italic);
  return [inputRules({ rules: markdownRules() }), keymap(keys), keymap(baseKeymap)];
}

/** A rule that turns the paragraph it is typed at the start of into a list or a quote. */
function wrapRule(pattern: RegExp, style: BlockStyle): InputRule {
  return new InputRule(pattern, (state, _match, start, end) => {
    const $start = state.doc.resolve(start);
    if ($start.depth !== 1 || $start.parent.type.name !== 'paragraph') return null;
    // The marker goes, then the paragraph takes the style, in one step of the history.
    const tr = state.tr.delete(start, end);
    const deleted = state.apply(tr.setSelection(TextSelection.create(tr.doc, tr.mapping.map(start))));
    let out = tr;
    setStyle(style)(deleted, (styled) => {
      for (const step of styled.steps) out = out.step(step);
      out = out.setSelection(TextSelection.create(out.doc, styled.selection.from));
    });
    return out;
  });
}

function markdownRules(): InputRule[] {
  const heading = schema.nodes.heading;
  const rules = [
    wrapRule(/^>\s$/, 'quote'),
    wrapRule(/^[-*•]\s$/, 'bullets'),
    wrapRule(/^\d{1,3}[.)]\s$/, 'numbers'),
  ];
  if (heading)
    rules.unshift(
      textblockTypeInputRule(/^(#{1,4})\s$/, heading, (m) => ({ level: Math.max(2, (m[1] ?? '').length) })),
    );
  return rules;
}
