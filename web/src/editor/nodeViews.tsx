import { render } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { Node } from 'prosemirror-model';
import type { Decoration, EditorView, NodeView, NodeViewConstructor } from 'prosemirror-view';
import { Thumbnail } from '../media.tsx';
import { MediaPicker } from '../mediaPicker.tsx';
import { useMediaRecord } from '../mediaRecord.ts';
import { TextField, uid } from '../ui.tsx';
import { type BlockErrors, errorsOf } from './plugins.ts';

/**
 * Images and embeds in the editor, drawn as they will look (the picture with its caption, the
 * embed's card), with their fields beside them: Preact components rendered into ProseMirror node
 * views. The fields' events stay theirs; a change is a transaction on the node's attributes.
 */
type Attrs = Record<string, unknown>;
interface ViewProps {
  attrs: Attrs;
  errors: BlockErrors;
  editable: boolean;
  set: (patch: Attrs) => void;
  remove: () => void;
  /** Whether an image may come from the media library, or only from an address (live entries). */
  library: boolean;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

function ImageBlock({ attrs, errors, editable, set, remove, library }: ViewProps) {
  const id = useRef(uid('img')).current;
  const mediaId = typeof attrs.mediaId === 'string' ? attrs.mediaId : undefined;
  const media = useMediaRecord(mediaId);
  const [picking, setPicking] = useState(false);
  const alt = text(attrs.alt);
  const caption = typeof attrs.caption === 'string' ? attrs.caption : (media?.caption ?? '');
  const src = text(attrs.src);
  const picture = mediaId ? (
    media ? (
      <Thumbnail media={media} size="large" alt={alt || media.alt} />
    ) : (
      <span class="figure-empty">Loading the image…</span>
    )
  ) : src ? (
    // The console's policy loads no image from elsewhere: the address stands for it.
    <span class="figure-empty">Image hosted elsewhere: {src}</span>
  ) : (
    <span class="figure-empty">No image chosen yet</span>
  );
  const err = (field: string) => errors[field] ?? [];
  return (
    <fieldset class="atom-block">
      <legend class="visually-hidden">Image</legend>
      <figure class="pm-figure">
        {picture}
        {caption && <figcaption>{caption}</figcaption>}
      </figure>
      {editable && (
        <div class="atom-fields">
          {(err('mediaId').length > 0 || err('').length > 0) && (
            <p class="error">{[...err(''), ...err('mediaId')].join('; ')}</p>
          )}
          <div class="atom-tools">
            {library && (
              <button type="button" onClick={() => setPicking(true)}>
                {mediaId ? 'Change image' : 'Choose from the library'}
              </button>
            )}
            <button type="button" class="danger" onClick={remove}>
              Remove image
            </button>
          </div>
          {!mediaId && (
            <TextField
              id={`${id}-src`}
              label="Image URL"
              hint={
                library
                  ? 'Or an image hosted elsewhere: https only'
                  : 'The address of the picture: https only'
              }
              value={text(attrs.src)}
              errors={err('src')}
              onInput={(v) => set({ src: v })}
            />
          )}
          <TextField
            id={`${id}-alt`}
            label="Alternative text"
            hint={mediaId ? 'Leave empty to use the text stored with the image.' : undefined}
            value={alt}
            errors={err('alt')}
            onInput={(v) => set({ alt: v })}
          />
          <TextField
            id={`${id}-caption`}
            label="Caption"
            hint={mediaId ? 'Leave empty to use the caption stored with the image.' : undefined}
            value={typeof attrs.caption === 'string' ? attrs.caption : ''}
            errors={err('caption')}
            onInput={(v) => set({ caption: v ? v : null })}
          />
        </div>
      )}
      {picking && (
        <MediaPicker
          title="Choose the image"
          onClose={() => setPicking(false)}
          onChoose={(m) => {
            setPicking(false);
            set({ mediaId: m.id, src: '' });
          }}
        />
      )}
    </fieldset>
  );
}

function EmbedBlock({ attrs, errors, editable, set, remove }: ViewProps) {
  const id = useRef(uid('embed')).current;
  const url = text(attrs.url);
  let host = '';
  try {
    host = url ? new URL(url).host : '';
  } catch {
    host = '';
  }
  return (
    <fieldset class="atom-block">
      <legend class="visually-hidden">Embed</legend>
      <div class="embed-card">
        <span class="embed-kind">Embedded</span> <strong>{host || 'No address yet'}</strong>
        {url && <span class="embed-url">{url}</span>}
      </div>
      {editable && (
        <div class="atom-fields">
          <TextField
            id={`${id}-url`}
            label="Embed URL"
            hint="https only: a video, a post or a map"
            value={url}
            errors={[...(errors[''] ?? []), ...(errors.url ?? [])]}
            onInput={(v) => set({ url: v })}
          />
          <div class="atom-tools">
            <button type="button" class="danger" onClick={remove}>
              Remove embed
            </button>
          </div>
        </div>
      )}
    </fieldset>
  );
}

const INTERACTIVE = 'input, textarea, select, button, a, dialog';

class AtomView implements NodeView {
  dom: HTMLElement;
  constructor(
    private node: Node,
    private readonly view: EditorView,
    private readonly getPos: () => number | undefined,
    decorations: readonly Decoration[],
    private readonly library: boolean,
  ) {
    this.dom = document.createElement('div');
    this.dom.className = `pm-atom pm-${node.type.name}`;
    this.dom.contentEditable = 'false';
    this.draw(decorations);
  }

  private draw(decorations: readonly Decoration[]) {
    const Block = this.node.type.name === 'image' ? ImageBlock : EmbedBlock;
    render(
      <Block
        attrs={this.node.attrs}
        errors={errorsOf(decorations)}
        editable={this.view.editable}
        set={(patch) => this.set(patch)}
        remove={() => this.remove()}
        library={this.library}
      />,
      this.dom,
    );
  }

  private set(patch: Attrs) {
    const pos = this.getPos();
    if (pos === undefined) return;
    this.view.dispatch(this.view.state.tr.setNodeMarkup(pos, undefined, { ...this.node.attrs, ...patch }));
  }

  private remove() {
    const pos = this.getPos();
    if (pos === undefined) return;
    this.view.dispatch(this.view.state.tr.delete(pos, pos + this.node.nodeSize).scrollIntoView());
    this.view.focus();
  }

  update(node: Node, decorations: readonly Decoration[]) {
    if (node.type !== this.node.type) return false;
    this.node = node;
    this.draw(decorations);
    return true;
  }

  selectNode() {
    this.dom.classList.add('atom-selected');
  }

  deselectNode() {
    this.dom.classList.remove('atom-selected');
  }

  /** The fields, buttons and the picker's dialog handle their own events. */
  stopEvent(event: Event) {
    return event.target instanceof Element && event.target.closest(INTERACTIVE) !== null;
  }

  ignoreMutation() {
    return true;
  }

  destroy() {
    render(null, this.dom);
  }
}

/** The node views of an editor whose images may (`library`) or may not come from the media library. */
export function nodeViewsFor(library: boolean) {
  const atomView: NodeViewConstructor = (node, view, getPos, decorations) =>
    new AtomView(node, view, getPos, decorations, library);
  return { image: atomView, embed: atomView };
}
