import type { AnchorHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ArticleStatus, Page, Problem, Result } from './api.ts';
import { authConfig, sessionExpired, startCognitoSignIn } from './auth.ts';
import { linkClick } from './router.ts';
import { safeUrl } from './safeUrl.ts';

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  scheduled: 'Scheduled',
  published: 'Published',
  archived: 'Archived',
};

export function StatusBadge({ status }: { status: ArticleStatus }) {
  return <span class={`badge badge-${status}`}>{STATUS_LABELS[status]}</span>;
}

export function Link({
  href,
  children,
  ...rest
}: { href: string; children: ComponentChildren } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a href={safeUrl(href)} onClick={linkClick} {...rest}>
      {children}
    </a>
  );
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatDate = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');

/** The browser's time zone, shown next to times so nobody guesses which zone they are in. */
export const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * Sets the document title and moves focus to the screen's heading when a screen opens: once, when
 * the heading first appears (a screen that loads its data shows it only then).
 */
export function useScreen(title: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(false);
  useEffect(() => {
    document.title = `${title} · Newsroom console`;
  }, [title]);
  useLayoutEffect(() => {
    if (focused.current || !heading.current) return;
    focused.current = true;
    heading.current.focus();
  });
  return heading;
}

/** What a problem document means to the person reading it. */
export function problemMessage(problem: Problem): string {
  switch (problem.status) {
    case 0:
      return problem.detail ?? 'The API could not be reached.';
    case 401:
      return 'Your session has ended. Sign in again to continue.';
    case 403:
      return problem.detail ?? 'Your role does not allow this.';
    case 404:
      return problem.detail ?? 'Not found: it may have been deleted.';
    case 409:
      return problem.detail ?? 'This is not possible in the current status.';
    case 412:
      return 'Someone else saved a newer version first.';
    case 422:
      return problem.errors?.length
        ? 'Some fields need attention; see the messages next to them.'
        : (problem.detail ?? 'Some fields need attention.');
    case 503: {
      const wait = problem.retryAfter;
      return `The service is briefly unavailable. Try again in ${wait ?? 'a few'} second${wait === 1 ? '' : 's'}.`;
    }
    case 429: {
      const wait = problem.retryAfter;
      return `Too many requests. Try again in ${wait ?? 'a few'} second${wait === 1 ? '' : 's'}.`;
    }
    default:
      return problem.detail ? `${problem.title}: ${problem.detail}` : problem.title;
  }
}

/** A problem shown at the top of a form or screen; 401 comes with a way to sign in again. */
export function ProblemBanner({ problem }: { problem: Problem | undefined }) {
  if (!problem) return null;
  return (
    <div class="problem" role="alert">
      <p>{problemMessage(problem)}</p>
      {problem.status === 401 && (
        <button
          type="button"
          onClick={() => {
            if (authConfig().kind === 'cognito') void startCognitoSignIn();
            else sessionExpired();
          }}
        >
          Sign in again
        </button>
      )}
    </div>
  );
}

/** The messages of a 422 for one field path (`title`, `body.0.text`, `source.url`...). */
export function fieldErrors(problem: Problem | undefined, path: string, { prefix = false } = {}): string[] {
  if (!problem?.errors) return [];
  return problem.errors
    .filter((e) => e.path === path || (prefix && e.path.startsWith(`${path}.`)))
    .map((e) => e.message);
}

let idCounter = 0;
export const uid = (prefix: string) => `${prefix}-${++idCounter}`;

interface FieldProps {
  id: string;
  label: string;
  errors?: string[];
  hint?: string;
  /** The text's length against the API's limit, shown under the control and read with it. */
  count?: { length: number; max: number };
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}

/** A labelled control with its hint, its character count and its errors, tied together for screen readers. */
export function Field({ id, label, errors = [], hint, count, children }: FieldProps) {
  const ids = [hint ? `${id}-hint` : '', count ? `${id}-count` : '', errors.length ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${errors.length ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children(ids || undefined, errors.length > 0)}
      {count && <CharacterCount id={`${id}-count`} {...count} />}
      {errors.length > 0 && (
        <p class="error" id={`${id}-error`}>
          {errors.join('; ')}
        </p>
      )}
    </div>
  );
}

type FieldFrame = Omit<FieldProps, 'children'>;

/** A labelled text input (or textarea) wired to its hint, count and errors: the common case of Field. */
export function TextField({
  value,
  onInput,
  multiline = false,
  rows = 3,
  type = 'text',
  ...field
}: FieldFrame & {
  value: string;
  onInput: (value: string) => void;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'url';
}) {
  return (
    <Field {...field}>
      {(describedBy, invalid) =>
        multiline ? (
          <textarea
            id={field.id}
            rows={rows}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        ) : type === 'url' ? (
          <input
            id={field.id}
            type="url"
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        ) : (
          <input
            id={field.id}
            value={value}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        )
      }
    </Field>
  );
}

/** A labelled number input; an emptied field reads as null (the caller decides what that means). */
export function NumberField({
  value,
  onInput,
  min,
  ...field
}: FieldFrame & { value: number | null; onInput: (value: number | null) => void; min?: number }) {
  return (
    <Field {...field}>
      {(describedBy, invalid) => (
        <input
          id={field.id}
          type="number"
          min={min}
          value={value ?? ''}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          onInput={(e) => {
            const raw = e.currentTarget.value.trim();
            onInput(raw === '' ? null : Number(raw));
          }}
        />
      )}
    </Field>
  );
}

/** "57 of 120 characters", and how many too many once over: the API refuses longer text. */
export function CharacterCount({ id, length, max }: { id: string; length: number; max: number }) {
  const over = length - max;
  return (
    <p class={`counter${over > 0 ? ' counter-over' : ''}`} id={id}>
      {length} of {max} characters{over > 0 ? `: ${over} too many` : ''}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p class="loading" role="status">
      Loading {what}…
    </p>
  );
}

/**
 * A list read a page at a time: the first page when the screen opens, each next one (`load` with
 * the cursor, as LoadMore calls it) appended. A failed page leaves what is shown and sets
 * `problem`; the next good one clears it.
 */
export function usePages<T>(fetchPage: (cursor: string | undefined) => Promise<Result<Page<T>>>) {
  const [items, setItems] = useState<T[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem>();
  // A newer load supersedes an older one still in flight (a search typed on): its answer is dropped.
  const generation = useRef(0);
  const load = async (after?: string) => {
    const current = ++generation.current;
    const result = await fetchPage(after);
    if (current !== generation.current) return;
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setItems((before) => [...(after ? (before ?? []) : []), ...result.data.items]);
    setCursor(result.data.nextCursor);
  };
  useEffect(() => {
    void load();
  }, []);
  return { items, setItems, cursor, problem, setProblem, load };
}

/**
 * The next page of a list, while there is one: disabled while it loads, so a second press does
 * not fetch the same page twice.
 */
export function LoadMore({
  cursor,
  load,
  label = 'Load more',
}: {
  cursor: string | null | undefined;
  load: (cursor: string) => Promise<unknown>;
  label?: string;
}) {
  const [loading, setLoading] = useState(false);
  if (!cursor) return null;
  return (
    <button
      type="button"
      disabled={loading}
      onClick={async () => {
        setLoading(true);
        try {
          await load(cursor);
        } finally {
          setLoading(false);
        }
      }}
    >
      {label}
    </button>
  );
}

/** The element that last had focus, so a control an action disabled can have it back. */
let lastFocused: Element | null = null;
if (typeof document !== 'undefined') {
  document.addEventListener('focusin', (event) => {
    if (event.target instanceof Element) lastFocused = event.target;
  });
}

/**
 * What an action did: announced (aria-live), and kept in view, sticking to the top of the screen
 * while it scrolls (a long article's Save button is far below it). An action often takes focus
 * away: the browser drops it from a button disabled while the request runs, and from a control
 * the answer removes (a workflow action that no longer applies, the last comment of a queue).
 * Focus then goes back to that control if it is still there and enabled, else to this message, so
 * the next Tab goes on from where the user was instead of from the top of the page.
 */
export function Notice({ message }: { message: string | undefined }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (!message || !ref.current) return;
    const focused = document.activeElement;
    if (focused && focused !== document.body) return;
    const previous = lastFocused;
    if (previous instanceof HTMLElement && previous.isConnected && !previous.matches(':disabled')) {
      previous.focus();
    } else ref.current.focus();
  }, [message]);
  return (
    <p aria-live="polite" class="notice" tabIndex={-1} ref={ref}>
      {message}
    </p>
  );
}
