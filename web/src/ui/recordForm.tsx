import './recordForm.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Problem, Result } from '../api.ts';
import { navigate } from '../router.ts';
import { fieldErrors, Link, Loading, Notice, ProblemBanner, problemMessage, useScreen } from '../ui.tsx';

/** What the fields of a record's form get: the form as typed, a way to change it, a path's errors. */
export interface RecordFields<F> {
  form: F;
  update: (patch: Partial<F>) => void;
  errs: (path: string) => string[];
}

interface RecordFormProps<R extends { slug: string; version: number }, F extends { name: string }> {
  /** 'author', 'section', 'tag': named in the heading, the links, the buttons and the messages. */
  kind: string;
  /** The record's slug; none for a new record. */
  slug: string | undefined;
  /** The list's address: the "All ..." link, a record's own address below it, where a delete leads. */
  listPath: string;
  /** The heading's id: the section is labelled by it. */
  headingId: string;
  empty: F;
  formOf: (record: R) => F;
  load: (slug: string) => Promise<Result<R>>;
  /** Creates the record (`current` undefined) or changes it with If-Match. */
  write: (form: F, current: { slug: string; etag: string } | undefined) => Promise<Result<R>>;
  /** After the API took a save, before anything else (a cached list is read again). */
  saved?: () => void;
  /** Whether a save shows the record as stored (true) or leaves the fields as they were typed. */
  showSaved?: boolean;
  /** The submit button's text; by default "Save <kind>", or "Create <kind>" for a new record. */
  submitLabel?: string;
  /** With it, a record can be deleted (a second press confirms); `removed` runs before the list opens. */
  remove?: (slug: string, etag: string) => Promise<Result<unknown>>;
  removed?: () => void;
  children: (fields: RecordFields<F>) => ComponentChildren;
}

/**
 * The frame of the directories' record screens (authors, sections, tags): a heading that follows the
 * name, the way back to the list, the saved notice and the API's problem, the form with its fields
 * and submit button, and delete. A new record's first save opens its own address, as does a rename.
 */
export function RecordForm<R extends { slug: string; version: number }, F extends { name: string }>(
  props: RecordFormProps<R, F>,
) {
  const { kind, slug, listPath, formOf } = props;
  const Kind = kind.charAt(0).toUpperCase() + kind.slice(1);
  const heading = useScreen(slug ? `Edit ${kind}` : `New ${kind}`);
  const [form, setForm] = useState<F | undefined>(slug ? undefined : props.empty);
  const [etag, setEtag] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();
  const etagOf = (result: { data: R; etag: string | undefined }) => result.etag ?? `"${result.data.version}"`;
  useEffect(() => {
    if (!slug) return;
    void props.load(slug).then((result) => {
      if (!result.ok) return setProblem(result.problem);
      setEtag(etagOf(result));
      setForm(formOf(result.data));
    });
  }, [slug]);
  const update = (patch: Partial<F>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const errs = (path: string) => fieldErrors(problem, path, { prefix: true });

  const save = async (event: Event) => {
    event.preventDefault();
    if (!form) return;
    setNotice(undefined);
    const result = await props.write(form, slug && etag ? { slug, etag } : undefined);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    props.saved?.();
    if (result.data.slug !== slug) return navigate(`${listPath}/${result.data.slug}`);
    setEtag(etagOf(result));
    if (props.showSaved ?? true) setForm(formOf(result.data));
    setNotice(`${Kind} saved.`);
  };

  const { remove, removed } = props;
  return (
    <section aria-labelledby={props.headingId}>
      <h1 id={props.headingId} ref={heading} tabIndex={-1}>
        {slug ? (form?.name ?? Kind) : `New ${kind}`}
      </h1>
      <p>
        <Link href={listPath}>All {kind}s</Link>
      </p>
      <Notice message={notice} />
      <ProblemBanner problem={problem} />
      {!form && !problem && <Loading what={`the ${kind}`} />}
      {form && (
        <form class="settings" onSubmit={save}>
          {props.children({ form, update, errs })}
          <button type="submit" class="primary">
            {props.submitLabel ?? (slug ? `Save ${kind}` : `Create ${kind}`)}
          </button>
        </form>
      )}
      {slug && etag && remove && (
        <DeleteAction
          what={`this ${kind}`}
          remove={() => remove(slug, etag)}
          done={() => {
            removed?.();
            navigate(listPath);
          }}
        />
      )}
    </section>
  );
}

/**
 * Delete, with a confirming second press, and the API's refusal (a section that still has sections
 * below it, a change made meanwhile) shown beside the button.
 */
function DeleteAction({
  what,
  remove,
  done,
}: {
  what: string;
  remove: () => Promise<Result<unknown>>;
  done: () => void;
}) {
  const [armed, setArmed] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (!armed) return setArmed(true);
    setBusy(true);
    const result = await remove();
    setBusy(false);
    setArmed(false);
    if (!result.ok) return setProblem(result.problem);
    done();
  };
  return (
    <div class="delete-action">
      <button
        type="button"
        class="danger"
        disabled={busy}
        aria-describedby={problem ? 'delete-refused' : undefined}
        onClick={run}
      >
        {armed ? `Yes, delete ${what}` : `Delete ${what}`}
      </button>
      {armed && (
        <button type="button" onClick={() => setArmed(false)}>
          Keep it
        </button>
      )}
      {problem && (
        <p class="error" id="delete-refused" role="alert">
          {problemMessage(problem)}
        </p>
      )}
    </div>
  );
}
