import { useRef } from 'preact/hooks';
import type { Span } from './api.ts';
import type { LinkMark } from './markup.ts';
import { safeUrl } from './safeUrl.ts';
import { Field } from './ui.tsx';

/**
 * A text field for rich text: a plain textarea (or input) holding the console's markup (see
 * markup.ts), a toolbar that wraps the selection in bold, italic or a link, the same actions on
 * Ctrl/⌘+B, Ctrl/⌘+I and Ctrl/⌘+K, the stored links the markup numbers, and a live preview
 * rendered from the spans the API will get (the stored spans themselves until the text is edited).
 * Everything stays a native form control, so screen readers and the keyboard work as usual.
 */
interface RichFieldProps {
  id: string;
  label: string;
  /** The markup the editor sees. */
  value: string;
  /** The stored links `[text][n]` stands for. */
  links: readonly LinkMark[];
  /** What the API will get, a paragraph per entry (a list's items). */
  preview: readonly (readonly Span[])[];
  onInput: (value: string) => void;
  multiline?: boolean;
  errors?: string[];
  hint?: string;
}

const HINT = 'Bold **text**, italic *text*, link [text](https://…): Ctrl+B, Ctrl+I, Ctrl+K';

export function RichField({
  id,
  label,
  value,
  links,
  preview,
  onInput,
  multiline = false,
  errors = [],
  hint,
}: RichFieldProps) {
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);

  /** Wraps the selection (or a placeholder) and selects what the editor types next. */
  function wrap(kind: 'bold' | 'italic' | 'link') {
    const el = ref.current;
    if (!el) return;
    const start = el.selectionStart ?? value.length;
    const end = el.selectionEnd ?? start;
    const selected = value.slice(start, end) || (kind === 'link' ? 'link text' : 'text');
    const [open, close] =
      kind === 'bold' ? ['**', '**'] : kind === 'italic' ? ['*', '*'] : ['[', '](https://)'];
    const next = value.slice(0, start) + open + selected + close + value.slice(end);
    onInput(next);
    // After Preact has rendered the new value: select the words, or the address to type over.
    requestAnimationFrame(() => {
      el.focus();
      if (kind === 'link') {
        const at = start + open.length + selected.length + 2;
        el.setSelectionRange(at, at + 'https://'.length);
      } else {
        el.setSelectionRange(start + open.length, start + open.length + selected.length);
      }
    });
  }

  function onKeyDown(e: KeyboardEvent) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
    const key = e.key.toLowerCase();
    const kind = key === 'b' ? 'bold' : key === 'i' ? 'italic' : key === 'k' ? 'link' : null;
    if (!kind) return;
    e.preventDefault();
    wrap(kind);
  }

  return (
    <Field id={id} label={label} errors={errors} hint={hint ? `${hint}. ${HINT}` : HINT}>
      {(describedBy, invalid) => (
        <>
          <div class="rich-toolbar" role="toolbar" aria-label="Formatting" aria-controls={id}>
            <button type="button" aria-label="Bold" title="Bold (Ctrl+B)" onClick={() => wrap('bold')}>
              <strong>B</strong>
            </button>
            <button type="button" aria-label="Italic" title="Italic (Ctrl+I)" onClick={() => wrap('italic')}>
              <em>I</em>
            </button>
            <button type="button" aria-label="Link" title="Link (Ctrl+K)" onClick={() => wrap('link')}>
              Link
            </button>
          </div>
          {multiline ? (
            <textarea
              ref={ref}
              id={id}
              rows={rowsFor(value)}
              value={value}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onInput={(e) => onInput(e.currentTarget.value)}
              onKeyDown={onKeyDown}
            />
          ) : (
            <input
              ref={ref}
              id={id}
              value={value}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onInput={(e) => onInput(e.currentTarget.value)}
              onKeyDown={onKeyDown}
            />
          )}
          {links.length > 0 && (
            <div class="rich-links">
              <p id={`${id}-links`}>Stored links, kept as they are (write [linked words][1] to use one):</p>
              <ol aria-labelledby={`${id}-links`}>
                {links.map((link, i) => (
                  <li key={`${i}-${link.href}`}>
                    [{i + 1}] <code>{link.href}</code>
                    {link.rel ? ` (${link.rel})` : ''}
                  </li>
                ))}
              </ol>
            </div>
          )}
          {preview.some((spans) => spans.some((s) => s.marks.length > 0)) && (
            <div class="rich-preview" data-testid={`${id}-preview`}>
              <span class="visually-hidden">Preview: </span>
              {preview.map((spans, i) => (
                <p key={i}>
                  <Spans spans={spans} />
                </p>
              ))}
            </div>
          )}
        </>
      )}
    </Field>
  );
}

/**
 * Spans as elements: never HTML parsing, the text is always text. A link opens in a tab of its own
 * (the form stays as it is), and one whose address is not http(s) or mailto is not a link at all.
 */
export function Spans({ spans }: { spans: readonly Span[] }) {
  return (
    <>
      {spans.map((span, i) => {
        let node: preact.ComponentChildren = span.text;
        for (const mark of span.marks) {
          if (mark.type === 'bold') node = <strong>{node}</strong>;
          else if (mark.type === 'italic') node = <em>{node}</em>;
          else {
            node = safeUrl(mark.href) ? (
              <a href={safeUrl(mark.href)} target="_blank" rel="noopener noreferrer">
                {node}
              </a>
            ) : (
              <span class="blocked-link" title="Not a web or email address: not a link">
                {node}
              </span>
            );
          }
        }
        return <span key={i}>{node}</span>;
      })}
    </>
  );
}

/** Enough rows to show a block's text without scrolling, within reason. */
export const rowsFor = (text: string) =>
  Math.min(
    14,
    Math.max(
      3,
      text.split('\n').reduce((n, line) => n + Math.ceil((line.length + 1) / 90), 0),
    ),
  );
