import type { ArticleStatus } from '../schemas/facts.ts';
import { EDITABLE_STATUSES, WORKFLOW, type WorkflowAction } from '../workflow.ts';

/**
 * Why a working copy is read-only to the caller, derived from the workflow table rather than
 * restated: the content is locked in any status outside EDITABLE_STATUSES, and the way out is
 * whichever workflow action the caller may take (the API's availableActions) that leads back to
 * an editable status (withdraw from review, request changes, restore to draft).
 */
export interface EditLock {
  status: ArticleStatus;
  /** Whether the status locks the content for everyone (false: only this caller may not edit). */
  lockedByStatus: boolean;
  /** The caller's actions that would make the content editable again, in workflow order. */
  unlockedBy: WorkflowAction[];
}

export function editLock(article: {
  status: ArticleStatus;
  editable: boolean;
  availableActions: readonly WorkflowAction[];
}): EditLock | null {
  if (article.editable) return null;
  const lockedByStatus = !EDITABLE_STATUSES.includes(article.status);
  const unlockedBy = WORKFLOW.filter(
    (rule) => article.availableActions.includes(rule.action) && EDITABLE_STATUSES.includes(rule.to),
  ).map((rule) => rule.action);
  return { status: article.status, lockedByStatus, unlockedBy };
}
