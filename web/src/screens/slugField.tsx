import { Field } from '../ui.tsx';

/** What the article's addresses are now (docs/slugs.md); null for a new article. */
export interface SlugAddresses {
  /** The slug readers have (or had, while the story is dark); null before first publication. */
  liveSlug: string | null;
  /** Earlier slugs that answer 301 to the live one, newest first. */
  redirects: readonly { from: string; createdAt: string }[];
}

/**
 * The slug: the last part of the article's public address; empty on a new article means "derive
 * it from the title". The address readers' frontends fetch is shown as it will be. Once the story
 * has been live a change waits for the edit's publication, and the old address then redirects to
 * the new one: the editor is told so before saving, and sees every address that redirects.
 */
export function SlugField({
  value,
  onInput,
  addresses,
  errors,
}: {
  value: string;
  onInput: (value: string) => void;
  addresses: SlugAddresses | null;
  errors: string[];
}) {
  const origin = window.location.origin;
  const address = `${origin}/v1/articles/${value.trim() || '…'}`;
  const live = addresses?.liveSlug ?? null;
  const moving = live !== null && value.trim() !== '' && value.trim() !== live;
  return (
    <Field
      id="a-slug"
      label="Slug"
      hint={
        live === null
          ? 'Lowercase letters, digits and single hyphens. Leave empty on a new article to derive it from the title.'
          : 'This story has been published. You may change its slug: the new address takes effect when the edit is published, and the old one then redirects (301) to it for good.'
      }
      errors={errors}
    >
      {(describedBy, invalid) => (
        <>
          <input
            id="a-slug"
            value={value}
            spellcheck={false}
            autocapitalize="off"
            aria-describedby={[describedBy, 'a-slug-url'].filter(Boolean).join(' ')}
            aria-invalid={invalid || undefined}
            onInput={(e) => onInput(e.currentTarget.value.toLowerCase())}
          />
          <p class="hint slug-url" id="a-slug-url">
            Readers get it at <code>{address}</code>
          </p>
          {moving && (
            <p class="hint slug-move" role="note">
              Until this edit is published readers keep <code>{`${origin}/v1/articles/${live}`}</code>; from
              then on it redirects to the new address.
            </p>
          )}
          {addresses && addresses.redirects.length > 0 && (
            <div class="slug-redirects">
              <p class="hint">Earlier addresses that redirect to this story:</p>
              <ul aria-label="Redirects">
                {addresses.redirects.map((r) => (
                  <li key={r.from}>
                    <code>{`/v1/articles/${r.from}`}</code> since {new Date(r.createdAt).toLocaleString()}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </Field>
  );
}
