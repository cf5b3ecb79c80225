import type { Mark, Span } from '../../../shared/schemas/spans.ts';
import type { Block, BlockInput } from '../api.ts';
import { hasText, spansOf, type TextJSON, textNodesOf } from './inline.ts';

/**
 * An article body between the API's JSON and the editor's document (ProseMirror's JSON form), by
 * pure functions with no markup in between. API -> editor -> API gives every valid body back as it
 * was: each block carries what it was read from (`stored`), sent back untouched while the block
 * still says the same (tests/unit/editorConvert.test.ts proves it for any valid body).
 */
export interface NodeJSON {
  type: string;
  attrs?: Record<string, unknown>;
  content?: (NodeJSON | TextJSON)[];
  text?: string;
  marks?: TextJSON['marks'];
}
export interface DocJSON {
  type: 'doc';
  content: NodeJSON[];
}

type AnyBlock = Block | BlockInput;
/** Rich text as sent (a plain string, or spans whose marks may be left out) or as answered. */
type Rich = string | readonly { text: string; marks?: Mark[] }[] | undefined;

const spans = (value: Rich): Span[] =>
  value === undefined
    ? []
    : typeof value === 'string'
      ? [{ text: value, marks: [] }]
      : value.map((s) => ({ text: s.text, marks: s.marks ?? [] }));
const textblock = (type: string, value: Rich, attrs?: Record<string, unknown>): NodeJSON => {
  const content = textNodesOf(spans(value));
  return { type, ...(attrs ? { attrs } : {}), ...(content.length ? { content } : {}) };
};

/** One API block as an editor node. */
function nodeOf(block: AnyBlock): NodeJSON {
  const stored = block;
  switch (block.type) {
    case 'paragraph':
      return textblock('paragraph', block.text, { stored });
    case 'heading':
      return textblock('heading', block.text, { level: block.level, stored });
    case 'quote':
      return {
        type: 'quote',
        attrs: { stored },
        content: [
          textblock('quote_before', block.before),
          textblock('quote_text', block.text),
          textblock('quote_after', block.after),
          {
            type: 'quote_attribution',
            ...(block.attribution ? { content: [{ type: 'text', text: block.attribution }] } : {}),
          },
        ],
      };
    case 'list':
      return {
        type: 'list',
        attrs: { ordered: block.ordered, stored },
        content: block.items.map((item) => textblock('list_item', item)),
      };
    case 'image':
      return {
        type: 'image',
        attrs: {
          mediaId: block.mediaId ?? null,
          src: block.src ?? '',
          alt: block.alt ?? '',
          caption: block.caption ?? null,
          stored,
        },
      };
    case 'embed':
      return { type: 'embed', attrs: { url: block.url, stored } };
  }
}

/** The API's body as the editor's document (an empty body is one empty paragraph to write in). */
export function toEditorDoc(body: readonly AnyBlock[]): DocJSON {
  return { type: 'doc', content: body.length ? body.map(nodeOf) : [{ type: 'paragraph' }] };
}

const textOf = (node: NodeJSON | undefined) => spansOf(node?.content as TextJSON[] | undefined);
/** Spans, or '' for text left empty, so that the API says what is missing in its own words. */
const orEmpty = (s: Span[]) => (hasText(s) ? s : '');

/**
 * One editor node as an API block, or null for a block that holds nothing (an empty paragraph,
 * heading, list or quote is a line the reporter has not written yet, not content).
 */
function derive(node: NodeJSON): BlockInput | null {
  const a = node.attrs ?? {};
  switch (node.type) {
    case 'paragraph': {
      const text = textOf(node);
      return hasText(text) ? { type: 'paragraph', text } : null;
    }
    case 'heading': {
      const text = textOf(node);
      return hasText(text) ? { type: 'heading', level: a.level as 2 | 3 | 4, text } : null;
    }
    case 'quote': {
      const [before, text, after, who] = (node.content ?? []) as NodeJSON[];
      const parts = { before: textOf(before), text: textOf(text), after: textOf(after) };
      const attribution = (who?.content ?? [])
        .map((t) => t.text ?? '')
        .join('')
        .trim();
      if (!attribution && !hasText(parts.before) && !hasText(parts.text) && !hasText(parts.after))
        return null;
      return {
        type: 'quote',
        text: orEmpty(parts.text),
        ...(attribution ? { attribution } : {}),
        ...(hasText(parts.before) ? { before: parts.before } : {}),
        ...(hasText(parts.after) ? { after: parts.after } : {}),
      };
    }
    case 'list': {
      const items = ((node.content ?? []) as NodeJSON[]).map(textOf).filter(hasText);
      return items.length ? { type: 'list', ordered: a.ordered === true, items } : null;
    }
    case 'image': {
      const mediaId = typeof a.mediaId === 'string' ? a.mediaId : undefined;
      const caption = typeof a.caption === 'string' ? a.caption : undefined;
      return {
        type: 'image',
        ...(mediaId !== undefined ? { mediaId } : {}),
        src: String(a.src ?? ''),
        alt: String(a.alt ?? ''),
        ...(caption !== undefined ? { caption } : {}),
      };
    }
    case 'embed':
      return { type: 'embed', url: String(a.url ?? '') };
    default:
      return null;
  }
}

/** JSON with keys sorted: two blocks that say the same compare equal whatever their key order. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Whether two bodies say the same (spans compared as the editor holds them). */
export function sameBody(a: readonly AnyBlock[], b: readonly AnyBlock[]): boolean {
  const norm = (body: readonly AnyBlock[]) => toEditorDoc(body).content.map(derive);
  return stable(norm(a)) === stable(norm(b));
}

export interface Converted {
  blocks: BlockInput[];
  /** For each block sent, the index of the editor's block it came from (to place the API's errors). */
  at: number[];
}

/** The editor's document as the API's body. */
export function fromEditorDoc(doc: DocJSON): Converted {
  const blocks: BlockInput[] = [];
  const at: number[] = [];
  doc.content.forEach((node, index) => {
    const block = derive(node);
    const stored = node.attrs?.stored as AnyBlock | null | undefined;
    // Untouched: what was read goes back as it was. The stored block is re-derived through the same
    // path, so the comparison sees exactly what the editor would make of it.
    const same = stored && stable(derive(nodeOf(stored))) === stable(block);
    if (!same && !block) return;
    blocks.push(same ? (stored as BlockInput) : (block as BlockInput));
    at.push(index);
  });
  return { blocks, at };
}
