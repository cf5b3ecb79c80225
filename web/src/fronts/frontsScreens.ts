/** The fronts screens, one chunk loaded when an editor first opens them (fronts/lazy.tsx). */
export { FrontEditor } from './frontEditor.tsx';
export { FrontList } from './frontList.tsx';
