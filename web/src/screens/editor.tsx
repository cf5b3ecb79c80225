import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { CORRECTORS } from '../../../shared/auth/permissions.ts';
import { ARTICLE_LIMITS } from '../../../shared/schemas/facts.ts';
import {
  type Article,
  type ArticleInput,
  api,
  type Block,
  type HistoryEntry,
  type MediaRef,
  type PreviewLink,
  type Problem,
  type Span,
  type WorkflowAction,
} from '../api.ts';
import { currentSession, hasRole } from '../auth.ts';
import { DeskPanel } from '../desk/deskPanel.tsx';
import { EditLockNotice, useReadOnlyForm } from '../desk/editLock.tsx';
import { usePublishConfirmation } from '../desk/publishDialog.tsx';
import { diffContent, type FieldDiff } from '../diff.ts';
import { DiffTable } from '../diffTable.tsx';
import { blockInputOf, type EditBlock, editBlockOf } from '../editBlocks.ts';
import { edited, itemsOf, newDraft, type RichDraft, spansOf } from '../markup.ts';
import { ImageChoice } from '../media.tsx';
import { RichField, rowsFor } from '../richText.tsx';
import { navigate, setLeaveGuard } from '../router.ts';
import {
  Field,
  fieldErrors,
  formatDate,
  Link,
  Loading,
  Notice,
  ProblemBanner,
  problemMessage,
  StatusBadge,
  timeZone,
  useScreen,
} from '../ui.tsx';
import { CorrectionsPanel } from './corrections.tsx';
import { NO_SEO, SeoFields, type SeoForm, seoFormOf, seoInputOf } from './seo.tsx';
import { ThreadPanel } from './threadPanel.tsx';

interface Keyed {
  key: number;
  block: EditBlock;
}
interface FormState {
  title: string;
  standfirst: string;
  section: string;
  tags: string;
  byline: string;
  sourceName: string;
  sourceUrl: string;
  blocks: Keyed[];
  leadImage: MediaRef | null;
  seo: SeoForm;
}

let blockKey = 0;
const keyed = (block: EditBlock): Keyed => ({ key: ++blockKey, block });

const EMPTY: FormState = {
  title: '',
  standfirst: '',
  section: '',
  tags: '',
  byline: '',
  sourceName: '',
  sourceUrl: '',
  blocks: [],
  leadImage: null,
  seo: NO_SEO,
};

function formOf(article: Article): FormState {
  return {
    title: article.title,
    standfirst: article.standfirst,
    section: article.section,
    tags: article.tags.join(', '),
    byline: article.byline,
    sourceName: article.source?.name ?? '',
    sourceUrl: article.source?.url ?? '',
    blocks: article.body.map((b) => keyed(editBlockOf(b))),
    leadImage: article.leadImage,
    seo: seoFormOf(article.seo),
  };
}

function inputOf(form: FormState): ArticleInput {
  const name = form.sourceName.trim();
  const url = form.sourceUrl.trim();
  return {
    title: form.title.trim(),
    standfirst: form.standfirst.trim(),
    section: form.section.trim(),
    tags: form.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    byline: form.byline.trim(),
    source: name || url ? { name, ...(url ? { url } : {}) } : null,
    body: form.blocks.map((b) => blockInputOf(b.block)),
    leadImage: form.leadImage,
    seo: seoInputOf(form.seo),
  };
}

const same = (a: FormState, b: FormState) => JSON.stringify(inputOf(a)) === JSON.stringify(inputOf(b));

export const ACTION_LABELS: Record<string, string> = {
  submit: 'Submit for review',
  withdraw: 'Withdraw from review',
  request_changes: 'Request changes',
  approve: 'Approve',
  publish: 'Publish',
  schedule: 'Schedule',
  unschedule: 'Unschedule',
  unpublish: 'Unpublish',
  restore: 'Restore to draft',
};
const DONE: Record<string, string> = {
  submit: 'Submitted for review.',
  withdraw: 'Withdrawn: back to draft.',
  request_changes: 'Changes requested; the author will see your note.',
  approve: 'Approved.',
  publish: 'Published: it is live now.',
  schedule: 'Scheduled.',
  unschedule: 'Unscheduled: back to approved.',
  unpublish: 'Unpublished: archived and off the public site.',
  restore: 'Restored to draft.',
};

const BLOCK_TYPES: { type: Block['type']; label: string; make: () => EditBlock }[] = [
  { type: 'paragraph', label: 'Paragraph', make: () => ({ type: 'paragraph', text: newDraft() }) },
  { type: 'heading', label: 'Heading', make: () => ({ type: 'heading', level: 2, text: newDraft() }) },
  { type: 'quote', label: 'Quote', make: () => ({ type: 'quote', text: newDraft() }) },
  { type: 'list', label: 'List', make: () => ({ type: 'list', ordered: false, items: newDraft() }) },
  { type: 'image', label: 'Image', make: () => ({ type: 'image', src: '', alt: '' }) },
  { type: 'embed', label: 'Embed', make: () => ({ type: 'embed', url: '' }) },
];
const typeLabel = (type: Block['type']) => BLOCK_TYPES.find((t) => t.type === type)?.label ?? type;

/** A message for the next editor screen (the draft just created opens as a new screen). */
let flash: string | undefined;
const takeFlash = () => {
  const message = flash;
  flash = undefined;
  return message;
};

interface Conflict {
  latest: Article;
  etag: string;
  diffs: FieldDiff[];
}

/** Writing and editing an article, its workflow actions, preview links, and edit conflicts. */
export function ArticleEditor({ id }: { id?: string }) {
  const [article, setArticle] = useState<Article>();
  const [etag, setEtag] = useState<string>();
  const [form, setForm] = useState<FormState>(
    id ? EMPTY : { ...EMPTY, blocks: [keyed({ type: 'paragraph', text: newDraft() })] },
  );
  const [baseline, setBaseline] = useState<FormState>(form);
  const [problem, setProblem] = useState<Problem>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string | undefined>(takeFlash);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<Conflict>();
  const [note, setNote] = useState<HistoryEntry>();
  const title = id ? (article ? `Edit “${article.title}”` : 'Edit article') : 'New article';
  const heading = useScreen(title);
  const dirtyRef = useRef(false);
  dirtyRef.current = !same(form, baseline);
  // The corrections panel stays once shown, so what it said survives the article going off the site.
  const wasLive = useRef(false);
  if (article?.live) wasLive.current = true;
  const formRef = useRef<HTMLFormElement>(null);
  useReadOnlyForm(formRef, !!article && !article.editable);

  useEffect(() => {
    setLeaveGuard(() => dirtyRef.current);
    return () => setLeaveGuard(undefined);
  }, []);

  const adopt = (next: Article, nextEtag: string | undefined, resetForm = true) => {
    setArticle(next);
    setEtag(nextEtag ?? `"${next.version}"`);
    if (resetForm) {
      const f = formOf(next);
      setForm(f);
      setBaseline(f);
    }
  };

  useEffect(() => {
    if (!id) return;
    void (async () => {
      const result = await api.getArticle(id);
      if (!result.ok) return setLoadProblem(result.problem);
      adopt(result.data, result.etag);
    })();
  }, [id]);

  // The editor's note an author needs to see while changes are requested.
  useEffect(() => {
    if (!id || article?.status !== 'changes_requested') return setNote(undefined);
    void (async () => {
      const result = await api.history(id);
      if (!result.ok) return;
      const requests = result.data.items.filter((e) => e.action === 'request_changes');
      setNote(requests[requests.length - 1]);
    })();
  }, [id, article?.status, article?.version]);

  const update = (patch: Partial<FormState>) => setForm((f) => ({ ...f, ...patch }));
  const setBlock = (index: number, block: EditBlock) =>
    setForm((f) => ({ ...f, blocks: f.blocks.map((b, i) => (i === index ? { ...b, block } : b)) }));
  const moveBlock = (index: number, by: number) =>
    setForm((f) => {
      const blocks = [...f.blocks];
      const [moved] = blocks.splice(index, 1);
      if (moved) blocks.splice(index + by, 0, moved);
      return { ...f, blocks };
    });
  const removeBlock = (index: number) =>
    setForm((f) => ({ ...f, blocks: f.blocks.filter((_, i) => i !== index) }));

  const save = async (overEtag?: string) => {
    // Enter in any field submits the form: with nothing changed, that must not make a new version.
    if (id && article && !overEtag && !dirtyRef.current) {
      setNotice('No changes to save.');
      return;
    }
    setBusy(true);
    setNotice(undefined);
    const input = inputOf(form);
    const result =
      id && article
        ? await api.updateArticle(id, overEtag ?? etag ?? '', input)
        : await api.createArticle(input);
    setBusy(false);
    if (!result.ok) {
      if (result.problem.status === 412 && id) return showConflict();
      setProblem(result.problem);
      return;
    }
    setProblem(undefined);
    setConflict(undefined);
    adopt(result.data, result.etag);
    setNotice('Saved.');
    if (!id) {
      dirtyRef.current = false;
      setLeaveGuard(undefined);
      flash = 'Draft created.';
      navigate(`/articles/${result.data.id}`, { replace: true });
    }
  };

  const showConflict = async () => {
    if (!id) return;
    const latest = await api.getArticle(id);
    if (!latest.ok) return setProblem(latest.problem);
    setConflict({
      latest: latest.data,
      etag: latest.etag ?? `"${latest.data.version}"`,
      diffs: diffContent(latest.data, inputOf(form)),
    });
  };

  const runAction = async (action: WorkflowAction, extra: { note?: string; publishAt?: string } = {}) => {
    if (!id || !etag) return false;
    setBusy(true);
    setNotice(undefined);
    const result = await api.transition(id, etag, { action, ...extra });
    setBusy(false);
    if (!result.ok) {
      if (result.problem.status === 412) {
        setProblem({ ...result.problem, detail: undefined });
        await showConflict();
      } else setProblem(result.problem);
      return false;
    }
    setProblem(undefined);
    adopt(result.data, result.etag, !dirtyRef.current);
    setNotice(DONE[action] ?? 'Done.');
    return true;
  };

  const [confirmedAction, publishDialog] = usePublishConfirmation(article, runAction);

  if (loadProblem)
    return (
      <section aria-labelledby="ed-title">
        <h1 id="ed-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <ProblemBanner problem={loadProblem} />
      </section>
    );
  if (id && !article) return <Loading what="the article" />;

  const errs = (path: string, prefix = false) => fieldErrors(problem, path, { prefix });
  const actions = article?.availableActions ?? [];

  return (
    <section aria-labelledby="ed-title" class="editor">
      <div class="screen-head">
        <h1 id="ed-title" ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {article && (
          <p class="meta">
            <StatusBadge status={article.status} /> Version {article.version} · updated{' '}
            {formatDate(article.updatedAt)} by {article.updatedBy}
            {article.live &&
              (article.hasUnpublishedChanges
                ? ' · live on the site as last published; the edits here are not published yet'
                : ' · live on the site')}
            {article.scheduledFor && ` · goes live ${formatDate(article.scheduledFor)} (${timeZone()})`}
          </p>
        )}
      </div>
      <Notice message={notice} />
      {note && (
        <aside class="request-note" aria-labelledby="note-title">
          <h2 id="note-title">Changes requested</h2>
          <p>
            <strong>{note.actor}</strong> on {formatDate(note.at)}:
          </p>
          <blockquote>{note.note}</blockquote>
        </aside>
      )}
      {conflict && (
        <ConflictPanel
          conflict={conflict}
          onReload={() => {
            adopt(conflict.latest, conflict.etag);
            setConflict(undefined);
            setProblem(undefined);
            setNotice('Reloaded the latest saved version.');
          }}
          onKeepMine={() => void save(conflict.etag)}
        />
      )}
      {problem && problem.status !== 412 && <ProblemBanner problem={problem} />}
      {article && (
        <WorkflowPanel
          article={article}
          actions={actions}
          busy={busy}
          dirty={dirtyRef.current}
          runAction={confirmedAction}
        />
      )}
      {publishDialog}
      {article && etag && (article.live || article.corrections.length > 0 || wasLive.current) && (
        <CorrectionsPanel
          article={article}
          etag={etag}
          canCorrect={article.live && hasRole(currentSession(), ...CORRECTORS)}
          onCorrected={(next, nextEtag) => adopt(next, nextEtag, !dirtyRef.current)}
          onStale={async () => {
            const latest = await api.getArticle(article.id);
            if (!latest.ok) return undefined;
            adopt(latest.data, latest.etag, !dirtyRef.current);
            return latest.data;
          }}
        />
      )}
      {article?.publishedAt && (
        <ThreadPanel
          key={article.id}
          article={article}
          canChange={hasRole(currentSession(), 'editor', 'moderator')}
        />
      )}
      {article && <EditLockNotice article={article} />}
      <DeskPanel content={inputOf(form)} />
      <form
        ref={formRef}
        class="article-form"
        aria-label="Article"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2>Content</h2>
        <Field
          id="a-title"
          label="Title"
          errors={errs('title')}
          count={{ length: form.title.length, max: ARTICLE_LIMITS.title }}
        >
          {(describedBy, invalid) => (
            <input
              id="a-title"
              value={form.title}
              required
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onInput={(e) => update({ title: e.currentTarget.value })}
            />
          )}
        </Field>
        <Field
          id="a-standfirst"
          label="Standfirst"
          errors={errs('standfirst')}
          count={{ length: form.standfirst.length, max: ARTICLE_LIMITS.standfirst }}
        >
          {(describedBy, invalid) => (
            <textarea
              id="a-standfirst"
              rows={2}
              value={form.standfirst}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onInput={(e) => update({ standfirst: e.currentTarget.value })}
            />
          )}
        </Field>
        <div class="row">
          <Field id="a-section" label="Section" hint="A lowercase slug, e.g. city" errors={errs('section')}>
            {(describedBy, invalid) => (
              <input
                id="a-section"
                value={form.section}
                required
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => update({ section: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id="a-tags" label="Tags" hint="Comma-separated slugs" errors={errs('tags', true)}>
            {(describedBy, invalid) => (
              <input
                id="a-tags"
                value={form.tags}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => update({ tags: e.currentTarget.value })}
              />
            )}
          </Field>
        </div>
        <Field id="a-byline" label="Byline" errors={errs('byline')}>
          {(describedBy, invalid) => (
            <input
              id="a-byline"
              value={form.byline}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onInput={(e) => update({ byline: e.currentTarget.value })}
            />
          )}
        </Field>
        <div class="row">
          <Field
            id="a-source-name"
            label="Source name"
            hint="The outlet or interview it draws on"
            errors={errs('source.name').concat(errs('source'))}
          >
            {(describedBy, invalid) => (
              <input
                id="a-source-name"
                value={form.sourceName}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => update({ sourceName: e.currentTarget.value })}
              />
            )}
          </Field>
          <Field id="a-source-url" label="Source URL" hint="Optional, https" errors={errs('source.url')}>
            {(describedBy, invalid) => (
              <input
                id="a-source-url"
                type="url"
                value={form.sourceUrl}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => update({ sourceUrl: e.currentTarget.value })}
              />
            )}
          </Field>
        </div>

        <ImageChoice
          id="a-lead"
          label="Lead image"
          hint="Shown at the top of the article and beside it in lists."
          mediaId={form.leadImage?.mediaId}
          errors={errs('leadImage', true)}
          onChange={(media) => update({ leadImage: media ? { mediaId: media.id } : null })}
        />

        <h2>Body</h2>
        {errs('body').length > 0 && (
          <p class="error" id="body-error">
            {errs('body').join('; ')}
          </p>
        )}
        <ol class="blocks">
          {form.blocks.map((item, index) => (
            <li key={item.key}>
              <BlockEditor
                block={item.block}
                index={index}
                count={form.blocks.length}
                uid={item.key}
                errors={(field) =>
                  errs(`body.${index}.${field}`, field !== 'attribution' && field !== 'level')
                }
                onChange={(block) => setBlock(index, block)}
                onMove={(by) => moveBlock(index, by)}
                onRemove={() => removeBlock(index)}
              />
            </li>
          ))}
        </ol>
        <AddBlock onAdd={(block) => setForm((f) => ({ ...f, blocks: [...f.blocks, keyed(block)] }))} />

        <SeoFields
          value={form.seo}
          onChange={(seo) => update({ seo })}
          errors={(field) => errs(field ? `seo.${field}` : 'seo')}
        />

        <div class="form-actions">
          <button type="submit" class="primary" disabled={busy || (article && !article.editable)}>
            {id ? 'Save' : 'Create draft'}
          </button>
          {dirtyRef.current && <span class="unsaved">Unsaved changes</span>}
          {id && <Link href={`/articles/${id}/history`}>History and revisions</Link>}
        </div>
      </form>
    </section>
  );
}

function AddBlock({ onAdd }: { onAdd: (block: EditBlock) => void }) {
  const [type, setType] = useState<Block['type']>('paragraph');
  return (
    <div class="add-block">
      <label for="add-block-type">New block type</label>
      <select
        id="add-block-type"
        value={type}
        onChange={(e) => setType(e.currentTarget.value as Block['type'])}
      >
        {BLOCK_TYPES.map((t) => (
          <option key={t.type} value={t.type}>
            {t.label}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={() =>
          onAdd(BLOCK_TYPES.find((t) => t.type === type)?.make() ?? { type: 'paragraph', text: newDraft() })
        }
      >
        Add block
      </button>
    </div>
  );
}

interface BlockEditorProps {
  block: EditBlock;
  index: number;
  count: number;
  uid: number;
  errors: (field: string) => string[];
  onChange: (block: EditBlock) => void;
  onMove: (by: number) => void;
  onRemove: () => void;
}

function BlockEditor({ block, index, count, uid, errors, onChange, onMove, onRemove }: BlockEditorProps) {
  const p = `b${uid}`;
  const text = (
    field: string,
    label: string,
    value: string,
    set: (v: string) => void,
    multiline = false,
    hint?: string,
  ) => (
    <Field id={`${p}-${field}`} label={label} errors={errors(field)} {...(hint ? { hint } : {})}>
      {(describedBy, invalid) =>
        multiline ? (
          <textarea
            id={`${p}-${field}`}
            rows={rowsFor(value)}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => set(e.currentTarget.value)}
          />
        ) : (
          <input
            id={`${p}-${field}`}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => set(e.currentTarget.value)}
          />
        )
      }
    </Field>
  );
  const richText = (
    field: string,
    label: string,
    draft: RichDraft<Span[]>,
    set: (next: RichDraft<Span[]>) => void,
    multiline = false,
  ) => (
    <RichField
      id={`${p}-${field}`}
      label={label}
      value={draft.markup}
      links={draft.links}
      preview={[spansOf(draft)]}
      onInput={(markup) => set(edited(draft, markup))}
      multiline={multiline}
      errors={errors(field)}
    />
  );
  let fields: ComponentChildren;
  switch (block.type) {
    case 'paragraph':
      fields = richText('text', 'Text', block.text, (v) => onChange({ ...block, text: v }), true);
      break;
    case 'heading':
      fields = (
        <>
          <div class="field">
            <label for={`${p}-level`}>Level</label>
            <select
              id={`${p}-level`}
              value={String(block.level)}
              onChange={(e) => onChange({ ...block, level: Number(e.currentTarget.value) as 2 | 3 | 4 })}
            >
              <option value="2">Heading 2</option>
              <option value="3">Heading 3</option>
              <option value="4">Heading 4</option>
            </select>
          </div>
          {richText('text', 'Text', block.text, (v) => onChange({ ...block, text: v }))}
        </>
      );
      break;
    case 'quote':
      fields = (
        <>
          {richText('before', 'Words before it (optional)', block.before ?? newDraft(), (v) =>
            onChange({ ...block, before: v }),
          )}
          {richText('text', 'Quote', block.text, (v) => onChange({ ...block, text: v }), true)}
          {richText('after', 'Words after it (optional)', block.after ?? newDraft(), (v) =>
            onChange({ ...block, after: v }),
          )}
          {text('attribution', 'Attribution', block.attribution ?? '', (v) => {
            const { attribution: _a, ...rest } = block;
            onChange(v ? { ...rest, attribution: v } : rest);
          })}
        </>
      );
      break;
    case 'list':
      fields = (
        <>
          <div class="check">
            <input
              type="checkbox"
              id={`${p}-ordered`}
              checked={block.ordered}
              onChange={(e) => onChange({ ...block, ordered: e.currentTarget.checked })}
            />
            <label for={`${p}-ordered`}>Numbered list</label>
          </div>
          <RichField
            id={`${p}-items`}
            label="Items"
            hint="One item per line"
            value={block.items.markup}
            links={block.items.links}
            preview={itemsOf(block.items)}
            onInput={(v) => onChange({ ...block, items: edited(block.items, v) })}
            multiline
            errors={errors('items')}
          />
        </>
      );
      break;
    case 'image': {
      const fromLibrary = block.mediaId !== undefined;
      fields = (
        <>
          <ImageChoice
            id={`${p}-media`}
            label="Image"
            hint={fromLibrary ? undefined : 'From the media library, or give an external image below.'}
            mediaId={block.mediaId}
            errors={errors('mediaId')}
            onChange={(media) => {
              const { mediaId: _m, ...rest } = block;
              onChange(media ? { ...rest, mediaId: media.id, src: '' } : { ...rest, src: '' });
            }}
          />
          {!fromLibrary &&
            text('src', 'Image URL', block.src, (v) => onChange({ ...block, src: v }), false, 'https only')}
          {text(
            'alt',
            'Alternative text',
            block.alt,
            (v) => onChange({ ...block, alt: v }),
            false,
            fromLibrary ? 'Leave empty to use the text stored with the image.' : undefined,
          )}
          {text(
            'caption',
            'Caption',
            block.caption ?? '',
            (v) => {
              const { caption: _c, ...rest } = block;
              onChange(v ? { ...rest, caption: v } : rest);
            },
            false,
            fromLibrary ? 'Leave empty to use the caption stored with the image.' : undefined,
          )}
        </>
      );
      break;
    }
    case 'embed':
      fields = text(
        'url',
        'Embed URL',
        block.url,
        (v) => onChange({ ...block, url: v }),
        false,
        'https only',
      );
      break;
  }
  return (
    <fieldset class="block">
      <legend>
        Block {index + 1}: {typeLabel(block.type)}
      </legend>
      {errors('').length > 0 && <p class="error">{errors('').join('; ')}</p>}
      {fields}
      <div class="block-tools">
        <button type="button" disabled={index === 0} onClick={() => onMove(-1)}>
          Move up
        </button>
        <button type="button" disabled={index === count - 1} onClick={() => onMove(1)}>
          Move down
        </button>
        <button type="button" class="danger" onClick={onRemove}>
          Remove
        </button>
      </div>
    </fieldset>
  );
}

function ConflictPanel({
  conflict,
  onReload,
  onKeepMine,
}: {
  conflict: Conflict;
  onReload: () => void;
  onKeepMine: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [conflict]);
  const { latest, diffs } = conflict;
  return (
    <div class="conflict" role="alert" tabIndex={-1} ref={ref} aria-labelledby="conflict-title">
      <h2 id="conflict-title">Someone else saved this article first</h2>
      <p>
        {latest.updatedBy} saved version {latest.version} on {formatDate(latest.updatedAt)} while you were
        editing. Nothing was overwritten. Compare, then choose.
      </p>
      {diffs.length === 0 ? (
        <p>Their content is the same as yours; only the status or version changed.</p>
      ) : (
        <DiffTable
          diffs={diffs}
          caption="What differs"
          left={`Saved by ${latest.updatedBy}`}
          right="Your unsaved text"
        />
      )}
      <div class="form-actions">
        <button type="button" onClick={onReload}>
          Reload their version
        </button>
        <button type="button" class="primary" onClick={onKeepMine}>
          Keep my text
        </button>
      </div>
      <p class="hint">
        “Keep my text” saves your version over theirs as a new version; theirs stays in the revisions.
      </p>
    </div>
  );
}

function WorkflowPanel({
  article,
  actions,
  busy,
  dirty,
  runAction,
}: {
  article: Article;
  actions: WorkflowAction[];
  busy: boolean;
  dirty: boolean;
  runAction: (action: WorkflowAction, extra?: { note?: string; publishAt?: string }) => Promise<boolean>;
}) {
  const [asking, setAsking] = useState<'request_changes' | 'schedule'>();
  const [note, setNote] = useState('');
  const [when, setWhen] = useState('');
  const [preview, setPreview] = useState<{ url: string; expiresAt: string; copied: boolean }>();
  const [previewProblem, setPreviewProblem] = useState<Problem>();
  /** Bumped when a link is made, so the list of open links reloads. */
  const [linksShown, setLinksShown] = useState(0);
  const workflow = actions;

  return (
    <section class="workflow" aria-labelledby="wf-title">
      <h2 id="wf-title">Workflow</h2>
      {workflow.length === 0 ? (
        <p class="hint">No workflow actions are available to you for this article now.</p>
      ) : (
        <div class="actions">
          {workflow.map((action) => (
            <button
              key={action}
              type="button"
              class={action === 'publish' || action === 'approve' ? 'primary' : undefined}
              disabled={busy}
              aria-expanded={
                action === 'request_changes' || action === 'schedule' ? asking === action : undefined
              }
              onClick={() => {
                if (action === 'request_changes' || action === 'schedule')
                  setAsking(asking === action ? undefined : action);
                else void runAction(action);
              }}
            >
              {ACTION_LABELS[action] ?? action.replace(/_/g, ' ')}
            </button>
          ))}
        </div>
      )}
      {dirty && workflow.length > 0 && (
        <p class="hint">Save your changes first: actions apply to the saved version.</p>
      )}
      {asking === 'request_changes' && (
        <form
          class="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await runAction('request_changes', { note: note.trim() })) {
              setAsking(undefined);
              setNote('');
            }
          }}
        >
          <div class="field">
            <label for="rc-note">Note for the author</label>
            <textarea
              id="rc-note"
              rows={3}
              required
              value={note}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary" disabled={busy || !note.trim()}>
            Send request for changes
          </button>
        </form>
      )}
      {asking === 'schedule' && (
        <form
          class="inline-form"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!when) return;
            if (await runAction('schedule', { publishAt: new Date(when).toISOString() }))
              setAsking(undefined);
          }}
        >
          <div class="field">
            <label for="sc-when">Publish at ({timeZone()})</label>
            <input
              id="sc-when"
              type="datetime-local"
              required
              value={when}
              onInput={(e) => setWhen(e.currentTarget.value)}
            />
          </div>
          <button type="submit" class="primary" disabled={busy || !when}>
            Schedule publication
          </button>
        </form>
      )}
      <div class="preview">
        <button
          type="button"
          onClick={async () => {
            const result = await api.createPreview(article.id);
            if (!result.ok) return setPreviewProblem(result.problem);
            setPreviewProblem(undefined);
            const url = new URL(result.data.url, window.location.origin).toString();
            let copied = false;
            try {
              await navigator.clipboard.writeText(url);
              copied = true;
            } catch {
              copied = false;
            }
            setPreview({ url, expiresAt: result.data.expiresAt, copied });
            setLinksShown((n) => n + 1);
          }}
        >
          Create preview link
        </button>
        {previewProblem && <p class="error">{problemMessage(previewProblem)}</p>}
        {preview && (
          <div class="field" role="status">
            <label for="preview-url">
              {preview.copied ? 'Preview link (copied to the clipboard)' : 'Preview link (copy it)'}, valid
              until {formatDate(preview.expiresAt)}
            </label>
            <input id="preview-url" readOnly value={preview.url} onFocus={(e) => e.currentTarget.select()} />
          </div>
        )}
        <PreviewLinks articleId={article.id} refresh={linksShown} />
      </div>
    </section>
  );
}

/** The preview links that still open the working copy, each with Revoke (unpublishing revokes all). */
function PreviewLinks({ articleId, refresh }: { articleId: string; refresh: number }) {
  const [links, setLinks] = useState<PreviewLink[]>([]);
  const [problem, setProblem] = useState<Problem>();
  const load = async () => {
    const result = await api.previewLinks(articleId);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setLinks(result.data.items);
  };
  useEffect(() => {
    void load();
  }, [articleId, refresh]);
  if (links.length === 0 && !problem) return null;
  return (
    <div class="preview-links">
      <h3>Open preview links</h3>
      {problem && <p class="error">{problemMessage(problem)}</p>}
      <ul>
        {links.map((link) => (
          <li key={link.id}>
            Made by {link.createdBy} on {formatDate(link.createdAt)}, valid until {formatDate(link.expiresAt)}{' '}
            <button
              type="button"
              aria-label={`Revoke the preview link made on ${formatDate(link.createdAt)}`}
              onClick={async () => {
                const result = await api.revokePreview(articleId, link.id);
                if (!result.ok) return setProblem(result.problem);
                await load();
              }}
            >
              Revoke
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
