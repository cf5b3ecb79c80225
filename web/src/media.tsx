import { type ComponentChildren, createPortal } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MEDIA_LIMITS } from '../../shared/schemas/facts.ts';
import { api, type Media, type Problem } from './api.ts';
import { safeUrl } from './safeUrl.ts';
import { Marked, SearchBox, useTypedSearch } from './search.tsx';
import { Field, fieldErrors, LoadMore, problemMessage, uid, usePages } from './ui.tsx';
import {
  ACCEPTED_TYPES,
  fileSize,
  mediaById,
  rememberMedia,
  thumbnailOf,
  type UploadState,
  uploadImage,
} from './upload.ts';
import './media.css';

/** A small picture of a library image, from its renditions; alt describes it unless it sits in a labelled control. */
export function Thumbnail({
  media,
  alt,
  size = 'small',
}: {
  media: Media;
  alt?: string;
  size?: 'small' | 'large';
}) {
  const src = thumbnailOf(media, size === 'large' ? 640 : 320);
  if (!safeUrl(src))
    return (
      <span class={`thumb thumb-${size} thumb-none`}>
        {media.status === 'pending' ? 'Processing' : 'No picture'}
      </span>
    );
  return (
    <img
      class={`thumb thumb-${size}`}
      src={safeUrl(src)}
      alt={alt ?? media.alt}
      width={media.width ?? undefined}
      height={media.height ?? undefined}
      loading="lazy"
    />
  );
}

export const MEDIA_STATUS_LABELS: Record<Media['status'], string> = {
  pending: 'Processing',
  ready: 'Ready',
  failed: 'Failed',
};

export function dimensions(media: Media): string {
  return media.width && media.height ? `${media.width} × ${media.height}` : '';
}

/** Where an upload is: a progress bar with its percentage while the file goes up, then what the server found. */
export function UploadProgress({ state, name }: { state: UploadState | undefined; name: string }) {
  if (!state) return null;
  switch (state.phase) {
    case 'registering':
      return (
        <p class="upload-status" role="status">
          Preparing the upload of {name}…
        </p>
      );
    case 'uploading': {
      const percent = state.total ? Math.round((state.loaded / state.total) * 100) : 0;
      return (
        <div class="upload-status">
          <progress max={100} value={percent} aria-label={`Uploading ${name}`} />
          <span role="status">
            {percent}% of {fileSize(state.total)}
          </span>
        </div>
      );
    }
    case 'processing':
      return (
        <p class="upload-status" role="status">
          Uploaded. Making the renditions of {name}…
        </p>
      );
    case 'ready':
      return (
        <p class="upload-status upload-ready" role="status">
          Ready: {name} ({dimensions(state.media)}).
        </p>
      );
    case 'failed':
      return (
        <div class="problem" role="alert">
          <p>{state.message}</p>
          {state.problem && state.problem.status !== 422 && <p>{problemMessage(state.problem)}</p>}
        </div>
      );
  }
}

/** The upload form: a file and the words that go with it (alt, caption, credit, licence). */
export function UploadForm({
  onReady,
  idPrefix = 'up',
}: {
  onReady: (media: Media) => void;
  idPrefix?: string;
}) {
  const [file, setFile] = useState<File>();
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');
  const [licence, setLicence] = useState('');
  const [state, setState] = useState<UploadState>();
  /** The name of the file last sent: the form is emptied once it is ready. */
  const [sentName, setSentName] = useState('');
  const fileInput = useRef<HTMLInputElement>(null);
  const busy =
    state?.phase === 'registering' || state?.phase === 'uploading' || state?.phase === 'processing';
  const problem: Problem | undefined = state?.phase === 'failed' ? state.problem : undefined;
  const errs = (path: string) => fieldErrors(problem, path);
  const id = (name: string) => `${idPrefix}-${name}`;

  const start = async () => {
    if (!file) return;
    const text = (value: string) => (value.trim() ? value.trim() : undefined);
    const describe = {
      alt: alt.trim(),
      ...(text(caption) ? { caption: text(caption) } : {}),
      ...(text(credit) ? { credit: text(credit) } : {}),
      ...(text(licence) ? { licence: text(licence) } : {}),
    };
    setSentName(file.name);
    const last = await uploadImage({ file, describe, onState: setState });
    if (last.phase === 'ready') {
      rememberMedia(last.media);
      onReady(last.media);
      setFile(undefined);
      setAlt('');
      setCaption('');
      setCredit('');
      setLicence('');
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const textField = (
    name: string,
    label: string,
    value: string,
    set: (v: string) => void,
    max: number,
    hint?: string,
  ) => (
    <Field id={id(name)} label={label} errors={errs(name)} {...(hint ? { hint } : {})}>
      {(describedBy, invalid) => (
        <input
          id={id(name)}
          value={value}
          maxLength={max}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onInput={(e) => set(e.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <fieldset class="upload">
      <legend>Upload an image</legend>
      <Field
        id={id('file')}
        label="Image file"
        hint={`JPEG, PNG, WebP, AVIF or GIF, at most ${fileSize(MEDIA_LIMITS.maxBytes)}`}
        errors={errs('contentType')}
      >
        {(describedBy, invalid) => (
          <input
            id={id('file')}
            ref={fileInput}
            type="file"
            accept={ACCEPTED_TYPES.join(',')}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            disabled={busy}
            onChange={(e) => {
              setFile(e.currentTarget.files?.[0]);
              setState(undefined);
            }}
          />
        )}
      </Field>
      {textField(
        'alt',
        'Alternative text',
        alt,
        setAlt,
        MEDIA_LIMITS.alt,
        'What the image shows, for people who cannot see it. Empty only for a purely decorative image.',
      )}
      <div class="row">
        {textField('caption', 'Caption (optional)', caption, setCaption, MEDIA_LIMITS.caption)}
        {textField('credit', 'Credit (optional)', credit, setCredit, MEDIA_LIMITS.credit)}
      </div>
      {textField('licence', 'Licence (optional)', licence, setLicence, MEDIA_LIMITS.licence)}
      <div class="form-actions">
        <button
          type="button"
          class="primary"
          disabled={!file || busy}
          aria-describedby={file ? undefined : id('needs-file')}
          onClick={() => void start()}
        >
          Upload
        </button>
        {!file && (
          <span id={id('needs-file')} class="hint">
            Choose an image file first.
          </span>
        )}
      </div>
      <UploadProgress state={state} name={sentName || 'the image'} />
    </fieldset>
  );
}

/** The elements inside `root` that Tab can reach, in order. */
function tabbable(root: HTMLElement): HTMLElement[] {
  const selector =
    'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
  return [...root.querySelectorAll<HTMLElement>(selector)].filter(
    (el) => el.offsetParent !== null || el === document.activeElement,
  );
}

/**
 * A modal dialog: the page behind it is inert, Tab and Shift+Tab stay inside, Escape closes it,
 * and focus goes back to what had it when it opened.
 */
export function Modal({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useRef(uid('dialog')).current;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLElement>('h2')?.focus();
    return () => {
      if (dialog?.open) dialog.close();
      opener?.focus();
    };
  }, []);
  return createPortal(
    <dialog
      ref={ref}
      class="modal"
      aria-labelledby={headingId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key !== 'Tab' || !ref.current) return;
        const items = tabbable(ref.current);
        const first = items[0];
        const last = items.at(-1);
        if (!first || !last) return;
        if (
          event.shiftKey &&
          (document.activeElement === first || !ref.current.contains(document.activeElement))
        ) {
          event.preventDefault();
          last.focus();
        } else if (!event.shiftKey && document.activeElement === last) {
          event.preventDefault();
          first.focus();
        }
      }}
    >
      <div class="modal-head">
        <h2 id={headingId} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      {children}
    </dialog>,
    document.body,
  );
}

/**
 * The library, newest first, a page at a time (the library screen and the picker), and its search
 * box: as words are typed, the images whose words hold them, with those words marked.
 */
export function useMediaPages(pageSize = 24) {
  const pages = usePages(async (cursor) => {
    const result = await api.listMedia({ q: search.words, cursor, limit: pageSize });
    // Kept: a thumbnail of an article's image then needs no read of its own (upload.ts).
    if (result.ok) for (const m of result.data.items) rememberMedia(m);
    return result;
  });
  const search = useTypedSearch(() => pages.load());
  return { ...pages, search };
}

/** The library in a dialog: choose a ready image, or upload one and take it. */
export function MediaPicker({
  title,
  onChoose,
  onClose,
}: {
  title: string;
  onChoose: (media: Media) => void;
  onClose: () => void;
}) {
  const { items, cursor, problem, load, search } = useMediaPages();
  const [uploading, setUploading] = useState(false);
  const ready = items?.filter((m) => m.status === 'ready');

  return (
    <Modal title={title} onClose={onClose}>
      <div class="picker-tools">
        <button type="button" aria-expanded={uploading} onClick={() => setUploading(!uploading)}>
          {uploading ? 'Hide the upload form' : 'Upload a new image'}
        </button>
      </div>
      <SearchBox
        id="pick-q"
        placeholder="Words in the description, caption, credit or file name"
        search={search}
      />
      {uploading && (
        <UploadForm
          idPrefix="pick-up"
          onReady={(media) => {
            onChoose(media);
          }}
        />
      )}
      {problem && (
        <p class="error" role="alert">
          {problemMessage(problem)}
        </p>
      )}
      {!items && !problem && <p role="status">Loading the library…</p>}
      {ready && ready.length === 0 && (
        <p class="empty">
          {search.words ? 'No ready image has these words.' : 'No ready images yet. Upload one.'}
        </p>
      )}
      {ready && ready.length > 0 && (
        <ul class="media-grid picker-grid" aria-label="Images, newest first">
          {ready.map((m) => (
            <li key={m.id}>
              <button type="button" class="pick" onClick={() => onChoose(m)}>
                <Thumbnail media={m} alt="" />
                <span class="pick-text">
                  <Marked pieces={m.highlights?.alt} text={m.alt || 'Decorative image (no description)'} />
                  <span class="hint"> {dimensions(m)}</span>
                  <MediaFound media={m} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <LoadMore cursor={cursor} load={load} label="Load more images" />
    </Modal>
  );
}

/** Under an image in search results: its other words where the search found some, marked. */
export function MediaFound({ media }: { media: Media }) {
  const found = (['caption', 'credit', 'fileName'] as const).filter((f) => media.highlights?.[f]);
  if (found.length === 0) return null;
  return (
    <span class="found">
      {found.map((f) => (
        <span key={f} class="hint found-field">
          {' '}
          <Marked pieces={media.highlights?.[f]} text={media[f] ?? ''} />
        </span>
      ))}
    </span>
  );
}

/**
 * An article's image field: the chosen image's thumbnail and description, a button that opens the
 * picker, and one that removes it.
 */
export function ImageChoice({
  id,
  label,
  mediaId,
  onChange,
  errors = [],
  hint,
}: {
  id: string;
  label: string;
  mediaId: string | undefined;
  onChange: (media: Media | undefined) => void;
  errors?: string[];
  hint?: string;
}) {
  const [media, setMedia] = useState<Media>();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!mediaId) return setMedia(undefined);
    let live = true;
    void mediaById(mediaId).then((m) => live && setMedia(m));
    return () => {
      live = false;
    };
  }, [mediaId]);
  return (
    <fieldset class={`image-choice${errors.length ? ' field-invalid' : ''}`} id={id}>
      <legend>{label}</legend>
      {hint && <p class="hint">{hint}</p>}
      {/* One element in both states, so the buttons after it stay the same elements (and keep focus). */}
      <div class="chosen">
        {mediaId && media && <Thumbnail media={media} />}
        <span class={mediaId ? 'chosen-text' : 'hint'}>
          {mediaId ? (media ? media.alt || 'Decorative image' : 'Loading…') : 'No image chosen.'}
        </span>
      </div>
      <div class="chosen-tools">
        <button type="button" onClick={() => setOpen(true)}>
          {mediaId ? `Change ${label.toLowerCase()}` : `Choose ${label.toLowerCase()}`}
        </button>
        {mediaId && (
          <button type="button" class="danger" onClick={() => onChange(undefined)}>
            Remove {label.toLowerCase()}
          </button>
        )}
      </div>
      {errors.length > 0 && <p class="error">{errors.join('; ')}</p>}
      {open && (
        <MediaPicker
          title={`Choose the ${label.toLowerCase()}`}
          onClose={() => setOpen(false)}
          onChoose={(m) => {
            setOpen(false);
            onChange(m);
          }}
        />
      )}
    </fieldset>
  );
}
