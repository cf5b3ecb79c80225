/** Choosing a library image for an article: the picker dialog and the field that opens it. */
import { useState } from 'preact/hooks';
import type { Media } from './api.ts';
import { dimensions, MediaFound, Thumbnail, useMediaPages } from './media.tsx';
import { useMediaRecord } from './mediaRecord.ts';
import { UploadForm } from './mediaUpload.tsx';
import { Marked, SearchBox } from './search.tsx';
import { Modal } from './ui/modal.tsx';
import { LoadMore, problemMessage } from './ui.tsx';

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
  const media = useMediaRecord(mediaId);
  const [open, setOpen] = useState(false);
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
