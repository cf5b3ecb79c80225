import { useEffect, useRef } from 'preact/hooks';
import type { Problem } from '../api.ts';
import { fieldErrors } from '../ui.tsx';
import {
  emptySlot,
  type FrontForm,
  moveSlot,
  moveSlotTo,
  type SlotForm,
  setOpen,
  type ZoneForm,
} from './arrangement.ts';
import type { StoryRef } from './pinSearch.tsx';
import { SlotCard } from './slotCard.tsx';
import type { Records } from './slotEditor.tsx';

const LIMITS = { slotsPerZone: 20, slots: 40 };

/**
 * A front's zones and their slots, in order. A slot moves by drag (its handle), by its Move up and
 * Move down buttons, or by Alt+ArrowUp/ArrowDown from any of its controls; focus stays on what
 * the editor was using, in the slot's new place, and the move is announced.
 */
export function ZonesEditor({
  form,
  update,
  stories,
  records,
  problem,
  announce,
  pinned,
}: {
  form: FrontForm;
  update: (next: (form: FrontForm) => FrontForm) => void;
  stories: ReadonlyMap<string, StoryRef>;
  records: Records;
  problem: Problem | undefined;
  announce: (message: string) => void;
  pinned: (story: StoryRef) => void;
}) {
  const refocus = useRef<{ element: Element | null; key: string } | undefined>(undefined);
  const dragging = useRef<{ zone: string; slot: string } | undefined>(undefined);
  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted) return;
    refocus.current = undefined;
    const { element, key } = wanted;
    if (element instanceof HTMLElement && element.isConnected) element.focus();
    else document.getElementById(`slot-${key}-handle`)?.focus();
  });
  // A 422 that names slots: they open, to show their errors, and focus goes to the first one's row.
  useEffect(() => {
    const named = form.zones.flatMap((zone, z) =>
      zone.slots
        .filter((_, s) => fieldErrors(problem, `zones.${z}.slots.${s}`, { prefix: true }).length > 0)
        .map((slot) => slot.key),
    );
    const first = named[0];
    if (!first) return;
    refocus.current = { element: document.getElementById(`slot-${first}-toggle`), key: first };
    update((f) => setOpen(f, true, named));
  }, [problem]);
  const total = form.zones.reduce((n, z) => n + z.slots.length, 0);
  const allOpen = form.zones.every((z) => z.slots.every((s) => s.open));

  const move = (zone: ZoneForm, slot: SlotForm, delta: number) => {
    const from = zone.slots.indexOf(slot);
    const to = from + delta;
    refocus.current = { element: document.activeElement, key: slot.key };
    if (to < 0 || to >= zone.slots.length) {
      announce(`Slot ${from + 1} is already ${to < 0 ? 'first' : 'last'} in zone ${zone.name}.`);
      return;
    }
    update((f) => moveSlot(f, zone.key, slot.key, delta));
    announce(`Slot moved to position ${to + 1} of ${zone.slots.length} in zone ${zone.name}.`);
  };
  const changeSlot = (zoneKey: string, slotKey: string, patch: Partial<SlotForm>) =>
    changeZone(zoneKey, (zn) => ({
      ...zn,
      slots: zn.slots.map((x) => (x.key === slotKey ? { ...x, ...patch } : x)),
    }));
  const changeZone = (key: string, change: (zone: ZoneForm) => ZoneForm | undefined) =>
    update((f) => ({
      ...f,
      zones: f.zones.flatMap((z) => {
        if (z.key !== key) return [z];
        const next = change(z);
        return next ? [next] : [];
      }),
    }));

  return (
    <div class="zones">
      {fieldErrors(problem, 'zones').length > 0 && (
        <p class="error">{fieldErrors(problem, 'zones').join('; ')}</p>
      )}
      <p class="hint">
        {/* The handles' description: how to move a slot, without the button that follows. */}
        <span id="slot-keys">
          Move a slot with Alt+ArrowUp and Alt+ArrowDown, its ↑ ↓ buttons, or by dragging its number.
        </span>{' '}
        {total} of {LIMITS.slots} slots.{' '}
        <button type="button" class="link-button" onClick={() => update((f) => setOpen(f, !allOpen))}>
          {allOpen ? 'Fold all slots' : 'Open all slots'}
        </button>
      </p>
      {form.zones.map((zone, z) => (
        <section class="zone" key={zone.key} aria-labelledby={`zone-${zone.key}-title`}>
          <div class="zone-head">
            <h3 id={`zone-${zone.key}-title`}>
              Zone {z + 1}: {zone.name || '(unnamed)'}
            </h3>
            <button
              type="button"
              class="danger-link link-button"
              onClick={() => {
                changeZone(zone.key, () => undefined);
                announce(`Zone ${zone.name} removed.`);
              }}
            >
              Remove zone {zone.name}
            </button>
          </div>
          <div class="field">
            <label for={`zone-${zone.key}-name`}>Zone name</label>
            <input
              id={`zone-${zone.key}-name`}
              value={zone.name}
              autoComplete="off"
              aria-describedby={`zone-${zone.key}-name-error`}
              onInput={(e) => {
                const name = e.currentTarget.value;
                changeZone(zone.key, (zn) => ({ ...zn, name }));
              }}
            />
            <p class="error" id={`zone-${zone.key}-name-error`}>
              {[`zones.${z}.name`, `zones.${z}.slots`, `zones.${z}`]
                .flatMap((path) => fieldErrors(problem, path))
                .join('; ')}
            </p>
          </div>
          <ol class="slots">
            {zone.slots.map((slot, s) => (
              <SlotCard
                key={slot.key}
                slot={slot}
                index={s}
                zoneName={zone.name}
                removable={zone.slots.length > 1}
                story={stories.get(slot.pinId)}
                records={records}
                errors={fieldErrors(problem, `zones.${z}.slots.${s}`, { prefix: true })}
                actions={{
                  change: (patch) => changeSlot(zone.key, slot.key, patch),
                  pinned,
                  move: (delta) => move(zone, slot, delta),
                  remove: () => {
                    changeZone(zone.key, (zn) => ({
                      ...zn,
                      slots: zn.slots.filter((x) => x.key !== slot.key),
                    }));
                    announce(`Slot ${s + 1} removed from zone ${zone.name}.`);
                  },
                  dragStart: () => {
                    dragging.current = { zone: zone.key, slot: slot.key };
                  },
                  dragEnd: () => {
                    dragging.current = undefined;
                  },
                  canDrop: () => dragging.current !== undefined,
                  drop: () => {
                    const from = dragging.current;
                    dragging.current = undefined;
                    if (!from) return false;
                    refocus.current = { element: null, key: from.slot };
                    update((f) => moveSlotTo(f, from.zone, from.slot, zone.key, s));
                    announce(`Slot moved to position ${s + 1} in zone ${zone.name}.`);
                    return true;
                  },
                }}
              />
            ))}
          </ol>
          <button
            type="button"
            disabled={zone.slots.length >= LIMITS.slotsPerZone || total >= LIMITS.slots}
            onClick={() => {
              const slot = emptySlot();
              refocus.current = { element: null, key: slot.key };
              changeZone(zone.key, (zn) => ({ ...zn, slots: [...zn.slots, slot] }));
            }}
          >
            Add a slot to {zone.name || `zone ${z + 1}`}
          </button>
        </section>
      ))}
    </div>
  );
}
