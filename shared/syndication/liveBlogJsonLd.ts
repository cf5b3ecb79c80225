import type { PublicLiveEntry } from '../schemas/live.ts';
import type { PublicCoverage } from '../schemas/liveCoverage.ts';
import type { JsonLd } from './jsonLd.ts';

/** The plain words of an entry, for articleBody and a headline. */
function wordsOf(entry: PublicLiveEntry): string {
  return entry.body
    .flatMap((block) =>
      block.type === 'paragraph' || block.type === 'heading' || block.type === 'quote'
        ? [block.text.map((s) => s.text).join('')]
        : block.type === 'list'
          ? block.items.map((item) => item.map((s) => s.text).join(''))
          : [],
    )
    .join('\n');
}

/** Google shows about 110 characters of a headline. */
const headlineOf = (words: string) => {
  const line = words.split('\n')[0]?.trim() ?? '';
  return line.length <= 110 ? line : `${line.slice(0, 109).trimEnd()}…`;
};

/**
 * Live coverage's structured data: the article's NewsArticle made a LiveBlogPosting (a subtype of
 * it, so every field stays), with its coverage times and its newest entries as liveBlogUpdate,
 * each a BlogPosting at the entry's anchor on the article's page (#entry-<id>).
 */
export function liveBlogJsonLd(
  article: JsonLd,
  coverage: PublicCoverage,
  entries: readonly PublicLiveEntry[],
): JsonLd {
  const url = typeof article.url === 'string' ? article.url : '';
  return {
    ...article,
    '@type': 'LiveBlogPosting',
    coverageStartTime: coverage.startedAt,
    ...(coverage.endedAt ? { coverageEndTime: coverage.endedAt } : {}),
    liveBlogUpdate: entries.map((entry) => {
      const words = wordsOf(entry);
      return {
        '@type': 'BlogPosting',
        '@id': `${url}#entry-${entry.id}`,
        url: `${url}#entry-${entry.id}`,
        headline: headlineOf(words),
        articleBody: words,
        datePublished: entry.postedAt,
        dateModified: entry.updatedAt,
        author: entry.authors.map((name) => ({ '@type': 'Person', name })),
      };
    }),
  };
}
