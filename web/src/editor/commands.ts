import { Fragment, type Node, type NodeType } from 'prosemirror-model';
import { type Command, type EditorState, NodeSelection, TextSelection } from 'prosemirror-state';
import { schema } from './schema.ts';

/** The editor's commands on whole blocks: styles, lists, quotes, moving, inserting, and links. */

const type = (name: string): NodeType => {
  const t = schema.nodes[name];
  if (!t) throw new Error(`no ${name} in the schema`);
  return t;
};

export type BlockStyle = 'paragraph' | 'h2' | 'h3' | 'h4' | 'bullets' | 'numbers' | 'quote';

/** The style of the top-level block the selection starts in (what the toolbar shows). */
export function styleAt(state: EditorState): BlockStyle | 'image' | 'embed' {
  const node = state.doc.child(state.selection.$from.index(0));
  switch (node.type.name) {
    case 'heading':
      return `h${node.attrs.level}` as BlockStyle;
    case 'list':
      return node.attrs.ordered ? 'numbers' : 'bullets';
    case 'quote':
    case 'image':
    case 'embed':
      return node.type.name;
    default:
      return 'paragraph';
  }
}

/** The lines of inline content a block holds (a quote's parts, a list's items, a paragraph's one). */
function linesOf(node: Node): Fragment[] {
  if (node.isTextblock) return [node.content];
  const lines: Fragment[] = [];
  node.forEach((child) => {
    if (child.isTextblock && child.content.size > 0) lines.push(child.content);
  });
  return lines;
}

function build(style: BlockStyle, lines: Fragment[]): Node[] {
  const all = lines.length ? lines : [Fragment.empty];
  switch (style) {
    case 'paragraph':
      return all.map((l) => type('paragraph').create(null, l));
    case 'h2':
    case 'h3':
    case 'h4':
      return all.map((l) => type('heading').create({ level: Number(style[1]) }, l));
    case 'bullets':
    case 'numbers':
      return [
        type('list').create(
          { ordered: style === 'numbers' },
          all.map((l) => type('list_item').create(null, l)),
        ),
      ];
    case 'quote': {
      let words = Fragment.empty;
      all.forEach((l, i) => {
        words = words.append(i ? Fragment.from(schema.text(' ')).append(l) : l);
      });
      return [
        type('quote').create(null, [
          type('quote_before').create(),
          type('quote_text').create(null, words),
          type('quote_after').create(),
          type('quote_attribution').create(),
        ]),
      ];
    }
  }
}

/**
 * Gives the top-level blocks the selection touches a style; a list or quote given its own style
 * again goes back to paragraphs. Images and embeds are left as they are.
 */
export function setStyle(style: BlockStyle): Command {
  return (state, dispatch) => {
    const { $from, $to } = state.selection;
    const first = $from.index(0);
    const last = Math.max(first, Math.min($to.index(0), state.doc.childCount - 1));
    const current = styleAt(state);
    const toggle = style === 'bullets' || style === 'numbers' || style === 'quote';
    const target: BlockStyle = toggle && current === style ? 'paragraph' : style;
    let start = 0;
    for (let i = 0; i < first; i += 1) start += state.doc.child(i).nodeSize;
    let end = start;
    const lines: Fragment[] = [];
    for (let i = first; i <= last; i += 1) {
      const node = state.doc.child(i);
      end += node.nodeSize;
      if (node.isAtom) return false;
      lines.push(...linesOf(node));
    }
    if (!dispatch) return true;
    // The cursor stays at the same character of the text (a line break counts one).
    let remaining = state.doc.textBetween(start, $from.pos, ' ').length;
    const nodes = build(target, lines);
    const tr = state.tr.replaceWith(start, end, nodes);
    let pos = start + 1;
    let found = false;
    tr.doc.nodesBetween(start, start + Fragment.from(nodes).size, (node, at) => {
      if (found || !node.isTextblock) return !found;
      // In a quote, the words are the quoted text: the parts around it start empty.
      if (node.type.name !== 'quote_text' && target === 'quote') return false;
      if (remaining <= node.content.size) {
        pos = at + 1 + remaining;
        found = true;
      } else {
        remaining -= node.content.size + 1;
        pos = at + 1 + node.content.size;
      }
      return false;
    });
    dispatch(tr.setSelection(TextSelection.near(tr.doc.resolve(pos))).scrollIntoView());
    return true;
  };
}

/** Moves the top-level block the selection is in up (-1) or down (+1): Alt+Up and Alt+Down. */
export function moveBlock(by: -1 | 1): Command {
  return (state, dispatch) => {
    const sel = state.selection;
    const index = sel.$from.index(0);
    const other = index + by;
    if (other < 0 || other >= state.doc.childCount) return false;
    if (!dispatch) return true;
    const node = state.doc.child(index);
    const neighbour = state.doc.child(other);
    const start = sel.$from.before(1);
    const from = by < 0 ? start - neighbour.nodeSize : start;
    const to = from + node.nodeSize + neighbour.nodeSize;
    const tr = state.tr.replaceWith(from, to, by < 0 ? [node, neighbour] : [neighbour, node]);
    const moved = by < 0 ? from : from + neighbour.nodeSize;
    const shift = moved - start;
    const next =
      sel instanceof NodeSelection
        ? NodeSelection.create(tr.doc, moved)
        : TextSelection.create(tr.doc, sel.anchor + shift, sel.head + shift);
    dispatch(tr.setSelection(next).scrollIntoView());
    return true;
  };
}

/** Enter in an empty list item ends the list there: the item becomes a paragraph after it. */
export const leaveList: Command = (state, dispatch) => {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type.name !== 'list_item' || $from.parent.content.size > 0) return false;
  if (!dispatch) return true;
  const list = $from.node(1);
  const listStart = $from.before(1);
  const index = $from.index(1);
  const before = list.content.cut(0, $from.before(2) - listStart - 1);
  const after = list.content.cut($from.after(2) - listStart - 1);
  const parts: Node[] = [];
  if (index > 0) parts.push(list.copy(before));
  parts.push(type('paragraph').create());
  if (after.size) parts.push(list.copy(after));
  const tr = state.tr.replaceWith(listStart, listStart + list.nodeSize, parts);
  const at = listStart + (index > 0 ? (parts[0]?.nodeSize ?? 0) : 0) + 1;
  dispatch(tr.setSelection(TextSelection.create(tr.doc, at)).scrollIntoView());
  return true;
};

/** Enter in a quote goes to its next part; from the attribution, on to a new paragraph after it. */
export const quoteEnter: Command = (state, dispatch) => {
  const { $from } = state.selection;
  if ($from.depth !== 2 || $from.node(1).type.name !== 'quote') return false;
  if (!dispatch) return true;
  const index = $from.index(1);
  if (index < 3) {
    const next = $from.after(2) + 1;
    dispatch(state.tr.setSelection(TextSelection.create(state.doc, next)).scrollIntoView());
    return true;
  }
  const after = $from.after(1);
  const tr = state.tr.insert(after, type('paragraph').create());
  dispatch(tr.setSelection(TextSelection.create(tr.doc, after + 1)).scrollIntoView());
  return true;
};

/** Inserts an image or an embed after the block the selection is in, and selects it. */
export function insertAtom(name: 'image' | 'embed'): Command {
  return (state, dispatch) => {
    if (!dispatch) return true;
    const { $from } = state.selection;
    const at = $from.depth === 0 ? $from.pos : $from.after(1);
    const tr = state.tr.insert(at, type(name).create());
    dispatch(tr.setSelection(NodeSelection.create(tr.doc, at)).scrollIntoView());
    return true;
  };
}

/** The link at the selection: its range and href, when the cursor or selection is within one. */
export function linkAt(
  state: EditorState,
): { from: number; to: number; href: string; rel: string | null } | null {
  const link = schema.marks.link;
  if (!link) return null;
  const { $from, from, to } = state.selection;
  const mark = link.isInSet($from.marks()) ?? link.isInSet(state.doc.resolve(Math.min(from + 1, to)).marks());
  if (!mark || !$from.parent.isTextblock) return null;
  // The run of text around the cursor that carries this very link.
  let start = $from.start();
  let end = start;
  let found = false;
  $from.parent.forEach((child, offset) => {
    const a = $from.start() + offset;
    const b = a + child.nodeSize;
    if (mark.isInSet(child.marks)) {
      if (!found || a > end) start = a;
      end = b;
      if (a <= from && b >= from) found = true;
    } else if (!found) start = b;
  });
  return found ? { from: start, to: end, href: String(mark.attrs.href), rel: mark.attrs.rel ?? null } : null;
}

/** Sets a link (href already checked) on the selection, on the link the cursor is in, or as new text. */
export function applyLink(href: string): Command {
  return (state, dispatch) => {
    const link = schema.marks.link;
    if (!link) return false;
    if (!dispatch) return true;
    const existing = linkAt(state);
    const { from, to, empty } = state.selection;
    const tr = state.tr;
    if (existing && empty) {
      tr.removeMark(existing.from, existing.to, link).addMark(
        existing.from,
        existing.to,
        link.create({ href, rel: existing.rel }),
      );
    } else if (empty) {
      tr.insert(from, schema.text(href, [link.create({ href })]));
    } else {
      tr.removeMark(from, to, link).addMark(from, to, link.create({ href, rel: existing?.rel ?? null }));
    }
    dispatch(tr.scrollIntoView());
    return true;
  };
}

export const removeLink: Command = (state, dispatch) => {
  const link = schema.marks.link;
  const existing = linkAt(state);
  if (!link || (!existing && state.selection.empty)) return false;
  if (!dispatch) return true;
  const { from, to } = existing ?? state.selection;
  dispatch(state.tr.removeMark(from, to, link));
  return true;
};
