import { ARTICLE_LIMITS } from '../../../shared/schemas/facts.ts';
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

/** The article's fields but its body: headline, slug, standfirst, section, tags, byline, source, lead image. */
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
  return (
    <>
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
      <SlugField
        value={form.slug}
        onInput={(slug) => update({ slug })}
        addresses={slugAddresses}
        errors={errs('slug')}
      />
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
      <TagPicker
        value={form.tags}
        onChange={(tags) => update({ tags })}
        canCreate={canCreateTags}
        errors={errs('tags', true)}
      />
      <AccessField
        value={form.access}
        onChange={(access) => update({ access })}
        isNew={isNew}
        errors={errs('access')}
      />
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
      <AuthorPicker
        value={form.authors}
        onChange={(authors) => update({ authors })}
        errors={errs('authors', true)}
      />
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
        errors={errs('leadImage', true).filter((e) => !cropErrors.includes(e))}
        onChange={(media) =>
          // A new image keeps the article's choice of crops: they name ratios, not rectangles.
          update({
            leadImage: media ? { mediaId: media.id, ...(lead?.crops ? { crops: lead.crops } : {}) } : null,
          })
        }
      />
      {lead && (
        <PlacementCropsOnDemand lead={lead} onChange={(leadImage) => update({ leadImage })} errorsAt={errs} />
      )}
    </>
  );
}
