import { useEffect, useState } from 'preact/hooks';
import { api, type Problem, type SiteSettings, type SiteSettingsView } from '../api.ts';
import { fieldErrors, Loading, Notice, ProblemBanner, TextField, useScreen } from '../ui.tsx';

/** What the form edits: the settings without who saved them last. */
const editable = ({ updatedAt: _at, updatedBy: _by, ...settings }: SiteSettingsView): SiteSettings =>
  settings;

/** Admins: where articles live on the site, and what feeds, sitemaps and structured data say. */
export function SiteSettingsForm() {
  const heading = useScreen('Site settings');
  const [settings, setSettings] = useState<SiteSettings>();
  const [saved, setSaved] = useState<SiteSettingsView>();
  const [problem, setProblem] = useState<Problem>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    void (async () => {
      const result = await api.getSiteSettings();
      if (!result.ok) return setProblem(result.problem);
      setSaved(result.data);
      setSettings(editable(result.data));
    })();
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    if (!settings) return;
    setNotice(undefined);
    const { mediaBaseUrl, ...rest } = settings;
    const result = await api.putSiteSettings(mediaBaseUrl ? settings : rest);
    if (!result.ok) return setProblem(result.problem);
    setProblem(undefined);
    setSaved(result.data);
    setSettings(editable(result.data));
    setNotice('Site settings saved. Feeds, sitemaps and articles use them within a minute.');
  };
  const errs = (path: string) => fieldErrors(problem, path, { prefix: true });
  const example = settings
    ? `${settings.baseUrl}${settings.articlePath
        .replace('{section}', 'city')
        .replace('{slug}', 'harbour-wall-repairs-begin')
        .replace('{id}', '01KAX3TT6V3Q7D0Y6M1V0C5N8E')
        .replace('{yyyy}', '2026')
        .replace('{mm}', '12')
        .replace('{dd}', '07')}`
    : '';

  return (
    <section aria-labelledby="site-title">
      <h1 id="site-title" ref={heading} tabIndex={-1}>
        Site settings
      </h1>
      <Notice message={notice} />
      <ProblemBanner problem={problem} />
      {!settings && !problem && <Loading what="the site settings" />}
      {settings && (
        <form class="settings" onSubmit={save}>
          {saved && !saved.updatedAt && (
            <p class="hint">These are the defaults: nothing has been saved yet.</p>
          )}
          <TextField
            id="site-base"
            label="Site address"
            hint="Where readers read your articles, e.g. https://news.example.org"
            type="url"
            errors={errs('baseUrl')}
            value={settings.baseUrl}
            onInput={(baseUrl) => setSettings({ ...settings, baseUrl })}
          />
          <TextField
            id="site-path"
            label="Article path"
            hint={`With {section}, {slug} (required), {id}, {yyyy}, {mm}, {dd}. An article's address: ${example}`}
            errors={errs('articlePath')}
            value={settings.articlePath}
            onInput={(articlePath) => setSettings({ ...settings, articlePath })}
          />
          <TextField
            id="site-author-path"
            label="Author page path"
            hint="An author's page on your site, with {slug}: /author/{slug} when left as it is"
            errors={errs('authorPath')}
            value={settings.authorPath ?? '/author/{slug}'}
            onInput={(authorPath) => setSettings({ ...settings, authorPath })}
          />
          <TextField
            id="site-name"
            label="Publication name"
            hint="As Google News and feed readers show it"
            errors={errs('publicationName')}
            value={settings.publicationName}
            onInput={(publicationName) => setSettings({ ...settings, publicationName })}
          />
          <TextField
            id="site-language"
            label="Language"
            hint="An ISO 639 code in lowercase: en, de, zh-tw"
            errors={errs('language')}
            value={settings.language}
            onInput={(language) => setSettings({ ...settings, language })}
          />
          <TextField
            id="site-media"
            label="Image address (optional)"
            hint="Where images (/media/...) are served when your site does not forward them: the CMS's own address"
            type="url"
            errors={errs('mediaBaseUrl')}
            value={settings.mediaBaseUrl ?? ''}
            onInput={(mediaBaseUrl) => setSettings({ ...settings, mediaBaseUrl })}
          />
          <TextField
            id="site-paywall"
            label="Paywall selector"
            hint="The CSS selector of the part of a registered or subscribers story your pages hold back, e.g. .paywall: search engines read it from the story's structured data"
            errors={errs('paywallSelector')}
            value={settings.paywallSelector ?? ''}
            onInput={(paywallSelector) => setSettings({ ...settings, paywallSelector })}
          />
          <div class="check">
            <input
              type="checkbox"
              id="site-fullbody"
              checked={settings.fullBodyInFeeds}
              onChange={(e) => setSettings({ ...settings, fullBodyInFeeds: e.currentTarget.checked })}
            />
            <label for="site-fullbody">Put each story's whole text in the RSS and Atom feeds</label>
          </div>
          <button type="submit" class="primary">
            Save site settings
          </button>
        </form>
      )}
    </section>
  );
}
