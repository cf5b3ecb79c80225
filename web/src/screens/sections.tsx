import './taxonomy.css';
import { useEffect, useState } from 'preact/hooks';
import type { PublicSection } from '../taxonomyApi.ts';
import { Link, Loading, useScreen } from '../ui.tsx';
import { loadSections } from './sectionTree.ts';

/** Editors and admins: the section tree, each section a link to its record. */
export function SectionList() {
  const heading = useScreen('Sections');
  const [sections, setSections] = useState<PublicSection[]>();
  useEffect(() => {
    void loadSections(true).then(setSections);
  }, []);
  return (
    <section aria-labelledby="sec-title">
      <h1 id="sec-title" ref={heading} tabIndex={-1}>
        Sections
      </h1>
      <p>
        <Link href="/sections/new">New section</Link>
      </p>
      {!sections && <Loading what="the sections" />}
      {sections && sections.length === 0 && <p>No sections yet.</p>}
      {sections && sections.length > 0 && <Branch all={sections} parent={null} />}
    </section>
  );
}

/** One level of the tree as a list, each section's children nested under it. */
function Branch({ all, parent }: { all: readonly PublicSection[]; parent: string | null }) {
  const here = all.filter((s) => s.parent === parent);
  if (here.length === 0) return null;
  return (
    <ul class={parent ? 'section-tree' : 'section-tree section-tree-top'}>
      {here.map((s) => (
        <li key={s.slug}>
          <span class="section-entry">
            <Link href={`/sections/${s.slug}`}>{s.name}</Link> <code class="hint">{s.slug}</code>
            {s.defaultAccess && <span class="hint"> · {s.defaultAccess} by default</span>}
          </span>
          <Branch all={all} parent={s.slug} />
        </li>
      ))}
    </ul>
  );
}
