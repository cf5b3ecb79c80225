import './combobox.css';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface ComboOption {
  /** Unique within the list: it names the option's element for aria-activedescendant. */
  key: string;
  label: ComponentChildren;
}

/** Case and accents do not matter when matching what is typed (Zoë is found by zoe). */
export const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * A text input with a list of suggestions: the ARIA 1.2 combobox pattern (the input keeps focus,
 * the listbox's highlighted option is its aria-activedescendant). Typing opens the list, ArrowDown
 * and ArrowUp move, Enter (and Tab, with `pickOnTab`) picks the highlighted one, Escape closes.
 * Other keys go to `onKeyDown` (a tag field's Backspace). The label is the caller's `<label for>`.
 */
export function Combobox({
  id,
  listLabel,
  options,
  text,
  onText,
  onPick,
  pickOnTab = false,
  describedBy,
  invalid,
  onKeyDown,
  onBlur,
}: {
  id: string;
  listLabel: string;
  options: readonly ComboOption[];
  text: string;
  onText: (text: string) => void;
  onPick: (key: string) => void;
  pickOnTab?: boolean;
  describedBy?: string | undefined;
  invalid?: boolean;
  onKeyDown?: (e: KeyboardEvent) => void;
  onBlur?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const shown = open && options.length > 0;
  const current = Math.min(active, options.length - 1);
  const pick = (key: string) => {
    onPick(key);
    setOpen(false);
    setActive(0);
  };
  const keyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const n = options.length || 1;
      if (!shown) {
        setOpen(true);
        setActive(e.key === 'ArrowDown' ? 0 : n - 1);
      } else setActive((i) => (e.key === 'ArrowDown' ? (i + 1) % n : (i - 1 + n) % n));
    } else if ((e.key === 'Enter' || (e.key === 'Tab' && pickOnTab && !e.shiftKey)) && shown) {
      const option = options[current];
      if (!option) return;
      e.preventDefault();
      pick(option.key);
    } else if (e.key === 'Escape' && shown) {
      e.preventDefault();
      setOpen(false);
    } else onKeyDown?.(e);
  };
  const optionId = (i: number) => `${id}-option-${i}`;
  // A long list (thirty sections) scrolls to keep the highlighted option in view.
  useEffect(() => {
    if (shown) document.getElementById(optionId(current))?.scrollIntoView({ block: 'nearest' });
  }, [shown, current]);
  return (
    <div class="combobox">
      <input
        id={id}
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown ? optionId(current) : undefined}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        value={text}
        onInput={(e) => {
          onText(e.currentTarget.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={keyDown}
        onBlur={() => {
          setOpen(false);
          onBlur?.();
        }}
      />
      <div id={`${id}-list`} role="listbox" aria-label={listLabel} hidden={!shown}>
        {options.map((o, i) => (
          <div
            key={o.key}
            id={optionId(i)}
            role="option"
            tabIndex={-1}
            aria-selected={i === current}
            onMouseDown={(e) => {
              e.preventDefault();
              pick(o.key);
            }}
          >
            {o.label}
          </div>
        ))}
      </div>
    </div>
  );
}
