import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type AdminComment, api, type Ban, type Problem } from '../api.ts';
import { Field, fieldErrors, ProblemBanner, timeZone } from '../ui.tsx';

/** The API's bound on a ban's reason (BanCreate.reason). */
const REASON_MAX = 500;

export type BanResult = Ban & { rejected: string[] };

/**
 * Banning the writer of a comment: a reason, an optional end (in the browser's time zone), and
 * whether to reject their pending comments in the same action (the API's rejectPending, on by
 * default). Opens with focus on the reason; Escape or Cancel closes it.
 */
export function BanForm({
  comment,
  onBanned,
  onCancel,
}: {
  comment: AdminComment;
  onBanned: (ban: BanResult) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [rejectPending, setRejectPending] = useState(true);
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => first.current?.focus(), []);
  const p = `ban-${comment.id}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const result = await api.createBan({
      commentId: comment.id,
      reason: reason.trim(),
      ...(until ? { until: new Date(until).toISOString() } : {}),
      rejectPending,
    });
    setBusy(false);
    if (!result.ok) return setProblem(result.problem);
    onBanned(result.data);
  };
  const errs = (path: string) => fieldErrors(problem, path);
  const fieldProblem = problem?.errors?.some((e) => e.path === 'reason' || e.path === 'until');

  return (
    <form
      class="ban-form"
      aria-label={`Ban ${comment.authorName}`}
      onSubmit={submit}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      <p class="hint">
        Bans whoever wrote this comment, by the email they gave (if any) and their browser: they cannot
        comment under another name from it.
      </p>
      {problem && !fieldProblem && <ProblemBanner problem={problem} />}
      <Field
        id={`${p}-reason`}
        label="Reason for the ban"
        hint="Kept with the ban for other moderators; the commenter is not told."
        errors={errs('reason')}
        count={{ length: reason.trim().length, max: REASON_MAX }}
      >
        {(describedBy, invalid) => (
          <textarea
            id={`${p}-reason`}
            ref={first}
            rows={2}
            required
            value={reason}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        id={`${p}-until`}
        label={`Ends (${timeZone()})`}
        hint="Leave empty for a ban that lasts until it is revoked."
        errors={errs('until')}
      >
        {(describedBy, invalid) => (
          <input
            id={`${p}-until`}
            type="datetime-local"
            value={until}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onInput={(e) => setUntil(e.currentTarget.value)}
          />
        )}
      </Field>
      <div class="check">
        <input
          type="checkbox"
          id={`${p}-reject`}
          checked={rejectPending}
          onChange={(e) => setRejectPending(e.currentTarget.checked)}
        />
        <label for={`${p}-reject`}>Also reject their comments waiting in the queue</label>
      </div>
      <div class="form-actions">
        <button type="submit" class="danger-solid" disabled={busy || !reason.trim()}>
          Ban {comment.authorName}
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
