export type Child = Node | string | false | null | undefined;
export type Attrs = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;

/**
 * The widget's only DOM helper: an element with attributes, `on*` listeners and children. Text is
 * always a text node, never parsed as HTML, so a comment cannot inject markup.
 */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2), value);
    else el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children)
    if (child !== false && child !== null && child !== undefined) el.append(child);
  return el;
}

/** Moves focus to an element that is not focusable by itself (a message, a comment). */
export function focusOn(el: HTMLElement): void {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
}
