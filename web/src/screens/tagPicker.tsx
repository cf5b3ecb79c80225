import { useEffect, useRef, useState } from 'preact/hooks';
import { type PublicTag, taxonomyApi } from '../taxonomyApi.ts';
import { Combobox, type ComboOption } from './combobox.tsx';

/** What is typed as the start of a slug: "Local El" looks for local-el… (the API's q is a slug). */
export const slugPrefix = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/** Tag names seen this page load, so a chip shows "Local elections" rather than its slug. */
const names = new Map<string, string>();
const CREATE = '\u0000create';

/**
 * The article's tags: chosen tags as chips (in order, each with a remove button; Backspace in the
 * empty input removes the last), and a typeahead over the tag records (GET /v1/tags?q=, a prefix
 * of the slug). A tag no record has is offered as "Create tag ‘x’" to those who may create tags,
 * otherwise explained as unknown.
 */
export function TagPicker({
  value,
  onChange,
  canCreate,
  errors,
}: {
  value: readonly string[];
  onChange: (slugs: string[]) => void;
  canCreate: boolean;
  errors: string[];
}) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ prefix: string; tags: PublicTag[] }>({ prefix: '', tags: [] });
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState('');
  const [, setNamed] = useState(0);
  // Chips of a saved article show the tags' names: read the ones not seen yet (a handful).
  useEffect(() => {
    const unnamed = value.filter((slug) => !names.has(slug));
    if (unnamed.length === 0) return;
    void Promise.all(
      unnamed.map(async (slug) => {
        const result = await taxonomyApi.publicTag(slug);
        if (result.ok) names.set(slug, result.data.name);
      }),
    ).then(() => setNamed((n) => n + 1));
  }, [value.join(',')]);
  const prefix = slugPrefix(text);
  const asked = useRef('');
  useEffect(() => {
    if (!prefix) return;
    asked.current = prefix;
    // A short pause, so a word typed quickly is one read rather than one a letter.
    const timer = setTimeout(async () => {
      const result = await taxonomyApi.listTags(prefix, undefined, 8);
      if (!result.ok || asked.current !== prefix) return;
      for (const t of result.data.items) names.set(t.slug, t.name);
      setFound({ prefix, tags: result.data.items });
    }, 150);
    return () => clearTimeout(timer);
  }, [prefix]);

  const add = (slug: string, name?: string, rest = '') => {
    if (name) names.set(slug, name);
    if (slug && !value.includes(slug)) onChange([...value, slug]);
    setText(rest);
    if (slug) setStatus(`Added tag ${name ?? names.get(slug) ?? slug}.`);
  };
  /**
   * Text not picked from the list is not dropped: a comma (typed or pasted) or leaving the field
   * adds what was typed as a slug, and the article's save creates the tag if it is new.
   */
  const commitTyped = (typed: string) => {
    const parts = typed.split(',');
    const rest = parts.pop() ?? '';
    const slugs = parts.map(slugPrefix).filter((t) => t && !value.includes(t));
    if (slugs.length) onChange([...value, ...new Set(slugs)]);
    setText(rest);
  };
  const remove = (slug: string) => {
    onChange(value.filter((s) => s !== slug));
    setStatus(`Removed tag ${names.get(slug) ?? slug}.`);
  };
  const create = async (slug: string) => {
    setFailure('');
    const result = await taxonomyApi.createTag({ slug });
    // 409: someone made it meanwhile, which is what was wanted.
    if (result.ok) add(slug, result.data.name);
    else if (result.problem.status === 409) add(slug);
    else setFailure(result.problem.errors?.map((e) => e.message).join('; ') ?? result.problem.title);
  };

  const matches = found.prefix === prefix && prefix ? found.tags.filter((t) => !value.includes(t.slug)) : [];
  const exists = found.prefix === prefix && found.tags.some((t) => t.slug === prefix);
  const unknown = prefix !== '' && found.prefix === prefix && !exists && !value.includes(prefix);
  const options: ComboOption[] = matches.map((t) => ({
    key: t.slug,
    label: (
      <>
        {t.name} <span class="hint">{t.slug}</span>
      </>
    ),
  }));
  if (unknown && canCreate) options.push({ key: CREATE, label: `Create tag ‘${prefix}’` });
  const describedBy = [
    'a-tags-hint',
    unknown && !canCreate ? 'a-tags-unknown' : '',
    errors.length || failure ? 'a-tags-error' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field tag-picker${errors.length || failure ? ' field-invalid' : ''}`}>
      <label for="a-tags">Tags</label>
      <p class="hint" id="a-tags-hint">
        Type to find a tag; Enter or Tab adds the highlighted one, a comma adds what you typed, Backspace
        removes the last.
      </p>
      {value.length > 0 && (
        <ul class="chips" aria-label="Chosen tag list">
          {value.map((slug) => (
            <li key={slug} class="chip">
              <span>{names.get(slug) ?? slug}</span>
              <button
                type="button"
                onClick={() => remove(slug)}
                aria-label={`Remove tag ${names.get(slug) ?? slug}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <Combobox
        id="a-tags"
        listLabel="Suggestions"
        options={options}
        text={text}
        onText={(next) => {
          setFailure('');
          if (next.includes(',')) commitTyped(next);
          else setText(next);
        }}
        onBlur={() => {
          if (canCreate && slugPrefix(text)) commitTyped(`${text},`);
        }}
        onPick={(key) => {
          if (key === CREATE) void create(prefix);
          else add(key, names.get(key));
        }}
        pickOnTab
        describedBy={describedBy}
        invalid={errors.length > 0 || failure !== ''}
        onKeyDown={(e) => {
          const last = value[value.length - 1];
          if (e.key === 'Backspace' && text === '' && last) {
            e.preventDefault();
            remove(last);
          }
        }}
      />
      {unknown && !canCreate && (
        <p class="hint" id="a-tags-unknown">
          There is no tag ‘{prefix}’. Only authors and editors can create tags: pick an existing one.
        </p>
      )}
      {(errors.length > 0 || failure) && (
        <p class="error" id="a-tags-error">
          {[...errors, failure].filter(Boolean).join('; ')}
        </p>
      )}
      <p class="visually-hidden" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
