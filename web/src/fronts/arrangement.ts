import type { Front, FrontArrangement, FrontRuleKind } from './frontsApi.ts';

/**
 * The front editor's form and the pure steps on it: the API's arrangement in, the form's zones and
 * slots (each with a key that survives reordering, so focus and drag follow the slot), the
 * arrangement out. Times are shown as the editor's local datetime-local and sent as ISO instants.
 */
export interface SlotForm {
  key: string;
  /** A pinned story (with the rule as its fallback) or a rule alone. */
  mode: 'pin' | 'rule';
  pinId: string;
  /** The pin's expiry as a datetime-local value in the editor's time zone, or ''. */
  until: string;
  ruleKind: FrontRuleKind | '';
  ruleValue: string;
  /**
   * Shown as its full editor rather than its one-line summary: the editor's view, not the
   * arrangement (never sent). Slots added here start open; slots loaded from the API fold.
   */
  open: boolean;
}
export interface ZoneForm {
  key: string;
  name: string;
  slots: SlotForm[];
}
export interface FrontForm {
  title: string;
  zones: ZoneForm[];
}

let counter = 0;
const nextKey = () => `k${++counter}`;

export const emptySlot = (): SlotForm => ({
  key: nextKey(),
  mode: 'rule',
  pinId: '',
  until: '',
  ruleKind: '',
  ruleValue: '',
  open: true,
});
export const emptyZone = (name: string): ZoneForm => ({ key: nextKey(), name, slots: [emptySlot()] });

const pad = (n: number) => String(n).padStart(2, '0');
/** An instant as a datetime-local value in this browser's time zone (minutes: the control's step). */
export function localInput(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** A datetime-local value (read in this browser's time zone) as an ISO instant; undefined when empty or invalid. */
export function isoFromLocal(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function formOf(front: Pick<Front, 'title' | 'zones'>): FrontForm {
  return {
    title: front.title,
    zones: front.zones.map((zone) => ({
      key: nextKey(),
      name: zone.name,
      slots: zone.slots.map((slot) => ({
        key: nextKey(),
        mode: slot.pin ? 'pin' : 'rule',
        pinId: slot.pin?.articleId ?? '',
        until: localInput(slot.pin?.until),
        ruleKind: slot.rule?.kind ?? '',
        ruleValue: slot.rule?.value ?? '',
        open: false,
      })),
    })),
  };
}

/** What the API is sent: a rule slot loses any pin; an empty rule or pin is left out (the API names the slot). */
export function arrangementOf(form: FrontForm): FrontArrangement {
  return {
    title: form.title.trim(),
    zones: form.zones.map((zone) => ({
      name: zone.name.trim(),
      slots: zone.slots.map((slot) => {
        const until = isoFromLocal(slot.until);
        const pin =
          slot.mode === 'pin' && slot.pinId ? { articleId: slot.pinId, ...(until ? { until } : {}) } : null;
        const rule = slot.ruleKind ? { kind: slot.ruleKind, value: slot.ruleValue.trim() } : null;
        return { pin, rule };
      }),
    })),
  };
}

/** The form with the slots whose keys are given (all when none are) opened or folded. */
export function setOpen(form: FrontForm, open: boolean, keys?: readonly string[]): FrontForm {
  return {
    ...form,
    zones: form.zones.map((z) => ({
      ...z,
      slots: z.slots.map((s) => (!keys || keys.includes(s.key) ? { ...s, open } : s)),
    })),
  };
}

/** The slot moved `delta` places within its zone (clamped); the same form when it cannot move. */
export function moveSlot(form: FrontForm, zoneKey: string, slotKey: string, delta: number): FrontForm {
  const zone = form.zones.find((z) => z.key === zoneKey);
  const from = zone?.slots.findIndex((s) => s.key === slotKey) ?? -1;
  if (!zone || from < 0) return form;
  return moveSlotTo(form, zoneKey, slotKey, zoneKey, from + delta);
}

/** The slot taken out and put at `index` of the target zone (a drop), clamped to its ends. */
export function moveSlotTo(
  form: FrontForm,
  fromZone: string,
  slotKey: string,
  toZone: string,
  index: number,
): FrontForm {
  const source = form.zones.find((z) => z.key === fromZone);
  const slot = source?.slots.find((s) => s.key === slotKey);
  if (!source || !slot || !form.zones.some((z) => z.key === toZone)) return form;
  const without = form.zones.map((z) =>
    z.key === fromZone ? { ...z, slots: z.slots.filter((s) => s.key !== slotKey) } : z,
  );
  const zones = without.map((z) => {
    if (z.key !== toZone) return z;
    const at = Math.max(0, Math.min(index, z.slots.length));
    return { ...z, slots: [...z.slots.slice(0, at), slot, ...z.slots.slice(at)] };
  });
  const before = source.slots.findIndex((s) => s.key === slotKey);
  if (fromZone === toZone && zones.find((z) => z.key === toZone)?.slots[before]?.key === slotKey) return form;
  return { ...form, zones };
}
