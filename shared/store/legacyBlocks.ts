import type { Block, PublicBlock } from '../schemas/articleBody.ts';
import { type Span, toSpans } from '../schemas/spans.ts';
import { list, type Read } from './parse.ts';

/** Reading article bodies stored in older shapes (moved out of ./model.ts to keep it small). */
type Legacy = string | Span[];
/** Rich text stored before spans existed was a plain string: it reads as one unmarked span. */
const spansOf = (v: Legacy | undefined) => (v === undefined ? undefined : toSpans(v));
export const blocksOf =
  <B extends Block | PublicBlock>(): Read<B[]> =>
  (v) => {
    const read = list<Block>()(v);
    if (!Array.isArray(read)) return read;
    return read.map((b) => upgrade(b) as B);
  };
function upgrade(b: Block): Block {
  switch (b.type) {
    case 'paragraph':
    case 'heading':
      return { ...b, text: toSpans(b.text as Legacy) };
    case 'quote': {
      const { before, after, ...rest } = b;
      return {
        ...rest,
        text: toSpans(b.text as Legacy),
        ...(before ? { before: spansOf(before) } : {}),
        ...(after ? { after: spansOf(after) } : {}),
      };
    }
    case 'list':
      return { ...b, items: b.items.map((i) => toSpans(i as Legacy)) };
    default:
      return b;
  }
}
