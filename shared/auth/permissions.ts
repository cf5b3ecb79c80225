import type { WorkflowRule } from '../workflow.ts';
import { hasAnyRole, type Principal } from './principal.ts';

/** The ownership facts the permission checks need; any stored article satisfies it. */
export interface Owned {
  readonly createdBy: string;
}

/** Editors and admins see every article; an author sees only their own. */
export function canSeeArticle(principal: Principal, article: Owned): boolean {
  if (hasAnyRole(principal, ['editor'])) return true;
  return principal.roles.has('author') && article.createdBy === principal.sub;
}

/** Content edits follow visibility: whoever may see a working copy may edit it. */
export const canEditArticle = canSeeArticle;

/** May this principal perform this workflow action on this article (status aside)? */
export function canPerform(principal: Principal, rule: WorkflowRule, article: Owned): boolean {
  if (principal.roles.has('admin')) return true;
  const isCreator = article.createdBy === principal.sub;
  if (rule.notByCreator && isCreator) return false;
  if (principal.roles.has('editor') && rule.roles.includes('editor')) return true;
  return rule.authorOwnsIt === true && principal.roles.has('author') && isCreator;
}
