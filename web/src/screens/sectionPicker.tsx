import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PublicSection } from '../taxonomyApi.ts';
import { Combobox, type ComboOption, fold } from './combobox.tsx';
import { loadSections, pathLabel } from './sectionTree.ts';

/**
 * The article's section: a typeahead over the section records, each shown by its path ("City ›
 * Transport") and saved as its slug. Text that names no section is kept as typed, so the API's 422
 * says which (and the field shows it); without the tree (a failed read) a typed slug still works.
 */
export function SectionPicker({
  value,
  onChange,
  describedBy,
  invalid,
}: {
  value: string;
  onChange: (slug: string) => void;
  describedBy: string | undefined;
  invalid: boolean;
}) {
  const [sections, setSections] = useState<PublicSection[]>([]);
  useEffect(() => {
    void loadSections().then(setSections);
  }, []);
  const bySlug = useMemo(() => new Map(sections.map((s) => [s.slug, s])), [sections]);
  const labelOf = (slug: string) => {
    const s = bySlug.get(slug);
    return s ? pathLabel(s, bySlug) : slug;
  };
  /** The slug the text names: a slug, a path or a name typed in full, else the text itself. */
  const resolve = (text: string) => {
    const t = fold(text.trim());
    const hit = sections.find((s) => s.slug === t || fold(pathLabel(s, bySlug)) === t || fold(s.name) === t);
    return hit?.slug ?? text.trim();
  };
  const [text, setText] = useState(() => labelOf(value));
  // The form changed the value (an article read, restored or saved): show it, unless it is what
  // the text already names (the user is typing).
  useEffect(() => {
    if (resolve(text) !== value) setText(labelOf(value));
  }, [value]);
  // The tree arrived after the value: the bare slug shown meanwhile becomes its path. Decided on
  // the text as it is now: Preact may run this as late as the next render, after a letter typed
  // meanwhile, and setting this render's text then threw that letter away.
  useEffect(() => {
    setText((now) => (value !== '' && now.trim() === value ? labelOf(value) : now));
  }, [sections]);

  const typed = fold(text.trim());
  const chosen = bySlug.get(value);
  // The text as picked shows every section (ArrowDown browses the tree); typing narrows it.
  const showAll = typed === '' || (chosen !== undefined && typed === fold(labelOf(value)));
  const options: ComboOption[] = sections
    .filter((s) => showAll || fold(pathLabel(s, bySlug)).includes(typed) || s.slug.includes(typed))
    .map((s) => ({
      key: s.slug,
      label: (
        <>
          {pathLabel(s, bySlug)}
          {s.defaultAccess && <span class="hint"> · {s.defaultAccess} by default</span>}
        </>
      ),
    }));
  return (
    <Combobox
      id="a-section"
      listLabel="Suggestions"
      options={options}
      text={text}
      onText={(next) => {
        setText(next);
        onChange(resolve(next));
      }}
      onPick={(slug) => {
        setText(labelOf(slug));
        onChange(slug);
      }}
      pickOnTab
      describedBy={describedBy}
      invalid={invalid}
    />
  );
}
