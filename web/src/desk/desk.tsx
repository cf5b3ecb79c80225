import './desk.css';
import { PresenceLine, usePresence } from './presence.tsx';
import { AutosaveBanner, type AutosaveProps, useAutosave } from './restore.tsx';

export type { RestoredFields } from './restore.tsx';

/**
 * The writing desk around an open article (issue 23): who else has it open, and the person's
 * unsaved edits kept on the server while they type, offered back when they open it again. The
 * editor mounts this once and hands it the form's state; it holds no article logic of its own.
 */
export function Desk(props: AutosaveProps) {
  // A story not saved yet is open nowhere else: nothing to say about others, only its autosave.
  if (!props.articleId) return <NewStoryDesk {...props} />;
  return <ArticleDesk {...props} articleId={props.articleId} />;
}

function NewStoryDesk(props: AutosaveProps) {
  const autosave = useAutosave(props);
  return (
    <div class="desk">
      <AutosaveBanner desk={autosave} />
    </div>
  );
}

function ArticleDesk(props: AutosaveProps & { articleId: string }) {
  const others = usePresence(props.articleId, props.dirty);
  const autosave = useAutosave(props);
  return (
    <div class="desk">
      <PresenceLine others={others} />
      <AutosaveBanner desk={autosave} />
    </div>
  );
}
