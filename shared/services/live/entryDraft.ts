import type { ArticleCreate } from '../../schemas/article.ts';
import type { Block } from '../../schemas/articleBody.ts';
import { ARTICLE_LIMITS } from '../../schemas/facts.ts';
import type { StoredEntry } from '../../store/live/liveStore.ts';

/** The plain words of a block, for a title. */
function wordsOf(block: Block): string {
  const spans =
    block.type === 'paragraph' || block.type === 'heading' || block.type === 'quote'
      ? block.text
      : block.type === 'list'
        ? block.items.flat()
        : [];
  return spans.map((s) => s.text).join('');
}

/** A title from the entry's first words: at most the title's limit, cut at a word. */
export function titleOf(body: readonly Block[]): string {
  const text =
    body
      .map(wordsOf)
      .find((t) => t.trim() !== '')
      ?.replace(/\s+/g, ' ')
      .trim() ?? 'Live entry';
  const max = Math.min(ARTICLE_LIMITS.title, 120);
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * A standalone draft made from an entry: its blocks (images by src carried over), its authors as
 * the byline, the coverage's section, and a source naming the coverage and the entry, so the story
 * links back to where it came from (the entry records the draft's id in turn).
 */
export function draftOf(entry: StoredEntry, parent: { title: string; section: string }): ArticleCreate {
  const source = `Live coverage: ${parent.title}`;
  return {
    title: titleOf(entry.body),
    section: parent.section,
    body: entry.body,
    byline: entry.authors.join(', ').slice(0, ARTICLE_LIMITS.byline),
    source: {
      name: `${source.slice(0, ARTICLE_LIMITS.byline - 40)} (entry ${entry.id})`,
    },
  };
}
