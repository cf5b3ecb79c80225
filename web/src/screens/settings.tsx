import { useEffect, useState } from 'preact/hooks';
import { api, type CommentSettings, type Problem } from '../api.ts';
import { Field, fieldErrors, Loading, ProblemBanner, useScreen } from '../ui.tsx';

/** Admins: the comment moderation rules. */
export function CommentSettingsForm() {
  const heading = useScreen('Comment settings');
  const [settings, setSettings] = useState<CommentSettings>();
  const [terms, setTerms] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    void (async () => {
      const result = await api.getCommentSettings();
      if (!result.ok) return setProblem(result.problem);
      setSettings(result.data);
      setTerms(result.data.blockedTerms.join('\n'));
    })();
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!settings) return;
    setNotice(undefined);
    const next = {
      ...settings,
      blockedTerms: terms
        .split('\n')
        .map((t) => t.trim())
        .filter(Boolean),
    };
    const result = await api.putCommentSettings(next);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setSettings(result.data);
    setTerms(result.data.blockedTerms.join('\n'));
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
            hint="One per line; a match sends a comment to the queue"
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
