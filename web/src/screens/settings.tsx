import { useEffect, useState } from 'preact/hooks';
import { api, type CommentSettings, type Problem } from '../api.ts';
import { Loading, Notice, NumberField, ProblemBanner, TextField, useScreen } from '../ui.tsx';
import { errorsFor, settingErrors } from './settingsErrors.ts';

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
  const errs = (field: keyof CommentSettings) => errorsFor(problem, field);
  const summary = settingErrors(problem);

  return (
    <section aria-labelledby="s-title">
      <h1 id="s-title" ref={heading} tabIndex={-1}>
        Comment settings
      </h1>
      <Notice message={notice} />
      <ProblemBanner problem={problem} />
      {summary.length > 0 && (
        <ul class="error-summary" aria-label="What to fix">
          {summary.map((e) => (
            <li key={e.text}>{e.text}</li>
          ))}
        </ul>
      )}
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
          <NumberField
            id="s-links"
            label="Maximum links"
            hint="More links send a comment to the queue"
            errors={errs('maxLinks')}
            min={0}
            value={settings.maxLinks}
            onInput={(v) => setSettings({ ...settings, maxLinks: v ?? 0 })}
          />
          <TextField
            id="s-terms"
            label="Blocked terms"
            hint="One per line; a match holds a comment in the queue, and with too many links marks it as spam"
            errors={errs('blockedTerms')}
            multiline
            rows={4}
            value={terms}
            onInput={setTerms}
          />
          <TextField
            id="s-suspect"
            label="Suspect terms"
            hint="One per line; a match holds a comment for a moderator even in post-moderation, without calling it spam. The moderator sees which term held it."
            errors={errs('suspectTerms')}
            multiline
            rows={4}
            value={suspect}
            onInput={setSuspect}
          />
          <NumberField
            id="s-reports"
            label="Reports before a comment is held"
            hint="After this many open reader reports, an approved comment goes back to pending for review. 0 never holds one; reports still show in the Reported queue."
            errors={errs('reportThreshold')}
            min={0}
            value={settings.reportThreshold}
            onInput={(v) => setSettings({ ...settings, reportThreshold: v ?? 0 })}
          />
          <NumberField
            id="s-trust"
            label="Approved comments before a commenter is trusted"
            hint="A commenter (recognised by the email they give) with this many comments approved by a moderator and none marked as spam is approved at once, even in pre-moderation. One spam mark ends the trust. 0 trusts no one."
            errors={errs('trustAfter')}
            min={0}
            value={settings.trustAfter}
            onInput={(v) => setSettings({ ...settings, trustAfter: v ?? 0 })}
          />
          <NumberField
            id="s-close"
            label="Close comments after (days)"
            hint="Counted from an article's first publication; articles published before a change keep their date. Leave empty to keep threads open until an editor closes them."
            errors={errs('closeAfterDays')}
            min={1}
            value={settings.closeAfterDays}
            onInput={(v) => setSettings({ ...settings, closeAfterDays: v })}
          />
          <NumberField
            id="s-flood"
            label="Flood interval (seconds)"
            hint="One comment per reader in this window"
            errors={errs('floodSeconds')}
            min={0}
            value={settings.floodSeconds}
            onInput={(v) => setSettings({ ...settings, floodSeconds: v ?? 0 })}
          />
          <button type="submit" class="primary">
            Save settings
          </button>
        </form>
      )}
    </section>
  );
}
