import * as z from 'zod/mini';
import { ARTICLE_LIMITS, MEDIA_LIMITS } from './facts.ts';
import { MediaIdSchema } from './media.ts';
import { richBlockText, richLine } from './richText.ts';
import { httpsUrl, plainLine } from './text.ts';

/**
 * An article's body: the blocks an editor sends and the blocks readers get (a library image
 * resolved at publish time). The article's other fields are in ./article.ts.
 */
const blockText = richBlockText(ARTICLE_LIMITS.blockText);
/** A quote's reporting clause ("she told the committee on Tuesday"), before or after the words. */
const quoteClause = richBlockText(ARTICLE_LIMITS.quoteClause);

/** The blocks but the image: the same in an article as sent and as readers get it. */
const paragraphBlock = z.strictObject({ type: z.literal('paragraph'), text: blockText });
const headingBlock = z.strictObject({
  type: z.literal('heading'),
  level: z.union([z.literal(2), z.literal(3), z.literal(4)], { error: 'must be 2, 3 or 4' }),
  text: richLine(ARTICLE_LIMITS.title),
});
const quoteBlock = z.strictObject({
  type: z.literal('quote'),
  /** The quoted words, without quotation marks: the frontend adds them in its house style. */
  text: blockText,
  /** Who said it, as a name a frontend can show or mark up (a pull quote's credit). */
  attribution: z.optional(plainLine(ARTICLE_LIMITS.byline)),
  /** The reporting clause before the words, e.g. "Asked about the cost, the manager said". */
  before: z.optional(quoteClause),
  /** The reporting clause after the words, e.g. "she told the committee on Tuesday." */
  after: z.optional(quoteClause),
});
const listBlock = z.strictObject({
  type: z.literal('list'),
  ordered: z.boolean(),
  items: z
    .array(richBlockText(ARTICLE_LIMITS.blockText))
    .check(
      z.minLength(1, 'a list needs at least one item'),
      z.maxLength(ARTICLE_LIMITS.listItems, `at most ${ARTICLE_LIMITS.listItems} items`),
    ),
});
const embedBlock = z.strictObject({ type: z.literal('embed'), url: httpsUrl });

const imageBlock = z
  .strictObject({
    type: z.literal('image'),
    /** An image of the media library: src, and alt when empty, are filled from the library. */
    mediaId: z.optional(MediaIdSchema),
    /** An image hosted elsewhere (an https URL, alt required), or for a library image its widest rendition. */
    src: z._default(z.string().check(z.maxLength(2048, 'must be at most 2048 characters')), ''),
    alt: z._default(z.union([z.literal(''), plainLine(MEDIA_LIMITS.alt)]), ''),
    caption: z.optional(plainLine(MEDIA_LIMITS.caption)),
  })
  .check((ctx) => {
    const block = ctx.value;
    if (block.mediaId !== undefined) return;
    const issue = (path: string, message: string) =>
      ctx.issues.push({ code: 'custom', input: block, path: [path], message });
    if (block.src === '') issue('mediaId', 'an image needs mediaId (from the media library) or src');
    else if (!httpsUrl.safeParse(block.src).success) issue('src', 'must be an absolute https URL');
    else if (block.alt === '') issue('alt', 'is required for an image given by src');
  });

export const BlockSchema = z
  .discriminatedUnion('type', [paragraphBlock, headingBlock, quoteBlock, listBlock, imageBlock, embedBlock])
  .register(z.globalRegistry, {
    id: 'Block',
    description:
      "One block of an article body. Text is rich text: an array of spans (text plus bold, italic and link marks), or on input a plain string for one unmarked span. Never HTML: text is literal characters. A quote renders as before + the quoted words (in quotation marks) + after. An image is an image of the media library by mediaId (alt and caption optional: they default to the library's), or an external https src with alt.",
  });
export type Block = z.infer<typeof BlockSchema>;

/**
 * A block as the public article carries it: the same blocks, with a library image resolved to
 * src, srcset, width, height, alt, caption and credit (at publish time, into the live snapshot).
 */
export const PublicImageBlockSchema = z
  .object({
    type: z.literal('image'),
    src: z.string(),
    alt: z.string(),
    caption: z.optional(z.nullable(z.string())),
    mediaId: z.optional(z.string()),
    srcset: z.optional(z.string()),
    width: z.optional(z.number().check(z.int())),
    height: z.optional(z.number().check(z.int())),
    credit: z.optional(z.nullable(z.string())),
  })
  .register(z.globalRegistry, {
    id: 'PublicImageBlock',
    description:
      'An image block for readers. A media library image has mediaId, srcset, width, height and credit; an external one only src, alt and caption.',
  });
export type PublicImageBlock = z.infer<typeof PublicImageBlockSchema>;
export type PublicBlock = Exclude<Block, { type: 'image' }> | PublicImageBlock;
export const PublicBlockSchema = z
  .union([paragraphBlock, headingBlock, quoteBlock, listBlock, embedBlock, PublicImageBlockSchema])
  .register(z.globalRegistry, {
    id: 'PublicBlock',
    description: 'One block of a live article: a library image comes resolved.',
  });

export const BodySchema = z
  .array(BlockSchema)
  .check(
    z.minLength(1, 'an article needs at least one block'),
    z.maxLength(ARTICLE_LIMITS.blocks, `at most ${ARTICLE_LIMITS.blocks} blocks`),
  );
