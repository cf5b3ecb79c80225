import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { type Autosaver, type AutosaveState, createAutosaver } from './autosave.ts';
import { type RestoredFields, restoredFields } from './restoredFields.ts';

export type { RestoredFields };

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayAndClock = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
/** "10:42" today, with the date on another day. */
export function whenSaved(at: Date | string | number): string {
  const date = new Date(at);
  return date.toDateString() === new Date().toDateString() ? clock.format(date) : dayAndClock.format(date);
}

interface Offer {
  baseVersion: number;
  content: string;
  savedAt: string;
}

export interface AutosaveProps {
  /** Absent for a story not saved yet: its edits go to the person's one new-article autosave. */
  articleId?: string | undefined;
  /** The version the form's edits start from (the ETag the editor will save against). */
  version: number;
  editable: boolean;
  dirty: boolean;
  /** The form as the API takes it, serialized: what is kept and what a restore brings back. */
  content: string;
  /** Put the autosaved fields in the form; save them against `baseVersion`, so a newer save shows as a conflict. */
  onRestore(fields: RestoredFields, baseVersion: number): void;
}

/** Where the autosave of an article, or of a story not yet saved (version 0), is kept. */
function slotOf(articleId: string | undefined) {
  if (!articleId) {
    return {
      put: (_: number, content: string) => api.putNewAutosave({ content }),
      get: async (): Promise<Offer | undefined> => {
        const found = await api.getNewAutosave();
        return found.ok ? { ...found.data, baseVersion: 0 } : undefined;
      },
      discard: () => api.deleteNewAutosave(),
    };
  }
  return {
    put: (baseVersion: number, content: string) => api.putAutosave(articleId, { baseVersion, content }),
    get: async (): Promise<Offer | undefined> => {
      const found = await api.getAutosave(articleId);
      return found.ok ? found.data : undefined;
    },
    discard: () => api.deleteAutosave(articleId),
  };
}

/**
 * Keeps the person's unsaved edits on the server while they type, and offers them back when the
 * article is opened again. While an older autosave waits for Restore or Discard, nothing is written
 * over it. Unmounting (leaving the editor in the app) discards what this session kept; a reload or
 * a closed tab keeps it for next time.
 */
export function useAutosave(props: AutosaveProps) {
  const { articleId, version, editable, dirty, content } = props;
  const [offer, setOffer] = useState<Offer>();
  const [checked, setChecked] = useState(false);
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const [restoredAt, setRestoredAt] = useState<string>();
  const saver = useRef<Autosaver>(undefined);
  // The version the form's edits start from: the article's, or a restored autosave's until the
  // article's changes (a save, a reload of the latest).
  const base = useRef({ from: version, seen: version });
  if (base.current.seen !== version) base.current = { from: version, seen: version };
  const latest = useRef({ content });
  latest.current = { content };

  useEffect(() => {
    const slot = slotOf(articleId);
    const autosaver = createAutosaver(
      {
        async write(text) {
          const result = await slot.put(base.current.from, text);
          return result.ok ? undefined : (result.problem.detail ?? result.problem.title);
        },
        async discard() {
          await slot.discard();
        },
      },
      { onState: setState },
    );
    saver.current = autosaver;
    let live = true;
    void (async () => {
      const found = await slot.get();
      if (!live) return;
      // Nothing new in it (saved meanwhile from elsewhere, or never changed): no question to ask.
      if (found && found.content === latest.current.content) void slot.discard();
      else if (found) setOffer(found);
      setChecked(true);
    })();
    return () => {
      live = false;
      void autosaver.clear();
      autosaver.stop();
    };
  }, [articleId]);

  useEffect(() => {
    const autosaver = saver.current;
    if (!autosaver || !checked || offer || !editable) return;
    if (dirty) autosaver.changed(content);
    else {
      setRestoredAt(undefined);
      void autosaver.clear();
    }
  }, [checked, offer, editable, dirty, content]);

  const restore = () => {
    if (!offer) return;
    const fields = restoredFields(offer.content) ?? {};
    base.current.from = offer.baseVersion;
    // Saving or leaving must now take that autosave away, even before this session writes one.
    saver.current?.adopt();
    props.onRestore(fields, offer.baseVersion);
    setRestoredAt(offer.savedAt);
    setOffer(undefined);
  };
  const discard = () => {
    setOffer(undefined);
    void saver.current?.clear({ always: true });
  };
  return { offer, state, restoredAt, restore, discard, version, editable };
}

/** The question on opening, and a quiet line saying where the edits are kept. */
export function AutosaveBanner({ desk }: { desk: ReturnType<typeof useAutosave> }) {
  const { offer, state, restoredAt, restore, discard, version, editable } = desk;
  const after = useRef<HTMLParagraphElement>(null);
  const decided = useRef(false);
  // A layout effect, so focus moves as the buttons leave the page: a plain effect ran a frame later
  // in Preact 11, and meanwhile focus was on the page's body.
  useLayoutEffect(() => {
    // The buttons are gone: focus goes to what happened, not back to the top of the page.
    if (decided.current && !offer) after.current?.focus();
  }, [offer]);
  const decide = (what: () => void) => () => {
    decided.current = true;
    what();
  };

  if (offer && !editable) {
    // Nothing could be saved now (in review, scheduled...): keep the edits for when it can.
    return (
      <p class="autosave-status">
        You have unsaved changes from {whenSaved(offer.savedAt)}, kept until the article can be edited again.
      </p>
    );
  }
  if (offer) {
    return (
      <aside class="autosave-offer" aria-labelledby="autosave-title">
        <h2 id="autosave-title">Unsaved changes</h2>
        <p>
          You have unsaved changes from {whenSaved(offer.savedAt)}.
          {offer.baseVersion !== version &&
            ` They were made on version ${offer.baseVersion}; the article has been saved since (version ${version}). Saving them will show you what changed.`}{' '}
          Autosave waits until you choose.
        </p>
        <div class="actions">
          <button type="button" class="primary" onClick={decide(restore)}>
            Restore
          </button>
          <button type="button" onClick={decide(discard)}>
            Discard
          </button>
        </div>
      </aside>
    );
  }
  const line = restoredAt
    ? `Restored your unsaved changes from ${whenSaved(restoredAt)}. Save to keep them in the article.`
    : state.kind === 'saved'
      ? `Unsaved changes kept for you at ${whenSaved(state.at)}.`
      : state.kind === 'failed'
        ? `Could not keep your unsaved changes on the server (${state.message}). They are only in this tab.`
        : '';
  return (
    <p class={`autosave-status${state.kind === 'failed' ? ' error' : ''}`} tabIndex={-1} ref={after}>
      {line}
    </p>
  );
}
