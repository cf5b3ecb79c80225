import { formatDate, STATUS_LABELS } from '../ui.tsx';
import { isoFromLocal, type SlotForm } from './arrangement.ts';
import type { StoryRef } from './pinSearch.tsx';
import type { Records } from './slotEditor.tsx';

/** A slot's rule in words, as an editor would say it: "Newest in City", "Newest by Ada Lovelace". */
export function ruleInWords(slot: Pick<SlotForm, 'ruleKind' | 'ruleValue'>, records: Records): string {
  const value = slot.ruleValue.trim();
  switch (slot.ruleKind) {
    case 'section':
      return value
        ? `Newest in ${records.sections.find((s) => s.slug === value)?.name ?? value}`
        : 'Newest in a section (choose one)';
    case 'tag':
      return value ? `Newest tagged ${value}` : 'Newest with a tag (choose one)';
    case 'author':
      return value
        ? `Newest by ${records.authors.find((a) => a.slug === value)?.name ?? value}`
        : 'Newest by an author (choose one)';
    default:
      return '';
  }
}

/**
 * What fills a slot, in one line and a few badges: the pinned story's headline (with its expiry
 * or a warning that it is not live, and then the fallback the front would show) or the rule in
 * words. The content of the slot's disclosure button, so it is also what a screen reader hears.
 */
export function SlotSummary({
  slot,
  story,
  records,
  failed,
  now = Date.now(),
}: {
  slot: SlotForm;
  story: StoryRef | undefined;
  records: Records;
  failed: boolean;
  now?: number;
}) {
  const rule = ruleInWords(slot, records);
  const pinned = slot.mode === 'pin';
  const until = pinned && slot.pinId ? isoFromLocal(slot.until) : undefined;
  const expired = until !== undefined && Date.parse(until) <= now;
  const notLive = pinned && story !== undefined && story.status !== 'published';
  const what = pinned
    ? slot.pinId
      ? (story?.title ?? 'Pinned story')
      : 'Pin: no story chosen yet'
    : rule || 'Empty: choose a rule';
  return (
    <span class="slot-summary-text">
      <span class={`slot-what${pinned && slot.pinId ? ' slot-what-pin' : ''}`}>{what}</span>
      {(until || notLive || failed) && (
        <span class="slot-badges">
          {failed && <span class="badge badge-error">Needs a fix</span>}
          {notLive && story && <span class="badge badge-warn">Not live: {STATUS_LABELS[story.status]}</span>}
          {until && (
            <span class={`badge ${expired ? 'badge-warn' : 'badge-until'}`}>
              {expired ? 'Expired' : 'Until'} {formatDate(until)}
            </span>
          )}
          {(until || notLive) && <span class="slot-fallback">then {rule || 'empty'}</span>}
        </span>
      )}
    </span>
  );
}
