import { useEffect, useRef } from 'preact/hooks';
import type { Problem } from '../api.ts';
import { fieldErrors } from '../ui.tsx';
import {
  emptySlot,
  type FrontForm,
  moveSlot,
  moveSlotTo,
  type SlotForm,
  type ZoneForm,
} from './arrangement.ts';
import type { StoryRef } from './pinSearch.tsx';
import { type Records, SlotFields } from './slotEditor.tsx';

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
  const total = form.zones.reduce((n, z) => n + z.slots.length, 0);

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
      <p class="hint" id="slot-keys">
        Move a slot with Alt+ArrowUp and Alt+ArrowDown, its Move buttons, or by dragging its handle. {total}{' '}
        of {LIMITS.slots} slots.
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
            {zone.slots.map((slot, s) => {
              const position = `slot ${s + 1} of zone ${zone.name}`;
              return (
                <li
                  key={slot.key}
                  class="slot"
                  data-slot={slot.key}
                  onKeyDown={(e) => {
                    if (!e.altKey || (e.key !== 'ArrowUp' && e.key !== 'ArrowDown')) return;
                    if ((e.target as Element).tagName === 'SELECT') return;
                    e.preventDefault();
                    move(zone, slot, e.key === 'ArrowUp' ? -1 : 1);
                  }}
                  onDragOver={(e) => {
                    if (dragging.current) e.preventDefault();
                  }}
                  onDrop={(e) => {
                    const from = dragging.current;
                    dragging.current = undefined;
                    if (!from) return;
                    e.preventDefault();
                    refocus.current = { element: null, key: from.slot };
                    update((f) => moveSlotTo(f, from.zone, from.slot, zone.key, s));
                    announce(`Slot moved to position ${s + 1} in zone ${zone.name}.`);
                  }}
                >
                  <fieldset>
                    <legend>
                      <button
                        type="button"
                        id={`slot-${slot.key}-handle`}
                        class="slot-handle"
                        draggable
                        aria-describedby="slot-keys"
                        onDragStart={(e) => {
                          dragging.current = { zone: zone.key, slot: slot.key };
                          e.dataTransfer?.setData('text/plain', slot.key);
                        }}
                        onDragEnd={() => {
                          dragging.current = undefined;
                        }}
                      >
                        <span aria-hidden="true">⠿</span>Slot {s + 1}
                      </button>
                    </legend>
                    <div class="slot-tools">
                      <button
                        type="button"
                        aria-label={`Move ${position} up`}
                        onClick={() => move(zone, slot, -1)}
                      >
                        ↑ Up
                      </button>
                      <button
                        type="button"
                        aria-label={`Move ${position} down`}
                        onClick={() => move(zone, slot, 1)}
                      >
                        ↓ Down
                      </button>
                      <button
                        type="button"
                        aria-label={`Remove ${position}`}
                        disabled={zone.slots.length === 1}
                        onClick={() => {
                          changeZone(zone.key, (zn) => ({
                            ...zn,
                            slots: zn.slots.filter((x) => x.key !== slot.key),
                          }));
                          announce(`Slot ${s + 1} removed from zone ${zone.name}.`);
                        }}
                      >
                        Remove
                      </button>
                    </div>
                    <SlotFields
                      slot={slot}
                      position={position}
                      story={stories.get(slot.pinId)}
                      records={records}
                      errors={fieldErrors(problem, `zones.${z}.slots.${s}`, { prefix: true })}
                      actions={{
                        change: (patch) =>
                          changeZone(zone.key, (zn) => ({
                            ...zn,
                            slots: zn.slots.map((x) => (x.key === slot.key ? { ...x, ...patch } : x)),
                          })),
                        pinned,
                      }}
                    />
                  </fieldset>
                </li>
              );
            })}
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
