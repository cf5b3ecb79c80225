/**
 * Words and reading time of an article body, read from the API's rich-text JSON (blocks of spans,
 * or plain strings as input allows), so any editor that holds that model gets the same figure.
 * Counted: what a reader reads through (paragraphs, headings, quotes with their reporting clauses,
 * list items). Not counted: image captions, alt text and embeds, which are glanced at, not read.
 */
type RichText = string | readonly { readonly text: string }[];

/** Any body block, as stored, as sent or as the console edits it: only the words are read. */
export interface WordedBlock {
  readonly type: string;
  readonly text?: RichText | undefined;
  readonly before?: RichText | undefined;
  readonly after?: RichText | undefined;
  readonly items?: readonly RichText[] | undefined;
}

/** Reading speed for news prose, in words a minute (adult silent reading of non-fiction: 230-240). */
export const READING_WPM = 230;

/** A word: letters or digits, with inner apostrophes and hyphens ("don't", "well-known", "3.5" is one). */
const WORD = /[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu;

const plain = (text: RichText | undefined): string =>
  text === undefined ? '' : typeof text === 'string' ? text : text.map((s) => s.text).join('');

export const wordsIn = (text: string): number => text.match(WORD)?.length ?? 0;

/** The words of one block that a reader reads. */
function blockWords(block: WordedBlock): number {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return wordsIn(plain(block.text));
    case 'quote':
      return wordsIn(plain(block.before)) + wordsIn(plain(block.text)) + wordsIn(plain(block.after));
    case 'list':
      return (block.items ?? []).reduce((n, item) => n + wordsIn(plain(item)), 0);
    default:
      return 0;
  }
}

export const wordCount = (body: readonly WordedBlock[]): number =>
  body.reduce((n, block) => n + blockWords(block), 0);

/** Whole minutes at READING_WPM, rounded up; a body with any words takes at least a minute. */
export const readingMinutes = (words: number): number => (words === 0 ? 0 : Math.ceil(words / READING_WPM));
