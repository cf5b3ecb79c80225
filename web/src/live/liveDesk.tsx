import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Link, Loading, LoadMore, ProblemBanner, useScreen } from '../ui.tsx';
import { Compose } from './compose.tsx';
import { CoverageBar } from './coverageBar.tsx';
import { EntryItem, type Me } from './entryItem.tsx';
import { liveApi } from './liveApi.ts';
import { LivePresence, useLivePresence } from './livePresence.tsx';
import { useLiveEntries } from './useLiveEntries.ts';
import './liveDesk.css';

/**
 * The live desk of one article (docs/live-desk.md): the compose box at the top, who else is on the
 * desk, and the newest entries below, kept current by polling. Loaded on demand (its own chunk).
 */
export function LiveDesk({ id, me }: { id: string; me: Me }) {
  const desk = useLiveEntries(id, me.sub);
  const [title, setTitle] = useState<string>();
  const heading = useScreen(`Live desk${title ? `: ${title}` : ''}`);
  const { coverage } = desk;
  const others = useLivePresence(id, !!coverage);
  // The coverage's settings start open while no one besides editors may post; the reader decides after.
  const [settingsOpen, setSettingsOpen] = useState<boolean>();
  useEffect(() => {
    if (settingsOpen === undefined && coverage !== undefined)
      setSettingsOpen(!coverage || coverage.contributors.length === 0);
  }, [coverage]);
  // Once shown, the box stays, even when the coverage ends meanwhile: nothing typed in it is lost.
  const [composing, setComposing] = useState(false);
  useEffect(() => {
    if (coverage?.state === 'live') setComposing(true);
  }, [coverage?.state]);

  // The headline, when the reader may see the article (a contributor may not: the slug then).
  useEffect(() => {
    void api.getArticle(id).then((r) => r.ok && setTitle(r.data.title));
  }, [id]);

  if (coverage === undefined && !desk.problem) return <Loading what="the live desk" />;
  const live = coverage?.state === 'live';
  return (
    <section class="live-desk" aria-labelledby="live-h">
      <h1 id="live-h" tabIndex={-1} ref={heading}>
        Live desk <span class="live-title">{title ?? coverage?.slug ?? ''}</span>
      </h1>
      <p class="live-links">{me.editor && <Link href={`/articles/${id}`}>Edit the article</Link>}</p>
      <LivePresence others={others} />
      <ProblemBanner problem={desk.problem} />
      {/* The box first: it stays where it is while entries arrive below it. */}
      {coverage?.state === 'ended' && (
        <p class="live-ended">This coverage has ended: it takes no more entries or changes.</p>
      )}
      {composing && (
        <Compose
          post={async (input) => {
            const result = await liveApi.post(id, input);
            if (!result.ok) return result;
            desk.put(result.data);
            return { ok: true, entry: result.data };
          }}
        />
      )}
      <details
        class="coverage-details"
        open={settingsOpen ?? false}
        onToggle={(e) => setSettingsOpen(e.currentTarget.open)}
      >
        <summary>Coverage and contributors</summary>
        <CoverageBar
          articleId={id}
          coverage={coverage ?? null}
          editor={me.editor}
          onChanged={desk.setCoverage}
        />
      </details>
      {coverage && (
        <>
          <h2 id="entries-h">Entries</h2>
          {desk.entries.length === 0 ? (
            <p class="hint">No entries yet.</p>
          ) : (
            <ol class="entries" aria-labelledby="entries-h">
              {desk.entries.map((entry) => (
                <EntryItem
                  key={entry.id}
                  articleId={id}
                  entry={entry}
                  me={me}
                  fresh={desk.fresh.has(entry.id)}
                  live={live}
                  onChanged={desk.put}
                />
              ))}
            </ol>
          )}
          <LoadMore cursor={desk.cursor} load={desk.older} label="Older entries" />
        </>
      )}
    </section>
  );
}
