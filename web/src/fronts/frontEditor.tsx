import './fronts.css';
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../api.ts';
import { loadAuthors } from '../screens/authorPicker.tsx';
import { formatDate, Link, Loading, Notice, ProblemBanner, TextField, useScreen } from '../ui.tsx';
import { arrangementOf, emptyZone, type FrontForm, formOf } from './arrangement.ts';
import { FrontPreview } from './frontPreview.tsx';
import { FrontRevisions } from './frontRevisions.tsx';
import { type Front, frontsApi } from './frontsApi.ts';
import type { StoryRef } from './pinSearch.tsx';
import { PublishPanel } from './publishPanel.tsx';
import type { Records } from './slotEditor.tsx';
import { ZonesEditor } from './zoneEditor.tsx';

const MAX_ZONES = 8;
const same = (a: FrontForm, b: FrontForm) =>
  JSON.stringify(arrangementOf(a)) === JSON.stringify(arrangementOf(b));

/**
 * One front: its draft arrangement to edit and save (If-Match: a concurrent save is a 412, shown
 * with the choice to load theirs or save over it, never overwritten silently), publishing now or at
 * a time, a preview of the saved draft resolved, and the revisions to restore.
 */
export function FrontEditor({ name }: { name: string }) {
  const heading = useScreen(`Front ${name}`);
  const [front, setFront] = useState<Front>();
  const [etag, setEtag] = useState<string>();
  const [form, setForm] = useState<FrontForm>();
  const [saved, setSaved] = useState<FrontForm>();
  const [problem, setProblem] = useState<Problem>();
  const [conflict, setConflict] = useState<{ latest: Front; etag: string }>();
  const [notice, setNotice] = useState<string>();
  const [live, setLive] = useState('');
  const [busy, setBusy] = useState(false);
  const [stories, setStories] = useState<ReadonlyMap<string, StoryRef>>(new Map());
  const [records, setRecords] = useState<Records>({ sections: [], authors: [] });

  const adopt = (next: Front, tag: string | undefined) => {
    setFront(next);
    setEtag(tag ?? `"${next.version}"`);
    const f = formOf(next);
    setForm(f);
    setSaved(f);
    void learnPins(next);
  };
  const learnPins = async (next: Front) => {
    const ids = next.zones.flatMap((z) => z.slots.flatMap((s) => (s.pin ? [s.pin.articleId] : [])));
    const found = await Promise.all(ids.map((id) => api.getArticle(id)));
    setStories((before) => {
      const map = new Map(before);
      for (const r of found) if (r.ok) map.set(r.data.id, r.data);
      return map;
    });
  };
  useEffect(() => {
    void frontsApi.get(name).then((r) => (r.ok ? adopt(r.data, r.etag) : setProblem(r.problem)));
    void api.listSections().then((r) => {
      if (r.ok) setRecords((x) => ({ ...x, sections: r.data.items }));
    });
    void loadAuthors().then((authors) => setRecords((x) => ({ ...x, authors })));
  }, [name]);

  if (!form || !front || !etag || !saved) {
    return (
      <section aria-labelledby="fe-title">
        <h1 id="fe-title">Front {name}</h1>
        {problem ? <ProblemBanner problem={problem} /> : <Loading what="the front" />}
      </section>
    );
  }
  const dirty = !same(form, saved);
  const update = (change: (f: FrontForm) => FrontForm) => setForm((f) => (f ? change(f) : f));

  const save = async (event: Event, over?: string) => {
    event.preventDefault();
    setBusy(true);
    setNotice(undefined);
    const result = await frontsApi.save(name, over ?? etag, arrangementOf(form));
    setBusy(false);
    if (result.ok) {
      setProblem(undefined);
      setConflict(undefined);
      setFront(result.data);
      setEtag(result.etag ?? `"${result.data.version}"`);
      setSaved(form);
      return setNotice(`Draft saved (version ${result.data.version}).`);
    }
    setProblem(result.problem);
    if (result.problem.status !== 412) return;
    // Someone saved first: show who, keep this form as it is, and let the editor choose.
    const latest = await frontsApi.get(name);
    if (latest.ok) setConflict({ latest: latest.data, etag: latest.etag ?? `"${latest.data.version}"` });
  };
  const published = (next: Front, tag: string | undefined, message: string) => {
    setFront(next);
    setEtag(tag ?? `"${next.version}"`);
    setNotice(message);
  };

  return (
    <section aria-labelledby="fe-title" class="front-editor">
      <p>
        <Link href="/fronts">All fronts</Link>
      </p>
      <h1 id="fe-title" ref={heading} tabIndex={-1}>
        Front {name}
      </h1>
      <p class="meta">
        Draft version {front.version}, saved {formatDate(front.updatedAt)} by {front.updatedBy}.{' '}
        {dirty && <strong class="unsaved">Unsaved changes.</strong>}
      </p>
      <p class="visually-hidden" aria-live="polite">
        {live}
      </p>
      <Notice message={notice} />
      {conflict ? (
        <div class="conflict" role="alert">
          <h2>Someone else saved this front first</h2>
          <p>
            {conflict.latest.updatedBy} saved version {conflict.latest.version} on{' '}
            {formatDate(conflict.latest.updatedAt)} while you were editing. Nothing was overwritten: your
            arrangement is still here, unsaved.
          </p>
          <div class="form-actions">
            <button
              type="button"
              onClick={() => {
                adopt(conflict.latest, conflict.etag);
                setConflict(undefined);
                setProblem(undefined);
              }}
            >
              Load their version
            </button>
            <button type="button" class="primary" onClick={(e) => void save(e, conflict.etag)}>
              Save mine over theirs
            </button>
          </div>
        </div>
      ) : (
        <ProblemBanner problem={problem} />
      )}
      <form class="front-form" onSubmit={(e) => void save(e)}>
        <TextField
          id="fe-front-title"
          label="Front title"
          value={form.title}
          count={{ length: form.title.length, max: 120 }}
          errors={
            problem?.status === 422
              ? (problem.errors ?? []).filter((e) => e.path === 'title').map((e) => e.message)
              : []
          }
          onInput={(title) => update((f) => ({ ...f, title }))}
        />
        <h2>Zones</h2>
        <ZonesEditor
          form={form}
          update={update}
          stories={stories}
          records={records}
          problem={problem}
          announce={setLive}
          pinned={(story) => setStories((m) => new Map(m).set(story.id, story))}
        />
        <div class="form-actions">
          <button
            type="button"
            disabled={form.zones.length >= MAX_ZONES}
            onClick={() =>
              update((f) => ({ ...f, zones: [...f.zones, emptyZone(`zone-${f.zones.length + 1}`)] }))
            }
          >
            Add a zone
          </button>
          <button type="submit" class="primary" disabled={busy}>
            Save draft
          </button>
        </div>
      </form>
      <PublishPanel name={name} front={front} etag={etag} dirty={dirty} onDone={published} />
      <FrontPreview name={name} saved={front} stories={stories} dirty={dirty} />
      <FrontRevisions
        name={name}
        etag={etag}
        dirty={dirty}
        serial={front.publishedRevision ?? 0}
        onRestored={(next, tag, n) => {
          adopt(next, tag);
          setNotice(`Revision ${n} restored into the draft. Publish it to make it public.`);
        }}
      />
    </section>
  );
}
