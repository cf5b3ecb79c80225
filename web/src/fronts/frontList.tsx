import './fronts.css';
import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../api.ts';
import { navigate } from '../router.ts';
import { formatDate, Link, Loading, ProblemBanner, useScreen } from '../ui.tsx';
import { type Front, frontsApi } from './frontsApi.ts';
import { changedSincePublish } from './publishPanel.tsx';

type Section = { slug: string; name: string; depth: number };

/** Every front with its state, and a new one: the home page or a section's. */
export function FrontList() {
  const heading = useScreen('Fronts');
  const [fronts, setFronts] = useState<Front[]>();
  const [sections, setSections] = useState<Section[]>([]);
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    void frontsApi.list().then((r) => (r.ok ? setFronts(r.data.items) : setProblem(r.problem)));
    void api.listSections().then((r) => r.ok && setSections(r.data.items));
  }, []);
  return (
    <section aria-labelledby="fl-title" class="front-list">
      <h1 id="fl-title" ref={heading} tabIndex={-1}>
        Fronts
      </h1>
      <ProblemBanner problem={problem} />
      {!fronts && !problem && <Loading what="the fronts" />}
      {fronts && fronts.length === 0 && <p>No fronts yet: create the home front below.</p>}
      {fronts && fronts.length > 0 && (
        <ul class="fronts">
          {fronts.map((f) => (
            <li key={f.name}>
              <Link href={`/fronts/${f.name}`}>{f.title}</Link> <span class="hint">({f.name})</span>
              <p class="meta">
                {f.publishedRevision
                  ? `Published ${formatDate(f.publishedAt)} (revision ${f.publishedRevision})`
                  : 'Never published'}
                {f.publishedRevision !== null && changedSincePublish(f) ? ' · draft changed since' : ''}
                {f.scheduledFor ? ` · scheduled for ${formatDate(f.scheduledFor)}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      {fronts && <NewFront taken={new Set(fronts.map((f) => f.name))} sections={sections} />}
    </section>
  );
}

function NewFront({ taken, sections }: { taken: ReadonlySet<string>; sections: Section[] }) {
  const choices = [{ slug: 'home', name: 'Home', depth: 1 }, ...sections].filter((s) => !taken.has(s.slug));
  const [name, setName] = useState('');
  const [rule, setRule] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const chosen = name || choices[0]?.slug || '';
  const first = rule || (chosen !== 'home' ? chosen : (sections[0]?.slug ?? ''));
  const create = async (event: Event) => {
    event.preventDefault();
    const title = choices.find((c) => c.slug === chosen)?.name ?? chosen;
    const r = await frontsApi.create({
      name: chosen,
      title,
      zones: [{ name: 'top', slots: [{ rule: { kind: 'section', value: first } }] }],
    });
    if (!r.ok) return setProblem(r.problem);
    navigate(`/fronts/${r.data.name}`);
  };
  if (choices.length === 0) return <p>Every section has a front.</p>;
  return (
    <form class="new-front" onSubmit={(e) => void create(e)} aria-labelledby="nf-title">
      <h2 id="nf-title">New front</h2>
      <ProblemBanner problem={problem} />
      <div class="field">
        <label for="nf-name">Front for</label>
        <select id="nf-name" value={chosen} onChange={(e) => setName(e.currentTarget.value)}>
          {choices.map((c) => (
            <option key={c.slug} value={c.slug}>
              {`${'– '.repeat(c.depth - 1)}${c.name}`}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="nf-rule">First slot: the newest story in</label>
        <p class="hint" id="nf-rule-hint">
          A front starts with one zone, “top”, and one slot; arrange the rest in the editor.
        </p>
        <select
          id="nf-rule"
          value={first}
          aria-describedby="nf-rule-hint"
          onChange={(e) => setRule(e.currentTarget.value)}
        >
          {sections.map((s) => (
            <option key={s.slug} value={s.slug}>
              {`${'– '.repeat(s.depth - 1)}${s.name}`}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" class="primary">
        Create front
      </button>
    </form>
  );
}
