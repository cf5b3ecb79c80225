import type { RichEditorProps } from '../editor/richEditor.tsx';

export type Editor = (props: RichEditorProps) => preact.JSX.Element;

/** The rich-text editor's chunk, shared with the article's body field: loaded once, on demand. */
let loading: Promise<Editor> | undefined;
export const loadEditor = () => {
  loading ??= import('../editor/richEditor.tsx').then((m) => m.RichEditor);
  return loading;
};
