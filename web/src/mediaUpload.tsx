/** Uploading an image to the library: the form and what its upload is doing. */
import { useRef, useState } from 'preact/hooks';
import { MEDIA_LIMITS } from '../../shared/schemas/facts.ts';
import type { Media, Problem } from './api.ts';
import { dimensions } from './media.tsx';
import { Field, fieldErrors, problemMessage } from './ui.tsx';
import { ACCEPTED_TYPES, fileSize, rememberMedia, type UploadState, uploadImage } from './upload.ts';

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
