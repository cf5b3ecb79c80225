import { useEffect, useState } from 'preact/hooks';
import {
  type CheckedContent,
  HEADLINE_WARN_LENGTH,
  prePublishWarnings,
} from '../../../shared/desk/prePublish.ts';
import { READING_WPM, readingMinutes, type WordedBlock, wordCount } from '../../../shared/desk/wordCount.ts';
import { mediaById } from '../upload.ts';

/** What the desk reads of the story being edited: the API's model, whatever editor produced it. */
export type DeskContent = CheckedContent & { body: readonly WordedBlock[] };

/**
 * The library's alt text for the lead image while the article sets none: undefined until read
 * (nothing is claimed meanwhile), null for an image the library no longer has.
 */
function useLibraryAlt(lead: DeskContent['leadImage']): string | null | undefined {
  const [alt, setAlt] = useState<{ id: string; alt: string | null }>();
  const id = lead?.mediaId;
  useEffect(() => {
    if (!id) return;
    let current = true;
    void mediaById(id).then((media) => {
      if (current) setAlt({ id, alt: media ? media.alt : null });
    });
    return () => {
      current = false;
    };
  }, [id]);
  return alt && alt.id === id ? alt.alt : undefined;
}

/**
 * The desk beside the story: its length and reading time, and what it still lacks before it
 * goes live, worked out from the text as it is typed by the same functions the API answers
 * GET .../checks with (shared/desk).
 */
export function DeskPanel({ content }: { content: DeskContent }) {
  const libraryAlt = useLibraryAlt(content.leadImage);
  const words = wordCount(content.body);
  const minutes = readingMinutes(words);
  const warnings = prePublishWarnings(content, libraryAlt);
  return (
    <section class="desk" aria-labelledby="desk-title">
      <h2 id="desk-title">Desk</h2>
      <dl class="desk-figures">
        <div>
          <dt>Words</dt>
          <dd>{words.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Reading time</dt>
          <dd>{minutes === 0 ? 'none' : `${minutes} min`}</dd>
        </div>
        <div>
          <dt>Headline</dt>
          <dd>
            {[...content.title].length} characters
            <span class="hint"> (shows in full up to {HEADLINE_WARN_LENGTH})</span>
          </dd>
        </div>
      </dl>
      <p class="hint">
        Reading time is the body’s words (paragraphs, headings, quotes, lists; not captions) at {READING_WPM}{' '}
        words a minute, rounded up.
      </p>
      <h3 id="desk-checks">Before it goes live</h3>
      {warnings.length === 0 ? (
        <p class="desk-ok">Nothing missing.</p>
      ) : (
        <ul class="desk-warnings" aria-labelledby="desk-checks">
          {warnings.map((w) => (
            <li key={w.code}>{w.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
