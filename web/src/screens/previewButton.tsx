import { useState } from 'preact/hooks';
import { api, type PreviewLink, type Problem } from '../api.ts';
import { safeUrl } from '../safeUrl.ts';
import { problemMessage } from '../ui.tsx';

/** A link with at least this long to live is reused rather than another one issued. */
const REUSE_MS = 60 * 60 * 1000;

/** Where a link sends an editor: the newsroom's frontend when an admin set one, else the CMS's page. */
export const previewTarget = (link: PreviewLink) =>
  link.frontendUrl ?? new URL(link.pageUrl, window.location.origin).toString();

/**
 * Preview: opens the saved working copy as readers would see it, beside the editor (a new tab or
 * window). The window is opened at the click, before any request, as browsers only allow a popup
 * then; it is pointed at the link once there is one. A live link with an hour or more left is
 * reused, so clicking Preview again does not pile up links.
 */
export function PreviewButton({ articleId, dirty }: { articleId: string; dirty: boolean }) {
  const [problem, setProblem] = useState<Problem>();
  const [opened, setOpened] = useState<string>();

  const open = async () => {
    const win = window.open('', '_blank');
    const links = await api.previewLinks(articleId);
    const reusable = links.ok
      ? links.data.items.filter((l) => Date.parse(l.expiresAt) - Date.now() > REUSE_MS).at(-1)
      : undefined;
    const result = reusable ? { ok: true as const, data: reusable } : await api.createPreview(articleId);
    if (!result.ok) {
      win?.close();
      return setProblem(result.problem);
    }
    setProblem(undefined);
    const url = previewTarget(result.data);
    setOpened(url);
    if (win) {
      // The preview must not be able to reach back into the console.
      win.opener = null;
      win.location.href = url;
    }
  };

  return (
    <div class="preview-open">
      <button type="button" class="primary" onClick={open}>
        Preview
      </button>
      {dirty && <p class="hint">The preview shows the saved version: save your changes first.</p>}
      {problem && <p class="error">{problemMessage(problem)}</p>}
      {opened && (
        <p class="hint" role="status">
          Opened in a new tab.{' '}
          <a href={safeUrl(opened)} target="_blank" rel="noopener noreferrer">
            Open the preview again
          </a>
        </p>
      )}
    </div>
  );
}
