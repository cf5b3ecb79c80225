import { useEffect, useState } from 'preact/hooks';
import { type Author, api, type Problem } from '../api.ts';
import { ImageChoice } from '../mediaPicker.tsx';
import { navigate } from '../router.ts';
import { fieldErrors, Link, Loading, Notice, ProblemBanner, TextField, useScreen } from '../ui.tsx';
import { loadAuthors } from './authorPicker.tsx';

/** Editors and admins: the author directory, each author a link to their record. */
export function AuthorList() {
  const heading = useScreen('Authors');
  const [authors, setAuthors] = useState<Author[]>();
  useEffect(() => {
    void loadAuthors(true).then(setAuthors);
  }, []);
  return (
    <section aria-labelledby="au-title">
      <h1 id="au-title" ref={heading} tabIndex={-1}>
        Authors
      </h1>
      <p>
        <Link href="/authors/new">New author</Link>
      </p>
      {!authors && <Loading what="the authors" />}
      {authors && authors.length === 0 && <p>No authors yet.</p>}
      {authors && authors.length > 0 && (
        <ul class="author-list">
          {authors.map((a) => (
            <li key={a.slug}>
              <Link href={`/authors/${a.slug}`}>{a.name}</Link>
              {a.title && <span class="hint"> · {a.title}</span>}
              {a.guest && <span class="hint"> · guest</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface AuthorFormState {
  slug: string;
  name: string;
  title: string;
  bio: string;
  photo: string | undefined;
  links: string;
  guest: boolean;
}

const EMPTY: AuthorFormState = {
  slug: '',
  name: '',
  title: '',
  bio: '',
  photo: undefined,
  links: '',
  guest: false,
};

/** Links as the form shows them: one a line, "Label https://...". */
const linksText = (a: Author) => a.links.map((l) => `${l.label} ${l.url}`).join('\n');
const linksOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const at = line.lastIndexOf(' ');
      return at < 0
        ? { label: line, url: line }
        : { label: line.slice(0, at).trim(), url: line.slice(at + 1) };
    });

/** One author: a new one (slug given once, for good), or an existing one's record to change. */
export function AuthorForm({ slug }: { slug?: string }) {
  const heading = useScreen(slug ? 'Edit author' : 'New author');
  const [form, setForm] = useState<AuthorFormState | undefined>(slug ? undefined : EMPTY);
  const [etag, setEtag] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();
  useEffect(() => {
    if (!slug) return;
    void (async () => {
      const result = await api.getAuthor(slug);
      if (!result.ok) return setProblem(result.problem);
      const a = result.data;
      setEtag(result.etag ?? `"${a.version}"`);
      setForm({ ...a, photo: a.photo?.mediaId, links: linksText(a) });
    })();
  }, [slug]);
  const update = (patch: Partial<AuthorFormState>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const errs = (path: string) => fieldErrors(problem, path, { prefix: true });

  const save = async (event: Event) => {
    event.preventDefault();
    if (!form) return;
    setNotice(undefined);
    const fields = {
      name: form.name.trim(),
      title: form.title.trim(),
      bio: form.bio.trim(),
      photo: form.photo ? { mediaId: form.photo } : null,
      links: linksOf(form.links),
      guest: form.guest,
    };
    const result =
      slug && etag
        ? await api.updateAuthor(slug, etag, fields)
        : await api.createAuthor({ slug: form.slug.trim(), ...fields });
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    void loadAuthors(true);
    if (!slug) return navigate(`/authors/${result.data.slug}`);
    setEtag(result.etag ?? `"${result.data.version}"`);
    setNotice('Author saved.');
  };

  return (
    <section aria-labelledby="af-title">
      <h1 id="af-title" ref={heading} tabIndex={-1}>
        {slug ? (form?.name ?? 'Author') : 'New author'}
      </h1>
      <p>
        <Link href="/authors">All authors</Link>
      </p>
      <Notice message={notice} />
      <ProblemBanner problem={problem} />
      {!form && !problem && <Loading what="the author" />}
      {form && (
        <form class="settings" onSubmit={save}>
          {slug ? (
            <p>
              Slug: <code>{slug}</code> (their page and feed address; it does not change)
            </p>
          ) : (
            <TextField
              id="af-slug"
              label="Slug"
              hint="Their page and feed address, e.g. maren-holloway: lowercase, set once for good"
              errors={errs('slug')}
              value={form.slug}
              onInput={(v) => update({ slug: v })}
            />
          )}
          <TextField
            id="af-name"
            label="Name"
            errors={errs('name')}
            value={form.name}
            onInput={(v) => update({ name: v })}
          />
          <TextField
            id="af-title-field"
            label="Title or role"
            hint="e.g. City hall reporter"
            errors={errs('title')}
            value={form.title}
            onInput={(v) => update({ title: v })}
          />
          <TextField
            id="af-bio"
            label="Short bio"
            multiline
            errors={errs('bio')}
            value={form.bio}
            onInput={(v) => update({ bio: v })}
          />
          <ImageChoice
            id="af-photo"
            label="Photo"
            hint="From the media library."
            mediaId={form.photo}
            errors={errs('photo')}
            onChange={(media) => update({ photo: media?.id })}
          />
          <TextField
            id="af-links"
            label="Links"
            hint="One a line: a label, a space, then an https address, e.g. Newsletter https://example.org/news"
            multiline
            errors={errs('links')}
            value={form.links}
            onInput={(v) => update({ links: v })}
          />
          <div class="check">
            <input
              type="checkbox"
              id="af-guest"
              checked={form.guest}
              onChange={(e) => update({ guest: e.currentTarget.checked })}
            />
            <label for="af-guest">Guest contributor</label>
          </div>
          <button type="submit" class="primary">
            Save author
          </button>
        </form>
      )}
    </section>
  );
}
