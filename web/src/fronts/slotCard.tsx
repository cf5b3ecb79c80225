import type { SlotForm } from './arrangement.ts';
import type { StoryRef } from './pinSearch.tsx';
import { type Records, type SlotActions, SlotFields } from './slotEditor.tsx';
import { SlotSummary } from './slotSummary.tsx';

export interface SlotCardActions extends SlotActions {
  /** One place up (-1) or down (1) in its zone. */
  move: (delta: -1 | 1) => void;
  remove: () => void;
  dragStart: () => void;
  dragEnd: () => void;
  /** Something dragged was dropped here; true when it was a slot (it takes this slot's place). */
  drop: () => boolean;
  canDrop: () => boolean;
}

/**
 * One slot as a card: a summary row (its number, which is the drag handle; what fills it, which is
 * the button that opens or folds its editor; its Move buttons) and, when open, its full editor.
 * Folded, a front of many slots reads at a glance on a phone; the row keeps every way to move it.
 */
export function SlotCard({
  slot,
  index,
  zoneName,
  removable,
  story,
  records,
  errors,
  actions,
}: {
  slot: SlotForm;
  index: number;
  zoneName: string;
  removable: boolean;
  story: StoryRef | undefined;
  records: Records;
  errors: string[];
  actions: SlotCardActions;
}) {
  const position = `slot ${index + 1} of zone ${zoneName}`;
  const id = (what: string) => `slot-${slot.key}-${what}`;
  const failed = errors.length > 0;
  return (
    <li
      class={`slot${slot.open ? ' slot-open' : ''}`}
      data-slot={slot.key}
      onKeyDown={(e) => {
        if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
        if ((e.target as Element).tagName === 'SELECT') return;
        e.preventDefault();
        actions.move(e.key === 'ArrowUp' ? -1 : 1);
      }}
      onDragOver={(e) => {
        if (actions.canDrop()) e.preventDefault();
      }}
      onDrop={(e) => {
        if (actions.drop()) e.preventDefault();
      }}
    >
      <fieldset class="slot-card" aria-labelledby={id('handle')}>
        <div class="slot-row">
          <button
            type="button"
            id={id('handle')}
            class="slot-handle"
            draggable
            aria-describedby="slot-keys"
            onDragStart={(e) => {
              actions.dragStart();
              e.dataTransfer?.setData('text/plain', slot.key);
            }}
            onDragEnd={actions.dragEnd}
          >
            <span aria-hidden="true">⠿</span>
            {/* "Slot" is heard, not shown on a phone: the number alone leaves the summary room. */}
            <span class="visually-hidden-narrow">Slot </span>
            {index + 1}
          </button>
          <button
            type="button"
            id={id('toggle')}
            class="slot-summary"
            aria-expanded={slot.open}
            {...(slot.open ? { 'aria-controls': id('fields') } : {})}
            {...(slot.open && failed ? { 'aria-describedby': id('error') } : {})}
            onClick={() => actions.change({ open: !slot.open })}
          >
            <span class="slot-chevron" aria-hidden="true">
              {slot.open ? '▾' : '▸'}
            </span>
            <SlotSummary slot={slot} story={story} records={records} failed={failed} />
          </button>
          <span class="slot-moves">
            <button
              type="button"
              aria-label={`Move ${position} up`}
              title="Move up (Alt+ArrowUp)"
              onClick={() => actions.move(-1)}
            >
              <span aria-hidden="true">↑</span>
            </button>
            <button
              type="button"
              aria-label={`Move ${position} down`}
              title="Move down (Alt+ArrowDown)"
              onClick={() => actions.move(1)}
            >
              <span aria-hidden="true">↓</span>
            </button>
          </span>
        </div>
        {slot.open && (
          <div class="slot-fields" id={id('fields')}>
            <SlotFields
              slot={slot}
              position={position}
              story={story}
              records={records}
              errors={errors}
              actions={actions}
            />
            <div class="slot-tools">
              <button
                type="button"
                aria-label={`Remove ${position}`}
                disabled={!removable}
                onClick={actions.remove}
              >
                Remove
              </button>
            </div>
          </div>
        )}
      </fieldset>
    </li>
  );
}
