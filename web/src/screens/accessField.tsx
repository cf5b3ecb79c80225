import type { Article } from '../api.ts';
import { Field } from '../ui.tsx';

export type Access = Article['access'];

/** How the console names each access level, on the form and in the article list. */
export const ACCESS_LABELS: Record<Access, string> = {
  free: 'Free',
  registered: 'Registered readers',
  subscribers: 'Subscribers',
};

/**
 * Who may read the story on the site. '' is a new article's "the section's default", resolved by
 * the API when it is created and stored from then on (docs/access.md).
 */
export function AccessField({
  value,
  onChange,
  isNew,
  errors,
}: {
  value: Access | '';
  onChange: (access: Access | '') => void;
  isNew: boolean;
  errors: string[];
}) {
  return (
    <Field
      id="a-access"
      label="Access"
      hint="Who may read it on the site. The CMS labels it for lists, feeds and search engines; your site enforces it. Feeds carry only the summary of a registered or subscribers story."
      errors={errors}
    >
      {(describedBy, invalid) => (
        <select
          id="a-access"
          value={value}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onChange={(e) => onChange(e.currentTarget.value as Access | '')}
        >
          {isNew && <option value="">The section's default</option>}
          {Object.entries(ACCESS_LABELS).map(([level, label]) => (
            <option key={level} value={level}>
              {label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A small label in lists: nothing for a free story, the level for one behind a sign-in or paywall. */
export function AccessBadge({ access }: { access: Access }) {
  if (access === 'free') return null;
  return <span class="badge badge-access">{ACCESS_LABELS[access]}</span>;
}
