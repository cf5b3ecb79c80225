import { useEffect, useState } from 'preact/hooks';
import { type Author, api } from '../api.ts';
import { ImageChoice } from '../mediaPicker.tsx';
import { RecordForm } from '../ui/recordForm.tsx';
import { Link, Loading, TextField, useScreen } from '../ui.tsx';
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

const formOf = (a: Author): AuthorFormState => ({
  slug: a.slug,
  name: a.name,
  title: a.title,
  bio: a.bio,
  photo: a.photo?.mediaId,
  links: linksText(a),
  guest: a.guest,
});

/** What the API takes from the form, for a new author or a change (the slug is set once). */
function writeAuthor(form: AuthorFormState, current: { slug: string; etag: string } | undefined) {
  const fields = {
    name: form.name.trim(),
    title: form.title.trim(),
    bio: form.bio.trim(),
    photo: form.photo ? { mediaId: form.photo } : null,
    links: linksOf(form.links),
    guest: form.guest,
  };
  return current
    ? api.updateAuthor(current.slug, current.etag, fields)
    : api.createAuthor({ slug: form.slug.trim(), ...fields });
}

/**
 * One author: a new one (slug given once, for good), or an existing one's record to change. A save
 * leaves the fields as typed.
 */
export function AuthorForm({ slug }: { slug?: string }) {
  return (
    <RecordForm
      kind="author"
      slug={slug}
      listPath="/authors"
      headingId="af-title"
      empty={EMPTY}
      formOf={formOf}
      load={api.getAuthor}
      write={writeAuthor}
      saved={() => void loadAuthors(true)}
      showSaved={false}
      submitLabel="Save author"
    >
      {({ form, update, errs }) => (
        <>
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
        </>
      )}
    </RecordForm>
  );
}
