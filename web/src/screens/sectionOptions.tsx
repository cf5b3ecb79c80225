import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.ts';

type SectionOption = { slug: string; name: string; depth: number };

/**
 * The sections the article form offers while typing: a native datalist (the browser's own
 * typeahead, keyboard and screen-reader support), read once per form. Without it (offline, or
 * the read failed) the field still takes a typed slug, and the API names an unknown one.
 */
export function SectionOptions({ id }: { id: string }) {
  const [sections, setSections] = useState<SectionOption[]>([]);
  useEffect(() => {
    let live = true;
    void api.listSections().then((result) => {
      if (live && result.ok) setSections(result.data.items);
    });
    return () => {
      live = false;
    };
  }, []);
  return (
    <datalist id={id}>
      {sections.map((s) => (
        <option key={s.slug} value={s.slug}>
          {`${'– '.repeat(s.depth - 1)}${s.name}`}
        </option>
      ))}
    </datalist>
  );
}
