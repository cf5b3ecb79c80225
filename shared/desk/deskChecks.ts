import { NotFoundError } from '../errors.ts';
import { type CheckedContent, type DeskWarning, prePublishWarnings } from './prePublish.ts';
import { READING_WPM, readingMinutes, type WordedBlock, wordCount } from './wordCount.ts';

export interface DeskChecksView {
  version: number;
  words: number;
  readingMinutes: number;
  wordsPerMinute: number;
  warnings: DeskWarning[];
}

/**
 * The library's alt text for the article's lead image, when the article sets none of its own; one
 * read of the image record at most. A lead image no longer in the library has none (null).
 */
export async function leadImageLibraryAlt(
  content: CheckedContent,
  getMedia: (id: string) => Promise<{ alt: string }>,
): Promise<string | null | undefined> {
  const lead = content.leadImage;
  if (!lead || lead.alt?.trim()) return undefined;
  try {
    return (await getMedia(lead.mediaId)).alt;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** The desk's figures and warnings for a saved version, as GET .../checks answers them. */
export function deskChecksOf(
  article: CheckedContent & { version: number; body: readonly WordedBlock[] },
  libraryAlt: string | null | undefined,
): DeskChecksView {
  const words = wordCount(article.body);
  return {
    version: article.version,
    words,
    readingMinutes: readingMinutes(words),
    wordsPerMinute: READING_WPM,
    warnings: prePublishWarnings(article, libraryAlt),
  };
}
