import type { CommentSettings, Problem } from '../api.ts';
import { sentence } from './queueActions.ts';

/** Each setting as a sentence names it: "Flood interval: at most 86,400 seconds." */
const NAMES: Record<keyof CommentSettings, string> = {
  mode: 'Moderation mode',
  maxLinks: 'Maximum links',
  blockedTerms: 'Blocked terms',
  suspectTerms: 'Suspect terms',
  reportThreshold: 'Reports before a comment is held',
  trustAfter: 'Approvals before a commenter is trusted',
  closeAfterDays: 'Close comments after',
  floodSeconds: 'Flood interval',
};

/**
 * The API's 422 for the settings as sentences, one per problem, each naming its setting (and the
 * line, for a term): the one place the settings form words them, for every field. The API says
 * what is wrong in the setting's unit ("at most 86,400 seconds"); this says which setting.
 */
export function settingErrors(problem: Problem | undefined): { path: string; text: string }[] {
  return (problem?.errors ?? []).map(({ path, message }) => {
    const [field = path, line] = path.split('.');
    const name = NAMES[field as keyof CommentSettings] ?? field;
    const where = line !== undefined && /^\d+$/.test(line) ? `${name}, line ${Number(line) + 1}` : name;
    return { path: field, text: sentence(`${where}: ${message}`) };
  });
}

/** The sentences about one setting. */
export const errorsFor = (problem: Problem | undefined, field: keyof CommentSettings) =>
  settingErrors(problem)
    .filter((e) => e.path === field)
    .map((e) => e.text);
