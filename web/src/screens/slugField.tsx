import { Field } from '../ui.tsx';

/**
 * The slug: the last part of the article's public address. Editable until the article first goes
 * live (then its URL must keep working, so it is shown, not edited); empty on a new article means
 * "derive it from the title". The address readers' frontends fetch is shown as it will be.
 */
export function SlugField({
  value,
  onInput,
  frozen,
  errors,
}: {
  value: string;
  onInput: (value: string) => void;
  /** The article has been live: its slug no longer changes. */
  frozen: boolean;
  errors: string[];
}) {
  const address = `${window.location.origin}/v1/articles/${value.trim() || '…'}`;
  return (
    <Field
      id="a-slug"
      label="Slug"
      hint={
        frozen
          ? 'Fixed: this article has been published, and its address must keep working.'
          : 'Lowercase letters, digits and single hyphens. Leave empty on a new article to derive it from the title.'
      }
      errors={errors}
    >
      {(describedBy, invalid) => (
        <>
          <input
            id="a-slug"
            value={value}
            readOnly={frozen}
            spellcheck={false}
            autocapitalize="off"
            aria-describedby={[describedBy, 'a-slug-url'].filter(Boolean).join(' ')}
            aria-invalid={invalid || undefined}
            onInput={(e) => onInput(e.currentTarget.value.toLowerCase())}
          />
          <p class="hint slug-url" id="a-slug-url">
            Readers get it at <code>{address}</code>
          </p>
        </>
      )}
    </Field>
  );
}
