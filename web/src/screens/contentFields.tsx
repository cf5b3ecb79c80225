import { Fragment, type JSX } from 'preact';
import {
  ARTICLE_FIELDS,
  type ArticleFieldSpec,
  type BespokeFormKey,
  CONSOLE_ORDER,
  isTextField,
  type TextField,
  type TextFieldKey,
} from '../../../shared/schemas/articleFields.ts';
import type { Problem } from '../api.ts';
import { ImageChoice } from '../mediaPicker.tsx';
import { Field, fieldErrors } from '../ui.tsx';
import { AccessField } from './accessField.tsx';
import type { FormState } from './articleForm.ts';
import { AuthorPicker } from './authorPicker.tsx';
import { PlacementCropsOnDemand } from './placementCropsOnDemand.tsx';
import { SectionPicker } from './sectionPicker.tsx';
import { type SlugAddresses, SlugField } from './slugField.tsx';
import { TagPicker } from './tagPicker.tsx';

/**
 * The article's fields but its body and search fields, in the field table's console order: its
 * plain text fields as their entries say, the others with components of their own.
 */
export function ContentFields({
  form,
  update,
  problem,
  isNew,
  slugAddresses,
  canCreateTags = true,
}: {
  form: FormState;
  update: (patch: Partial<FormState>) => void;
  problem: Problem | undefined;
  /** A new article may leave its access to the section's default. */
  isNew: boolean;
  /** Where the article is published and redirects from (null: a new article). */
  slugAddresses: SlugAddresses | null;
  /** Authors and editors may coin tags (POST /v1/admin/tags); others pick existing ones. */
  canCreateTags?: boolean;
}) {
  const errs = (path: string, prefix = false) => fieldErrors(problem, path, { prefix });
  const lead = form.leadImage;
  const cropErrors = errs('leadImage.crops', true);
  // The fields with a component of their own; the plain text ones are the table's (TextControl).
  const bespoke: Record<BespokeFormKey, () => JSX.Element> = {
    slug: () => (
      <SlugField
        value={form.slug}
        onInput={(slug) => update({ slug })}
        addresses={slugAddresses}
        errors={errs('slug')}
      />
    ),
    section: () => (
      <Field id="a-section" label="Section" hint="Type to find one, e.g. transport" errors={errs('section')}>
        {(describedBy, invalid) => (
          <SectionPicker
            value={form.section}
            onChange={(section) => update({ section })}
            describedBy={describedBy}
            invalid={invalid}
          />
        )}
      </Field>
    ),
    tags: () => (
      <TagPicker
        value={form.tags}
        onChange={(tags) => update({ tags })}
        canCreate={canCreateTags}
        errors={errs('tags', true)}
      />
    ),
    access: () => (
      <AccessField
        value={form.access}
        onChange={(access) => update({ access })}
        isNew={isNew}
        errors={errs('access')}
      />
    ),
    authors: () => (
      <AuthorPicker
        value={form.authors}
        onChange={(authors) => update({ authors })}
        errors={errs('authors', true)}
      />
    ),
    source: () => (
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
    ),
    leadImage: () => (
      <>
        <ImageChoice
          id="a-lead"
          label="Lead image"
          hint="Shown at the top of the article and beside it in lists."
          mediaId={form.leadImage?.mediaId}
          errors={errs('leadImage', true).filter((e) => !cropErrors.includes(e))}
          onChange={(media) =>
            // A new image keeps the article's choice of crops: they name ratios, not rectangles.
            update({
              leadImage: media ? { mediaId: media.id, ...(lead?.crops ? { crops: lead.crops } : {}) } : null,
            })
          }
        />
        {lead && (
          <PlacementCropsOnDemand
            lead={lead}
            onChange={(leadImage) => update({ leadImage })}
            errorsAt={errs}
          />
        )}
      </>
    ),
  };
  return (
    <>
      {CONSOLE_ORDER.map((key) => {
        const spec: ArticleFieldSpec = ARTICLE_FIELDS[key];
        if (isTextField(spec)) {
          const name = key as TextFieldKey;
          return (
            <TextControl
              key={key}
              name={name}
              spec={spec}
              value={form[name]}
              onInput={(value) => update({ [name]: value })}
              errors={errs(name)}
            />
          );
        }
        // The body and the search fields have places of their own in the editor.
        return spec.form === 'bespoke' ? (
          <Fragment key={key}>{bespoke[key as BespokeFormKey]()}</Fragment>
        ) : null;
      })}
    </>
  );
}

/** A plain text field as its table entry says: an input or a textarea, with a character count or not. */
function TextControl({
  name,
  spec,
  value,
  onInput,
  errors,
}: {
  name: TextFieldKey;
  spec: TextField;
  value: string;
  onInput: (value: string) => void;
  errors: string[];
}) {
  const id = `a-${name}`;
  const { rows, counted, hint } = spec.form;
  return (
    <Field
      id={id}
      label={spec.label}
      hint={hint}
      errors={errors}
      count={counted ? { length: value.length, max: spec.limit } : undefined}
    >
      {(describedBy, invalid) => {
        const props = {
          id,
          value,
          'aria-describedby': describedBy,
          'aria-invalid': invalid || undefined,
          onInput: (e: { currentTarget: { value: string } }) => onInput(e.currentTarget.value),
        };
        return rows ? <textarea rows={rows} {...props} /> : <input required={spec.required} {...props} />;
      }}
    </Field>
  );
}
