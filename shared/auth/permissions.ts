import type { ArticleStatus } from '../schemas/facts.ts';
import {
  allowedFrom,
  EDITABLE_STATUSES,
  WORKFLOW,
  type WorkflowAction,
  type WorkflowRule,
} from '../workflow.ts';
import { hasAnyRole, isAdmin, type Principal, type Role } from './principal.ts';

/** Who may publish a correction on a live article (admins always may); the route table grants the same. */
export const CORRECTORS: readonly Role[] = ['editor'];

/** The ownership facts the permission checks need; any stored article satisfies it. */
export interface Owned {
  readonly createdBy: string;
  /** Who wrote or changed the content since its last approval, where known. */
  readonly writers?: readonly string[];
}

/** Did this principal write the version at hand (created it, or changed it since approval)? */
export const wroteIt = (principal: Principal, article: Owned): boolean =>
  article.createdBy === principal.sub || (article.writers ?? []).includes(principal.sub);

/** Editors and admins see every article; an author sees only their own. */
export function canSeeArticle(principal: Principal, article: Owned): boolean {
  if (hasAnyRole(principal, ['editor'])) return true;
  return principal.roles.has('author') && article.createdBy === principal.sub;
}

/** Content edits follow visibility: whoever may see a working copy may edit it. */
export const canEditArticle = canSeeArticle;

/** May this principal perform this workflow action on this article (status aside)? */
export function canPerform(principal: Principal, rule: WorkflowRule, article: Owned): boolean {
  // Four eyes bind admins too: an admin who wrote the version needs someone else to approve it.
  if (rule.notByCreator && wroteIt(principal, article)) return false;
  if (isAdmin(principal)) return true;
  const isCreator = article.createdBy === principal.sub;
  if (principal.roles.has('editor') && rule.roles.includes('editor')) return true;
  return rule.authorOwnsIt === true && principal.roles.has('author') && isCreator;
}

/** What the API offers a caller on an article: the workflow table applied to it. */
export function availableActions(
  principal: Principal | null,
  article: Owned & { status: ArticleStatus; live: boolean },
): WorkflowAction[] {
  if (!principal || !canSeeArticle(principal, article)) return [];
  return WORKFLOW.filter(
    (rule) => allowedFrom(rule, article.status, article.live) && canPerform(principal, rule, article),
  ).map((rule) => rule.action);
}

/** Whether the caller may change the content now (PATCH, revision restore). */
export function canEditNow(principal: Principal | null, article: Owned & { status: ArticleStatus }): boolean {
  return !!principal && canEditArticle(principal, article) && EDITABLE_STATUSES.includes(article.status);
}

/**
 * Who may delete an image: editors (admins always); its uploader only while it never became
 * usable (pending or failed), so an upload that did not arrive leaves no record behind. A ready
 * image belongs to the library: removing it is the desk's call.
 */
export function canDeleteMedia(
  principal: Principal,
  media: { readonly uploadedBy: string; readonly status: string },
): boolean {
  return (
    hasAnyRole(principal, CORRECTORS) || (media.uploadedBy === principal.sub && media.status !== 'ready')
  );
}

/**
 * Who may change an image's words (alt text, caption, credit, licence): whoever uploaded it, and
 * editors (admins always). Any author may use an image; its words are its uploader's and the desk's.
 */
export function canDescribeMedia(principal: Principal, media: { readonly uploadedBy: string }): boolean {
  return hasAnyRole(principal, ['editor']) || media.uploadedBy === principal.sub;
}
