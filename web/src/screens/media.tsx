import { useEffect, useState } from 'preact/hooks';
import { CORRECTORS, canDescribeMedia } from '../../../shared/auth/permissions.ts';
import { MEDIA_LIMITS } from '../../../shared/schemas/facts.ts';
import { api, type Media, type MediaPatch, type Problem } from '../api.ts';
import { currentSession, hasRole } from '../auth.ts';
import { dimensions, MEDIA_STATUS_LABELS, MediaFound, Thumbnail, useMediaPages } from '../media.tsx';
import { UploadForm } from '../mediaUpload.tsx';
import { navigate } from '../router.ts';
import { Marked, SearchBox } from '../search.tsx';
import {
  Field,
  fieldErrors,
  formatDate,
  Link,
  Loading,
  LoadMore,
  Notice,
  ProblemBanner,
  useScreen,
} from '../ui.tsx';
import { fileSize, forgetMedia, rememberMedia } from '../upload.ts';
import { FocalPointEditor } from './focalPoint.tsx';
import { InUse, usesOf } from './mediaInUse.tsx';

const PAGE = 24;

/** The media library: upload, and every image newest first, paged. */
export function MediaLibrary() {
  const heading = useScreen('Media library');
  const { items, setItems, cursor, problem, load, search } = useMediaPages(PAGE);
  // On a phone the form would fill the first screen: there it opens from a button (styles.css);
  // on a wider screen the button is not shown and the form always is.
  const [uploadOpen, setUploadOpen] = useState(false);

  return (
    <section aria-labelledby="media-title" class="media-screen">
      <div class="screen-head">
        <h1 id="media-title" ref={heading} tabIndex={-1}>
          Media library
        </h1>
        <button
          type="button"
          class="primary upload-toggle"
          aria-expanded={uploadOpen}
          aria-controls="library-upload"
          onClick={() => setUploadOpen(!uploadOpen)}
        >
          Upload an image
        </button>
      </div>
      <div id="library-upload" class={uploadOpen ? 'library-upload library-upload-open' : 'library-upload'}>
        <UploadForm
          onReady={(media) =>
            setItems((before) => [media, ...(before ?? []).filter((m) => m.id !== media.id)])
          }
        />
      </div>
      <h2>Images, newest first</h2>
      <SearchBox
        id="m-q"
        placeholder="Words in the description, caption, credit or file name"
        search={search}
      />
      <ProblemBanner problem={problem} />
      {!items && !problem && <Loading what="the library" />}
      {items && items.length === 0 && (
        <p class="empty">{search.words ? 'No image has these words.' : 'No images yet.'}</p>
      )}
      {items && items.length > 0 && (
        <ul class="media-grid" aria-label="Images, newest first">
          {items.map((m) => (
            <li key={m.id} class="media-card">
              <Thumbnail media={m} alt="" />
              <div class="media-card-text">
                <Link href={`/library/${m.id}`}>
                  <Marked pieces={m.highlights?.alt} text={m.alt || 'Decorative image'} />
                </Link>
                <MediaFound media={m} />
                <span class="hint">
                  <span class={`badge badge-media-${m.status}`}>{MEDIA_STATUS_LABELS[m.status]}</span>{' '}
                  {dimensions(m)} · {formatDate(m.createdAt)}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <LoadMore cursor={cursor} load={load} />
    </section>
  );
}

interface Form {
  alt: string;
  caption: string;
  credit: string;
  licence: string;
}
const formOf = (m: Media): Form => ({
  alt: m.alt,
  caption: m.caption ?? '',
  credit: m.credit ?? '',
  licence: m.licence ?? '',
});

/** One image: what was read from the file, its words (edited with If-Match), and deletion. */
export function MediaDetail({ id }: { id: string }) {
  const [media, setMedia] = useState<Media>();
  const [etag, setEtag] = useState<string>();
  const [form, setForm] = useState<Form>({ alt: '', caption: '', credit: '', licence: '' });
  const [problem, setProblem] = useState<Problem>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const heading = useScreen(media ? `Image: ${media.alt || 'decorative'}` : 'Image');
  const session = currentSession();
  const canDelete = hasRole(session, ...CORRECTORS);
  // The API's own rule (the uploader, editors and admins): nobody else is offered a form to fill in vain.
  const canDescribe =
    !!session && !!media && canDescribeMedia({ sub: session.sub, roles: new Set(session.roles) }, media);

  const adopt = (m: Media, tag: string | undefined) => {
    setMedia(m);
    setEtag(tag ?? `"${m.version}"`);
    setForm(formOf(m));
    rememberMedia(m);
  };
  const keepWords = (m: Media, tag: string | undefined) =>
    void [setMedia(m), setEtag(tag ?? `"${m.version}"`)];
  const reload = async () => {
    const result = await api.getMedia(id);
    if (!result.ok) return setLoadProblem(result.problem);
    adopt(result.data, result.etag);
  };
  useEffect(() => {
    void reload();
  }, [id]);
  // While the server reads the file, look again now and then.
  useEffect(() => {
    if (media?.status !== 'pending') return;
    const timer = setTimeout(() => void reload(), 1000);
    return () => clearTimeout(timer);
  }, [media]);

  if (loadProblem)
    return (
      <section aria-labelledby="md-title">
        <h1 id="md-title" ref={heading} tabIndex={-1}>
          Image
        </h1>
        <ProblemBanner problem={loadProblem} />
        <p>
          <Link href="/library">Back to the media library</Link>
        </p>
      </section>
    );
  if (!media) return <Loading what="the image" />;

  const save = async (event: Event) => {
    event.preventDefault();
    if (!etag) return;
    const patch: MediaPatch = {};
    const before = formOf(media);
    for (const key of ['alt', 'caption', 'credit', 'licence'] as const) {
      const value = form[key].trim();
      if (value !== before[key]) patch[key] = value;
    }
    if (Object.keys(patch).length === 0) return setNotice('Nothing to save: no field changed.');
    setBusy(true);
    setNotice(undefined);
    const result = await api.updateMedia(id, etag, patch);
    setBusy(false);
    if (!result.ok) {
      if (result.problem.status === 412) {
        // Someone else changed it: show theirs, keep nothing of ours silently.
        const latest = await api.getMedia(id);
        if (latest.ok) adopt(latest.data, latest.etag);
        setProblem({
          ...result.problem,
          detail: undefined,
          title: 'Someone else changed this image',
        });
        setNotice(undefined);
        return;
      }
      return setProblem(result.problem);
    }
    setProblem(undefined);
    adopt(result.data, result.etag);
    setNotice('Saved. Articles show the new words when they are next published.');
  };

  const remove = async () => {
    setBusy(true);
    const result = await api.deleteMedia(id, etag);
    setBusy(false);
    setConfirming(false);
    if (!result.ok) return setProblem(result.problem);
    forgetMedia(id);
    navigate('/library');
  };

  const uses = usesOf(problem);
  const errs = (path: string) => fieldErrors(problem, path);
  const text = (name: keyof Form, label: string, max: number, hint?: string) => (
    <Field id={`md-${name}`} label={label} errors={errs(name)} {...(hint ? { hint } : {})}>
      {(describedBy, invalid) => (
        <input
          id={`md-${name}`}
          value={form[name]}
          maxLength={max}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })}
        />
      )}
    </Field>
  );

  return (
    <section aria-labelledby="md-title" class="media-detail">
      <p>
        <Link href="/library">Back to the media library</Link>
      </p>
      <h1 id="md-title" ref={heading} tabIndex={-1}>
        {media.alt || 'Decorative image'}
      </h1>
      <Notice message={notice} />
      {problem?.status === 412 && (
        <div class="problem" role="alert">
          <p>
            Someone else changed this image while you were editing it. Their version is shown now and nothing
            of yours was saved: make your change again.
          </p>
        </div>
      )}
      {uses.length > 0 && <InUse uses={uses} />}
      {problem && problem.status !== 412 && uses.length === 0 && <ProblemBanner problem={problem} />}
      <div class="media-detail-body">
        <figure>
          <Thumbnail media={media} size="large" />
          <figcaption>
            <dl class="facts">
              <dt>Status</dt>
              <dd>
                <span class={`badge badge-media-${media.status}`}>{MEDIA_STATUS_LABELS[media.status]}</span>
                {media.failure && ` ${media.failure}`}
              </dd>
              {media.type && (
                <>
                  <dt>File</dt>
                  <dd>
                    {media.type}, {dimensions(media)}
                    {media.bytes ? `, ${fileSize(media.bytes)}` : ''}
                  </dd>
                </>
              )}
              <dt>Renditions</dt>
              <dd>
                {media.renditions.length
                  ? media.renditions.map((r) => `${r.width} px`).join(', ')
                  : 'none yet'}
              </dd>
              <dt>Uploaded</dt>
              <dd>
                {formatDate(media.createdAt)} by {media.uploadedBy}
              </dd>
            </dl>
          </figcaption>
        </figure>
        <form onSubmit={save} aria-label="Image details">
          {canDescribe ? (
            <>
              {text('alt', 'Alternative text', MEDIA_LIMITS.alt, 'Empty only for a purely decorative image.')}
              {text('caption', 'Caption', MEDIA_LIMITS.caption)}
              {text('credit', 'Credit', MEDIA_LIMITS.credit)}
              {text('licence', 'Licence', MEDIA_LIMITS.licence)}
            </>
          ) : (
            <>
              <dl class="facts">
                <dt>Alternative text</dt>
                <dd>{media.alt || 'none (decorative)'}</dd>
                <dt>Caption</dt>
                <dd>{media.caption || 'none'}</dd>
                <dt>Credit</dt>
                <dd>{media.credit || 'none'}</dd>
                <dt>Licence</dt>
                <dd>{media.licence || 'none'}</dd>
              </dl>
              <p class="hint" id="md-readonly">
                Only the person who uploaded this image, an editor or an admin may change its words.
              </p>
            </>
          )}
          <div class="form-actions">
            {canDescribe && (
              <button type="submit" class="primary" disabled={busy}>
                Save details
              </button>
            )}
            {canDelete && !confirming && (
              <button type="button" class="danger" disabled={busy} onClick={() => setConfirming(true)}>
                Delete image
              </button>
            )}
          </div>
          {confirming && (
            <div class="confirm">
              <p>Delete this image and its renditions for good?</p>
              <button type="button" class="danger" disabled={busy} onClick={() => void remove()}>
                Yes, delete it
              </button>{' '}
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          )}
        </form>
      </div>
      {canDescribe && media.status === 'ready' && (
        <FocalPointEditor media={media} etag={etag} onSaved={keepWords} />
      )}
    </section>
  );
}
