import { onDemand } from '../ui/onDemand.tsx';

/**
 * The rich-text editor as the article's body and the live desk show it: its chunk (ProseMirror) is
 * fetched once, when the first editor opens, outside the console's first load.
 */
export const RichEditorOnDemand = onDemand(
  () => import('./richEditor.tsx').then((m) => m.RichEditor),
  'the editor',
);
