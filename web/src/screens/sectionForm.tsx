import { useEffect, useState } from 'preact/hooks';
import { ACCESS_LEVELS } from '../../../shared/taxonomy/facts.ts';
import { type PublicSection, type Section, taxonomyApi } from '../taxonomyApi.ts';
import { RecordForm } from '../ui/recordForm.tsx';
import { Field, TextField } from '../ui.tsx';
import { loadSections, pathLabel } from './sectionTree.ts';
import { renameNote } from './taxonomyParts.tsx';

interface SectionFormState {
  slug: string;
  name: string;
  description: string;
  parent: string;
  seoTitle: string;
  seoDescription: string;
  defaultAccess: string;
}
const EMPTY: SectionFormState = {
  slug: '',
  name: '',
  description: '',
  parent: '',
  seoTitle: '',
  seoDescription: '',
  defaultAccess: '',
};
const formOf = (s: Section): SectionFormState => ({
  slug: s.slug,
  name: s.name,
  description: s.description,
  parent: s.parent ?? '',
  seoTitle: s.seo.title,
  seoDescription: s.seo.description,
  defaultAccess: s.defaultAccess ?? '',
});

/** What the API takes from the form, for a new section or a change (a new slug renames it). */
function writeSection(form: SectionFormState, current: { slug: string; etag: string } | undefined) {
  const fields = {
    name: form.name.trim(),
    description: form.description.trim(),
    parent: form.parent || null,
    seo: { title: form.seoTitle.trim(), description: form.seoDescription.trim() },
    defaultAccess: (form.defaultAccess || null) as Section['defaultAccess'],
  };
  const newSlug = form.slug.trim();
  return current
    ? taxonomyApi.updateSection(current.slug, current.etag, {
        ...(newSlug !== current.slug ? { slug: newSlug } : {}),
        ...fields,
      })
    : taxonomyApi.createSection({ slug: newSlug, ...fields });
}

/** A new section, or an existing one to change, rename (its old slug answers 301) or delete. */
export function SectionForm({ slug }: { slug?: string }) {
  const [tree, setTree] = useState<PublicSection[]>([]);
  useEffect(() => {
    void loadSections(true).then(setTree);
  }, [slug]);
  const bySlug = new Map(tree.map((s) => [s.slug, s]));
  // A section cannot hang below itself or its own descendants: those are not offered.
  const parents = tree.filter((s) => !slug || !s.path.includes(slug));

  return (
    <RecordForm
      kind="section"
      slug={slug}
      listPath="/sections"
      headingId="sf-title"
      empty={EMPTY}
      formOf={formOf}
      load={taxonomyApi.getSection}
      write={writeSection}
      saved={() => void loadSections(true).then(setTree)}
      remove={taxonomyApi.deleteSection}
      removed={() => void loadSections(true)}
    >
      {({ form, update, errs }) => (
        <>
          <TextField
            id="sf-name"
            label="Name"
            errors={errs('name')}
            value={form.name}
            onInput={(v) => update({ name: v })}
          />
          <TextField
            id="sf-slug"
            label="Slug"
            hint={
              slug
                ? renameNote('section', slug)
                : 'Its address, e.g. city-hall: lowercase letters, digits and hyphens'
            }
            errors={errs('slug')}
            value={form.slug}
            onInput={(v) => update({ slug: v })}
          />
          <Field
            id="sf-parent"
            label="Parent"
            hint="Sections form a tree at most three levels deep"
            errors={errs('parent')}
          >
            {(describedBy, invalid) => (
              <select
                id="sf-parent"
                value={form.parent}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(e) => update({ parent: e.currentTarget.value })}
              >
                <option value="">None (a top-level section)</option>
                {parents.map((s) => (
                  <option key={s.slug} value={s.slug}>
                    {pathLabel(s, bySlug)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TextField
            id="sf-description"
            label="Description"
            multiline
            errors={errs('description')}
            value={form.description}
            onInput={(v) => update({ description: v })}
          />
          <Field
            id="sf-access"
            label="Default access"
            hint="What a new story in this section gets unless it says otherwise"
            errors={errs('defaultAccess')}
          >
            {(describedBy, invalid) => (
              <select
                id="sf-access"
                value={form.defaultAccess}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onChange={(e) => update({ defaultAccess: e.currentTarget.value })}
              >
                <option value="">None set (free)</option>
                {ACCESS_LEVELS.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <fieldset class="seo">
            <legend>Search engines</legend>
            <TextField
              id="sf-seo-title"
              label="Search title"
              hint="Empty: the name"
              errors={errs('seo.title')}
              value={form.seoTitle}
              onInput={(v) => update({ seoTitle: v })}
            />
            <TextField
              id="sf-seo-description"
              label="Search description"
              multiline
              rows={2}
              errors={errs('seo.description')}
              value={form.seoDescription}
              onInput={(v) => update({ seoDescription: v })}
            />
          </fieldset>
        </>
      )}
    </RecordForm>
  );
}
