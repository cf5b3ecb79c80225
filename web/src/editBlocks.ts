import type { Block, BlockInput, Span } from './api.ts';
import { draftOf, draftOfItems, itemsOf, type RichDraft, spansOf } from './markup.ts';

/**
 * A block as the form edits it: each piece of rich text a RichDraft (markup.ts), which gives back
 * the stored spans untouched until its text is edited. Image and embed blocks are kept as stored.
 */
export type EditBlock =
  | { type: 'paragraph'; text: RichDraft<Span[]> }
  | { type: 'heading'; level: 2 | 3 | 4; text: RichDraft<Span[]> }
  | {
      type: 'quote';
      text: RichDraft<Span[]>;
      attribution?: string;
      before?: RichDraft<Span[]>;
      after?: RichDraft<Span[]>;
    }
  | { type: 'list'; ordered: boolean; items: RichDraft<Span[][]> }
  | Extract<Block, { type: 'image' | 'embed' }>;

export function editBlockOf(block: Block): EditBlock {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return { ...block, text: draftOf(block.text) };
    case 'quote': {
      const { before, after, ...rest } = block;
      return {
        ...rest,
        text: draftOf(block.text),
        ...(before ? { before: draftOf(before) } : {}),
        ...(after ? { after: draftOf(after) } : {}),
      };
    }
    case 'list':
      return { ...block, items: draftOfItems(block.items) };
    default:
      return block;
  }
}

/** Spans, or '' for an empty field so that the API gives its own message for it. */
const orEmpty = (spans: Span[]) => (spans.length ? spans : '');

export function blockInputOf(block: EditBlock): BlockInput {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return { ...block, text: orEmpty(spansOf(block.text)) };
    case 'quote': {
      const { before, after, ...rest } = block;
      const beforeSpans = before ? spansOf(before) : [];
      const afterSpans = after ? spansOf(after) : [];
      return {
        ...rest,
        text: orEmpty(spansOf(block.text)),
        ...(beforeSpans.length ? { before: beforeSpans } : {}),
        ...(afterSpans.length ? { after: afterSpans } : {}),
      };
    }
    case 'list':
      return { ...block, items: itemsOf(block.items).map(orEmpty) };
    default:
      return block;
  }
}
