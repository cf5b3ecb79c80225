import type { ArticleStatus } from './schemas/facts.ts';

/**
 * The editorial workflow, written once. The service enforces it, the tests walk it and the
 * docs/articles.md shows it. `roles` lists the roles allowed; `authorOwnsIt` lets the article's own author
 * (role author) act; `notByCreator` forbids whoever wrote the version (its creator, or anyone who
 * changed it since its last approval) whatever their role, admin included. Admin may do the rest.
 */
export interface WorkflowRule {
  readonly action: WorkflowAction;
  readonly from: readonly ArticleStatus[];
  /** Also allowed from any status while the article has a live snapshot. */
  readonly fromAnyWhileLive?: boolean;
  readonly to: ArticleStatus;
  readonly roles: readonly ('editor' | 'author')[];
  readonly authorOwnsIt?: boolean;
  readonly notByCreator?: boolean;
  readonly noteRequired?: boolean;
  /** Needs `publishAt`, a time in the future. */
  readonly publishAtRequired?: boolean;
}

export const WORKFLOW_ACTIONS = [
  'submit',
  'withdraw',
  'request_changes',
  'approve',
  'publish',
  'schedule',
  'unschedule',
  'unpublish',
  'restore',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export const WORKFLOW: readonly WorkflowRule[] = [
  {
    action: 'submit',
    from: ['draft', 'changes_requested'],
    to: 'in_review',
    roles: ['editor'],
    authorOwnsIt: true,
  },
  { action: 'withdraw', from: ['in_review'], to: 'draft', roles: ['editor'], authorOwnsIt: true },
  {
    action: 'request_changes',
    from: ['in_review'],
    to: 'changes_requested',
    roles: ['editor'],
    noteRequired: true,
  },
  { action: 'approve', from: ['in_review'], to: 'approved', roles: ['editor'], notByCreator: true },
  { action: 'publish', from: ['approved'], to: 'published', roles: ['editor'] },
  { action: 'schedule', from: ['approved'], to: 'scheduled', roles: ['editor'], publishAtRequired: true },
  { action: 'unschedule', from: ['scheduled'], to: 'approved', roles: ['editor'] },
  { action: 'unpublish', from: ['published'], fromAnyWhileLive: true, to: 'archived', roles: ['editor'] },
  { action: 'restore', from: ['archived'], to: 'draft', roles: ['editor'] },
];

/** Statuses in which the content may be edited (PATCH, revision restore). */
export const EDITABLE_STATUSES: readonly ArticleStatus[] = ['draft', 'changes_requested', 'published'];

export function ruleFor(action: WorkflowAction): WorkflowRule {
  const rule = WORKFLOW.find((r) => r.action === action);
  if (!rule) throw new Error(`No workflow rule for ${action}`);
  return rule;
}

export function allowedFrom(rule: WorkflowRule, status: ArticleStatus, live: boolean): boolean {
  return rule.from.includes(status) || (rule.fromAnyWhileLive === true && live && status !== rule.to);
}
