import { useEffect, useState } from 'preact/hooks';
import { api, type CommentSettings, type Problem } from '../api.ts';
import { Field, fieldErrors, Loading, ProblemBanner, useScreen } from '../ui.tsx';

const lines = (text: string) =>
  text
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);

/** Admins: the comment moderation rules. */
export function CommentSettingsForm() {
  const heading = useScreen('Comment settings');
  const [settings, setSettings] = useState<CommentSettings>();
  const [terms, setTerms] = useState('');
  const [suspect, setSuspect] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    void (async () => {
      const result = await api.getCommentSettings();
      if (!result.ok) return setProblem(result.problem);
      setSettings(result.data);
      setTerms(result.data.blockedTerms.join('\n'));
      setSuspect(result.data.suspectTerms.join('\n'));
    })();
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!settings) return;
    setNotice(undefined);
    const next = { ...settings, blockedTerms: lines(terms), suspectTerms: lines(suspect) };
    const result = await api.putCommentSettings(next);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setSettings(result.data);
    setTerms(result.data.blockedTerms.join('\n'));
    setSuspect(result.data.suspectTerms.join('\n'));
    setNotice('Settings saved.');
  };
  const errs = (path: string) => fieldErrors(problem, path, { prefix: true });

  return (
    <section aria-labelledby="s-title">
      <h1 id="s-title" ref={heading} tabIndex={-1}>
        Comment settings
      </h1>
      <p aria-live="polite" class="notice">
        {notice}
      </p>
      <ProblemBanner problem={problem} />
      {!settings && !problem && <Loading what="the settings" />}
      {settings && (
        <form class="settings" onSubmit={save}>
          <fieldset>
            <legend>Moderation mode</legend>
            <div class="check">
              <input
                type="radio"
                id="mode-pre"
                name="mode"
                checked={settings.mode === 'pre'}
                onChange={() => setSettings({ ...settings, mode: 'pre' })}
              />
              <label for="mode-pre">Pre-moderation: every comment waits for a moderator</label>
            </div>
            <div class="check">
              <input
                type="radio"
                id="mode-post"
                name="mode"
                checked={settings.mode === 'post'}
                onChange={() => setSettings({ ...settings, mode: 'post' })}
              />
              <label for="mode-post">Post-moderation: comments that pass the checks appear at once</label>
            </div>
          </fieldset>
          <Field
            id="s-links"
            label="Maximum links"
            hint="More links send a comment to the queue"
            errors={errs('maxLinks')}
          >
            {(describedBy, invalid) => (
              <input
                id="s-links"
                type="number"
                min={0}
                value={settings.maxLinks}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => setSettings({ ...settings, maxLinks: Number(e.currentTarget.value) })}
              />
            )}
          </Field>
          <Field
            id="s-terms"
            label="Blocked terms"
            hint="One per line; a match holds a comment in the queue, and with too many links marks it as spam"
            errors={errs('blockedTerms')}
          >
            {(describedBy, invalid) => (
              <textarea
                id="s-terms"
                rows={4}
                value={terms}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => setTerms(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="s-suspect"
            label="Suspect terms"
            hint="One per line; a match holds a comment for a moderator even in post-moderation, without calling it spam. The moderator sees which term held it."
            errors={errs('suspectTerms')}
          >
            {(describedBy, invalid) => (
              <textarea
                id="s-suspect"
                rows={4}
                value={suspect}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => setSuspect(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            id="s-reports"
            label="Reports before a comment is held"
            hint="After this many open reader reports, an approved comment goes back to pending for review. 0 never holds one; reports still show in the Reported queue."
            errors={errs('reportThreshold')}
          >
            {(describedBy, invalid) => (
              <input
                id="s-reports"
                type="number"
                min={0}
                value={settings.reportThreshold}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => setSettings({ ...settings, reportThreshold: Number(e.currentTarget.value) })}
              />
            )}
          </Field>
          <Field
            id="s-trust"
            label="Approved comments before a commenter is trusted"
            hint="A commenter (recognised by the email they give) with this many comments approved by a moderator and none marked as spam is approved at once, even in pre-moderation. One spam mark ends the trust. 0 trusts no one."
            errors={errs('trustAfter')}
          >
            {(describedBy, invalid) => (
              <input
                id="s-trust"
                type="number"
                min={0}
                value={settings.trustAfter}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => setSettings({ ...settings, trustAfter: Number(e.currentTarget.value) })}
              />
            )}
          </Field>
          <Field
            id="s-close"
            label="Close comments after (days)"
            hint="Counted from an article's first publication; articles published before a change keep their date. Leave empty to keep threads open until an editor closes them."
            errors={errs('closeAfterDays')}
          >
            {(describedBy, invalid) => (
              <input
                id="s-close"
                type="number"
                min={1}
                value={settings.closeAfterDays ?? ''}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => {
                  const raw = e.currentTarget.value.trim();
                  setSettings({ ...settings, closeAfterDays: raw === '' ? null : Number(raw) });
                }}
              />
            )}
          </Field>
          <Field
            id="s-flood"
            label="Flood interval (seconds)"
            hint="One comment per reader in this window"
            errors={errs('floodSeconds')}
          >
            {(describedBy, invalid) => (
              <input
                id="s-flood"
                type="number"
                min={0}
                value={settings.floodSeconds}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                onInput={(e) => setSettings({ ...settings, floodSeconds: Number(e.currentTarget.value) })}
              />
            )}
          </Field>
          <button type="submit" class="primary">
            Save settings
          </button>
        </form>
      )}
    </section>
  );
}
