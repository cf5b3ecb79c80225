import './taxonomy.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { type PublicTag, type Tag, taxonomyApi } from '../taxonomyApi.ts';
import { RecordForm } from '../ui/recordForm.tsx';
import { Link, Loading, LoadMore, ProblemBanner, TextField, usePages, useScreen } from '../ui.tsx';
import { slugPrefix } from './tagPicker.tsx';
import { renameNote } from './taxonomyParts.tsx';

/**
 * Editors and admins: the tags, 50 a page in slug order, narrowed by what their slug starts with
 * (the API's `q`; a newsroom has hundreds of tags).
 */
export function TagList() {
  const heading = useScreen('Tags');
  const [filter, setFilter] = useState('');
  const prefix = slugPrefix(filter);
  const pages = usePages<PublicTag>((cursor) => taxonomyApi.listTags(prefix, cursor));
  const typed = useRef(false);
  useEffect(() => {
    // usePages read the first page already; a filter typed since reads its own, after a pause.
    if (!typed.current) {
      typed.current = true;
      return;
    }
    const timer = setTimeout(() => void pages.load(), 200);
    return () => clearTimeout(timer);
  }, [prefix]);
  return (
    <section aria-labelledby="tg-title">
      <h1 id="tg-title" ref={heading} tabIndex={-1}>
        Tags
      </h1>
      <p>
        <Link href="/tags/new">New tag</Link>
      </p>
      <div class="field tag-filter">
        <label for="tg-filter">Find tags</label>
        <input
          id="tg-filter"
          type="search"
          value={filter}
          aria-describedby="tg-filter-hint"
          onInput={(e) => setFilter(e.currentTarget.value)}
        />
        <p class="hint" id="tg-filter-hint">
          Tags whose slug starts with what you type.
        </p>
      </div>
      <ProblemBanner problem={pages.problem} />
      {!pages.items && !pages.problem && <Loading what="the tags" />}
      {pages.items?.length === 0 && <p>{prefix ? `No tag starts with ‘${prefix}’.` : 'No tags yet.'}</p>}
      {pages.items && pages.items.length > 0 && (
        <ul class="tag-list">
          {pages.items.map((t) => (
            <li key={t.slug}>
              <Link href={`/tags/${t.slug}`}>{t.name}</Link> <code class="hint">{t.slug}</code>
            </li>
          ))}
        </ul>
      )}
      <LoadMore cursor={pages.cursor} load={pages.load} label="More tags" />
    </section>
  );
}

interface TagFormState {
  slug: string;
  name: string;
  description: string;
}
const formOf = (tag: Tag): TagFormState => ({ slug: tag.slug, name: tag.name, description: tag.description });

/** What the API takes from the form, for a new tag or a change (a new slug renames it). */
function writeTag(form: TagFormState, current: { slug: string; etag: string } | undefined) {
  const newSlug = form.slug.trim();
  const name = form.name.trim();
  const fields = { ...(name ? { name } : {}), description: form.description.trim() };
  return current
    ? taxonomyApi.updateTag(current.slug, current.etag, {
        ...(newSlug !== current.slug ? { slug: newSlug } : {}),
        ...fields,
      })
    : taxonomyApi.createTag({ slug: newSlug, ...fields });
}

/** A new tag, or an existing one to describe, rename (its old slug answers 301) or delete. */
export function TagForm({ slug }: { slug?: string }) {
  return (
    <RecordForm
      kind="tag"
      slug={slug}
      listPath="/tags"
      headingId="tf-title"
      empty={{ slug: '', name: '', description: '' }}
      formOf={formOf}
      load={taxonomyApi.getTag}
      write={writeTag}
      remove={taxonomyApi.deleteTag}
    >
      {({ form, update, errs }) => (
        <>
          <TextField
            id="tf-slug"
            label="Slug"
            hint={
              slug ? renameNote('tag', slug) : 'e.g. local-elections: lowercase letters, digits and hyphens'
            }
            errors={errs('slug')}
            value={form.slug}
            onInput={(v) => update({ slug: v })}
          />
          <TextField
            id="tf-name"
            label="Name"
            hint={slug ? undefined : 'Empty: the slug in words (local-elections: Local elections)'}
            errors={errs('name')}
            value={form.name}
            onInput={(v) => update({ name: v })}
          />
          <TextField
            id="tf-description"
            label="Description"
            multiline
            errors={errs('description')}
            value={form.description}
            onInput={(v) => update({ description: v })}
          />
        </>
      )}
    </RecordForm>
  );
}
