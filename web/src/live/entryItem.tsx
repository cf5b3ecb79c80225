import { useState } from 'preact/hooks';
import type { BlockInput, Problem } from '../api.ts';
import { RichEditorOnDemand } from '../editor/onDemand.tsx';
import { formatDate, Link, problemMessage } from '../ui.tsx';
import { bodyErrors, isSubmitKey } from './compose.tsx';
import { EntryBody } from './entryBody.tsx';
import { type LiveEntry, type LiveEntryPatch, liveApi } from './liveApi.ts';

export interface Me {
  sub: string;
  editor: boolean;
}

interface EntryItemProps {
  articleId: string;
  entry: LiveEntry;
  me: Me;
  /** Posted by someone else since the desk opened. */
  fresh: boolean;
  live: boolean;
  onChanged: (entry: LiveEntry) => void;
}

/**
 * One entry at the desk: who and when, its flags, and what the reader may do with it. Every change
 * is sent with the version this desk last saw (If-Match): when someone changed the entry first the
 * API answers 412 and nothing is overwritten; an edit then keeps its text beside theirs.
 */
export function EntryItem({ articleId, entry, me, fresh, live, onChanged }: EntryItemProps) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [editing, setEditing] = useState<{ base: LiveEntry; body: BlockInput[] }>();
  const [draftId, setDraftId] = useState(entry.draftId);
  const mine = me.editor || entry.authors.includes(me.sub);
  const gone = entry.deleted;

  const change = async (patch: LiveEntryPatch, base = entry) => {
    setBusy(true);
    const result = await liveApi.update(articleId, base, patch);
    setBusy(false);
    if (!result.ok) {
      setProblem(result.problem);
      return false;
    }
    setProblem(undefined);
    onChanged(result.data);
    return true;
  };
  const save = async () => {
    if (!editing || busy) return;
    if (await change({ body: editing.body }, editing.base)) setEditing(undefined);
  };
  const draft = async () => {
    setBusy(true);
    const result = await liveApi.draft(articleId, entry.id);
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setDraftId(result.data.articleId);
    onChanged(result.data.entry);
  };
  const conflict = problem?.status === 412 && editing && editing.base.version !== entry.version;
  const label = `Entry of ${formatDate(entry.postedAt)} by ${entry.authors.join(', ')}`;

  return (
    <li class={`entry${fresh ? ' fresh' : ''}${entry.removed ? ' removed' : ''}`} id={`entry-${entry.id}`}>
      <article aria-label={label}>
        <header class="entry-meta">
          {fresh && <span class="entry-new">New</span>}
          <span class="entry-authors">{entry.authors.join(', ')}</span>{' '}
          <time dateTime={entry.postedAt}>{formatDate(entry.postedAt)}</time>
          {entry.edited && <span class="entry-flag">edited</span>}
          {entry.pinned && <span class="entry-flag pin">Pinned</span>}
          {entry.keyEvent && <span class="entry-flag key">Key event</span>}
          {entry.hidden && <span class="entry-flag off">Hidden</span>}
          {entry.deleted && <span class="entry-flag off">Deleted</span>}
        </header>
        {editing ? (
          <EntryEditor
            id={entry.id}
            body={editing.body}
            onChange={(body) => setEditing({ ...editing, body })}
            onSave={save}
            onCancel={() => {
              setEditing(undefined);
              setProblem(undefined);
            }}
            busy={busy}
            problem={problem}
          />
        ) : (
          <EntryBody body={entry.body} />
        )}
        {conflict && editing && (
          <div class="entry-conflict" role="alert">
            <p>Someone changed this entry while you were editing; nothing was overwritten. Their version:</p>
            <EntryBody body={entry.body} />
            <button type="button" onClick={() => setEditing({ ...editing, base: entry })}>
              Keep my text over theirs (then save)
            </button>
          </div>
        )}
        {!editing && problem && (
          <p class="error" role="alert">
            {problemMessage(problem)}
          </p>
        )}
        {!editing && !gone && (
          <div class="entry-actions">
            {mine && live && (
              <>
                <button
                  type="button"
                  aria-pressed={entry.pinned}
                  disabled={busy}
                  onClick={() => void change({ pinned: !entry.pinned })}
                >
                  {entry.pinned ? 'Unpin' : 'Pin'}
                </button>
                <button
                  type="button"
                  aria-pressed={entry.keyEvent}
                  disabled={busy}
                  onClick={() => void change({ keyEvent: !entry.keyEvent })}
                >
                  Key event
                </button>
                <button
                  type="button"
                  disabled={busy}
                  onClick={() => setEditing({ base: entry, body: entry.body })}
                >
                  Edit
                </button>
              </>
            )}
            {me.editor && live && (
              <button type="button" disabled={busy} onClick={() => void change({ hidden: !entry.hidden })}>
                {entry.hidden ? 'Show' : 'Hide'}
              </button>
            )}
            {draftId ? (
              <Link href={`/articles/${draftId}`}>Open its draft</Link>
            ) : (
              <button type="button" disabled={busy} onClick={() => void draft()}>
                Turn into a draft
              </button>
            )}
          </div>
        )}
      </article>
    </li>
  );
}

function EntryEditor(props: {
  id: string;
  body: BlockInput[];
  onChange: (body: BlockInput[]) => void;
  onSave: () => void;
  onCancel: () => void;
  busy: boolean;
  problem: Problem | undefined;
}) {
  const errors = props.problem?.status === 412 ? [] : bodyErrors(props.problem);
  const label = `edit-${props.id}`;
  return (
    <div
      class="entry-edit"
      onKeyDownCapture={(e) => {
        if (!isSubmitKey(e)) return;
        e.preventDefault();
        e.stopPropagation();
        props.onSave();
      }}
    >
      <p class="visually-hidden" id={label}>
        Edit the entry (Ctrl+Enter saves)
      </p>
      <RichEditorOnDemand
        id={`${label}-body`}
        value={props.body}
        onChange={props.onChange}
        errors={props.problem?.errors?.filter((e) => e.path.startsWith('body.')) ?? []}
        labelledBy={label}
        editable={!props.busy}
        library={false}
      />
      {errors.length > 0 && (
        <p class="error" role="alert">
          {errors.join(' ')}
        </p>
      )}
      <div class="entry-actions">
        <button type="button" class="primary" disabled={props.busy} onClick={props.onSave}>
          Save
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
