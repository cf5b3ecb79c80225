import './taxonomy.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Problem } from '../api.ts';
import { navigate } from '../router.ts';
import { type PublicTag, type Tag, taxonomyApi } from '../taxonomyApi.ts';
import {
  fieldErrors,
  Link,
  Loading,
  LoadMore,
  Notice,
  ProblemBanner,
  TextField,
  usePages,
  useScreen,
} from '../ui.tsx';
import { slugPrefix } from './tagPicker.tsx';
import { DeleteAction, renameNote } from './taxonomyParts.tsx';

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

/** A new tag, or an existing one to describe, rename (its old slug answers 301) or delete. */
export function TagForm({ slug }: { slug?: string }) {
  const heading = useScreen(slug ? 'Edit tag' : 'New tag');
  const [form, setForm] = useState<TagFormState | undefined>(
    slug ? undefined : { slug: '', name: '', description: '' },
  );
  const [etag, setEtag] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();
  const adopt = (tag: Tag, nextEtag: string | undefined) => {
    setEtag(nextEtag ?? `"${tag.version}"`);
    setForm({ slug: tag.slug, name: tag.name, description: tag.description });
  };
  useEffect(() => {
    if (!slug) return;
    void taxonomyApi.getTag(slug).then((r) => (r.ok ? adopt(r.data, r.etag) : setProblem(r.problem)));
  }, [slug]);
  const update = (patch: Partial<TagFormState>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const errs = (path: string) => fieldErrors(problem, path, { prefix: true });

  const save = async (event: Event) => {
    event.preventDefault();
    if (!form) return;
    setNotice(undefined);
    const newSlug = form.slug.trim();
    const name = form.name.trim();
    const fields = { ...(name ? { name } : {}), description: form.description.trim() };
    const result =
      slug && etag
        ? await taxonomyApi.updateTag(slug, etag, {
            ...(newSlug !== slug ? { slug: newSlug } : {}),
            ...fields,
          })
        : await taxonomyApi.createTag({ slug: newSlug, ...fields });
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    if (result.data.slug !== slug) return navigate(`/tags/${result.data.slug}`);
    adopt(result.data, result.etag);
    setNotice('Tag saved.');
  };

  return (
    <section aria-labelledby="tf-title">
      <h1 id="tf-title" ref={heading} tabIndex={-1}>
        {slug ? (form?.name ?? 'Tag') : 'New tag'}
      </h1>
      <p>
        <Link href="/tags">All tags</Link>
      </p>
      <Notice message={notice} />
      <ProblemBanner problem={problem} />
      {!form && !problem && <Loading what="the tag" />}
      {form && (
        <form class="settings taxonomy-form" onSubmit={save}>
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
          <button type="submit" class="primary">
            {slug ? 'Save tag' : 'Create tag'}
          </button>
        </form>
      )}
      {slug && etag && (
        <DeleteAction
          what="this tag"
          remove={() => taxonomyApi.deleteTag(slug, etag)}
          done={() => navigate('/tags')}
        />
      )}
    </section>
  );
}
