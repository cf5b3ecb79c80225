import { useEffect, useState } from 'preact/hooks';
import { api, type Problem } from '../api.ts';
import { fieldErrors, Loading, Notice, ProblemBanner, TextField, useScreen } from '../ui.tsx';

/** Admins: where editors' Preview button goes (the CMS's own page, or the newsroom's frontend). */
export function PreviewSettingsForm() {
  const heading = useScreen('Preview settings');
  const [previewUrl, setPreviewUrl] = useState<string>();
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    void (async () => {
      const result = await api.getPreviewSettings();
      if (!result.ok) return setProblem(result.problem);
      setPreviewUrl(result.data.previewUrl ?? '');
    })();
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (previewUrl === undefined) return;
    setNotice(undefined);
    const result = await api.putPreviewSettings({ previewUrl: previewUrl.trim() || null });
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setPreviewUrl(result.data.previewUrl ?? '');
    setNotice(
      result.data.previewUrl
        ? "Saved. The Preview button now opens the newsroom's frontend."
        : "Saved. The Preview button opens the CMS's own preview page.",
    );
  };

  return (
    <section aria-labelledby="ps-title">
      <h1 id="ps-title" ref={heading} tabIndex={-1}>
        Preview settings
      </h1>
      <Notice message={notice} />
      <ProblemBanner problem={problem} />
      {previewUrl === undefined && !problem && <Loading what="the preview settings" />}
      {previewUrl !== undefined && (
        <form class="settings" onSubmit={save}>
          <TextField
            id="ps-url"
            label="Frontend preview URL"
            hint="Leave empty to use the CMS's own preview page. Otherwise an https address on your site, with {token} (the preview token, which your frontend reads the draft with) and {slug} where you want them, e.g. https://www.example.com/preview/{slug}?token={token}"
            errors={fieldErrors(problem, 'previewUrl')}
            value={previewUrl}
            onInput={setPreviewUrl}
          />
          <button type="submit" class="primary">
            Save settings
          </button>
        </form>
      )}
    </section>
  );
}
