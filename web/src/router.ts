import { useEffect, useState } from 'preact/hooks';

/**
 * A tiny history-API router. Paths are real URLs (deep links work: the local gateway and the
 * CloudFront function answer them with index.html). A screen with unsaved changes registers a
 * guard; in-app navigation asks before leaving, and the browser asks on unload.
 */
let guard: (() => boolean) | undefined;
const listeners = new Set<() => void>();
export const LEAVE_MESSAGE = 'You have unsaved changes. Leave this page and lose them?';

export function setLeaveGuard(isDirty: (() => boolean) | undefined) {
  guard = isDirty;
}

window.addEventListener('beforeunload', (event) => {
  if (guard?.()) {
    event.preventDefault();
    event.returnValue = LEAVE_MESSAGE;
  }
});

let current = window.location.pathname + window.location.search;
/** After something outside the router replaced the URL (the sign-in callback). */
export function syncLocation() {
  current = window.location.pathname + window.location.search;
}
window.addEventListener('popstate', () => {
  const next = window.location.pathname + window.location.search;
  if (next === current) return; // only the fragment changed (the skip link): same screen
  if (guard?.() && !window.confirm(LEAVE_MESSAGE)) {
    window.history.pushState(null, '', current);
    return;
  }
  guard = undefined;
  current = next;
  for (const listener of listeners) listener();
});

export function navigate(to: string, { replace = false } = {}): boolean {
  if (to === current) return true;
  if (guard?.() && !window.confirm(LEAVE_MESSAGE)) return false;
  guard = undefined;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  current = to;
  for (const listener of listeners) listener();
  window.scrollTo(0, 0);
  return true;
}

export function useLocation(): URL {
  const [, setTick] = useState(0);
  useEffect(() => {
    const listener = () => setTick((t) => t + 1);
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, []);
  return new URL(window.location.href);
}

/** Click handler for in-app links: plain clicks navigate in the app, modified clicks behave normally. */
export function linkClick(event: MouseEvent) {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
    return;
  event.preventDefault();
  navigate(anchor.getAttribute('href') ?? '/');
}
