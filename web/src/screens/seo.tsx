import { ARTICLE_LIMITS } from '../../../shared/schemas/facts.ts';
import { ImageChoice } from '../mediaPicker.tsx';
import { TextField } from '../ui.tsx';
import type { SeoForm } from './seoForm.ts';

/** Search and sharing: meta title and description with the API's limits counted, canonical URL, social image. */
export function SeoFields({
  value,
  onChange,
  errors,
}: {
  value: SeoForm;
  onChange: (next: SeoForm) => void;
  /** The 422 messages for `seo.<field>` ('' for the object itself). */
  errors: (field: string) => string[];
}) {
  const set = (patch: Partial<SeoForm>) => onChange({ ...value, ...patch });
  return (
    <fieldset class="seo">
      <legend>Search and sharing</legend>
      <p class="hint">Optional. Left empty, the site uses the title and the standfirst.</p>
      {errors('').length > 0 && <p class="error">{errors('').join('; ')}</p>}
      <TextField
        id="seo-title"
        label="Meta title"
        hint="Shown in search results and the browser tab; search engines show about 60 characters."
        errors={errors('metaTitle')}
        count={{ length: value.metaTitle.trim().length, max: ARTICLE_LIMITS.metaTitle }}
        value={value.metaTitle}
        onInput={(metaTitle) => set({ metaTitle })}
      />
      <TextField
        id="seo-description"
        label="Meta description"
        hint="The summary under the link in search results and shares; about 160 characters show."
        errors={errors('metaDescription')}
        count={{ length: value.metaDescription.trim().length, max: ARTICLE_LIMITS.metaDescription }}
        multiline
        value={value.metaDescription}
        onInput={(metaDescription) => set({ metaDescription })}
      />
      <TextField
        id="seo-canonical"
        label="Canonical URL"
        hint="Only for a story first published elsewhere; https"
        errors={errors('canonicalUrl')}
        type="url"
        value={value.canonicalUrl}
        onInput={(canonicalUrl) => set({ canonicalUrl })}
      />
      <ImageChoice
        id="seo-image"
        label="Social image"
        hint="The picture shown when the article is shared."
        mediaId={value.socialImageId || undefined}
        errors={errors('socialImage.mediaId').concat(errors('socialImage'))}
        onChange={(media) => set({ socialImageId: media?.id ?? '' })}
      />
      {value.socialImageUrl && (
        <div class="field external-image">
          <p>
            An external social image is set: <code>{value.socialImageUrl}</code>
          </p>
          {errors('socialImageUrl').length > 0 && <p class="error">{errors('socialImageUrl').join('; ')}</p>}
          <button type="button" class="danger" onClick={() => set({ socialImageUrl: '' })}>
            Remove the external social image
          </button>
        </div>
      )}
      <div class="check">
        <input
          type="checkbox"
          id="seo-noindex"
          checked={value.noindex}
          onChange={(e) => set({ noindex: e.currentTarget.checked })}
        />
        <label for="seo-noindex">Ask search engines not to index this article</label>
      </div>
    </fieldset>
  );
}
