import { useEffect, useState } from 'preact/hooks';
import { StatusBadge, timeZone } from '../ui.tsx';
import type { SlotForm } from './arrangement.ts';
import { frontsApi } from './frontsApi.ts';
import { PinSearch, type StoryRef } from './pinSearch.tsx';

/** The records a rule picks from: sections and authors as they are, tags suggested as typed. */
export interface Records {
  sections: { slug: string; name: string; depth: number }[];
  authors: { slug: string; name: string }[];
}

export interface SlotActions {
  change: (patch: Partial<SlotForm>) => void;
  /** The story picked for the pin, so the editor can name it. */
  pinned: (story: StoryRef) => void;
}

/** One slot's fields: pinned story (search, expiry) or rule, the rule also a pin's fallback. */
export function SlotFields({
  slot,
  position,
  story,
  records,
  errors,
  actions,
}: {
  slot: SlotForm;
  position: string;
  story: StoryRef | undefined;
  records: Records;
  errors: string[];
  actions: SlotActions;
}) {
  const id = (what: string) => `slot-${slot.key}-${what}`;
  return (
    <>
      <fieldset class="slot-mode">
        <legend class="visually-hidden">What fills {position}</legend>
        <label class="check">
          <input
            type="radio"
            name={id('mode')}
            checked={slot.mode === 'pin'}
            onChange={() => actions.change({ mode: 'pin' })}
          />{' '}
          Pin a story
        </label>
        <label class="check">
          <input
            type="radio"
            name={id('mode')}
            checked={slot.mode === 'rule'}
            onChange={() => actions.change({ mode: 'rule' })}
          />{' '}
          Fill by a rule
        </label>
      </fieldset>
      {slot.mode === 'pin' && (
        <div class="slot-pin">
          {slot.pinId ? (
            <p class="pinned-story">
              <strong>{story?.title ?? slot.pinId}</strong>{' '}
              {story && (
                <>
                  <span class="hint">{story.section}</span> <StatusBadge status={story.status} />
                </>
              )}{' '}
              <button
                type="button"
                class="link-button"
                aria-label={`Unpin from ${position}`}
                onClick={() => actions.change({ pinId: '', until: '' })}
              >
                Unpin
              </button>
            </p>
          ) : (
            <PinSearch
              id={id('search')}
              onPick={(s) => {
                actions.pinned(s);
                actions.change({ pinId: s.id });
              }}
            />
          )}
          <div class="field">
            <label for={id('until')}>Pinned until (optional)</label>
            <p class="hint" id={id('until-hint')}>
              Your time zone, {timeZone()}. After it the slot shows its rule's story.
            </p>
            <input
              id={id('until')}
              type="datetime-local"
              value={slot.until}
              aria-describedby={id('until-hint')}
              onInput={(e) => actions.change({ until: e.currentTarget.value })}
            />
          </div>
        </div>
      )}
      <RuleFields slot={slot} id={id} records={records} change={actions.change} />
      {errors.length > 0 && (
        <p class="error" role="alert" id={id('error')}>
          {errors.join('; ')}
        </p>
      )}
    </>
  );
}

function RuleFields({
  slot,
  id,
  records,
  change,
}: {
  slot: SlotForm;
  id: (what: string) => string;
  records: Records;
  change: (patch: Partial<SlotForm>) => void;
}) {
  const [tags, setTags] = useState<string[]>([]);
  useEffect(() => {
    if (slot.ruleKind !== 'tag') return;
    let current = true;
    void frontsApi.tags(slot.ruleValue.trim()).then((r) => {
      if (current && r.ok) setTags(r.data.items.map((t) => t.slug));
    });
    return () => {
      current = false;
    };
  }, [slot.ruleKind, slot.ruleValue]);
  const choices =
    slot.ruleKind === 'section'
      ? records.sections.map((s) => ({ value: s.slug, label: `${'– '.repeat(s.depth - 1)}${s.name}` }))
      : records.authors.map((a) => ({ value: a.slug, label: a.name }));
  const known = choices.some((c) => c.value === slot.ruleValue);
  return (
    <div class="slot-rule">
      <div class="field">
        <label for={id('kind')}>{slot.mode === 'pin' ? 'Fallback rule' : 'Rule'}</label>
        <select
          id={id('kind')}
          value={slot.ruleKind}
          onChange={(e) => change({ ruleKind: e.currentTarget.value as SlotForm['ruleKind'], ruleValue: '' })}
        >
          <option value="">{slot.mode === 'pin' ? 'None: empty after the pin' : 'Choose…'}</option>
          <option value="section">Newest in a section</option>
          <option value="tag">Newest with a tag</option>
          <option value="author">Newest by an author</option>
        </select>
      </div>
      {slot.ruleKind === 'tag' && (
        <div class="field">
          <label for={id('value')}>Tag</label>
          <input
            id={id('value')}
            list={id('tags')}
            value={slot.ruleValue}
            autoComplete="off"
            onInput={(e) => change({ ruleValue: e.currentTarget.value })}
          />
          <datalist id={id('tags')}>
            {tags.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </div>
      )}
      {(slot.ruleKind === 'section' || slot.ruleKind === 'author') && (
        <div class="field">
          <label for={id('value')}>{slot.ruleKind === 'section' ? 'Section' : 'Author'}</label>
          <select
            id={id('value')}
            value={slot.ruleValue}
            onChange={(e) => change({ ruleValue: e.currentTarget.value })}
          >
            <option value="">Choose…</option>
            {!known && slot.ruleValue && <option value={slot.ruleValue}>{slot.ruleValue}</option>}
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
