import { describe, expect, it } from 'vitest';
import { availableActions, canPerform } from '../../shared/auth/permissions.ts';
import { type Principal, ROLES, type Role } from '../../shared/auth/principal.ts';
import { ARTICLE_STATUSES } from '../../shared/schemas/facts.ts';
import { allowedFrom, WORKFLOW, WORKFLOW_ACTIONS } from '../../shared/workflow.ts';

/**
 * Walks the workflow table of API.md for every action, every status (live or not) and every
 * role, as the article's creator and as someone else. The expectations are API.md's table,
 * restated here on purpose: if shared/workflow.ts drifts from the contract, this fails.
 */
const CONTRACT: Record<string, { from: string[]; to: string; who: string }> = {
  submit: { from: ['draft', 'changes_requested'], to: 'in_review', who: 'author-or-editor' },
  withdraw: { from: ['in_review'], to: 'draft', who: 'author-or-editor' },
  request_changes: { from: ['in_review'], to: 'changes_requested', who: 'editor' },
  approve: { from: ['in_review'], to: 'approved', who: 'editor-not-creator' },
  publish: { from: ['approved'], to: 'published', who: 'editor' },
  schedule: { from: ['approved'], to: 'scheduled', who: 'editor' },
  unschedule: { from: ['scheduled'], to: 'approved', who: 'editor' },
  unpublish: { from: ['published', '*live'], to: 'archived', who: 'editor' },
  restore: { from: ['archived'], to: 'draft', who: 'editor' },
};

const principal = (role: Role, sub = 'someone'): Principal => ({ sub, roles: new Set([role]) });

function expectedAllowed(action: string, role: Role, isCreator: boolean): boolean {
  const who = CONTRACT[action]?.who;
  // Four eyes bind everyone: an admin who wrote the article may not approve it either.
  if (who === 'editor-not-creator' && isCreator) return false;
  if (role === 'admin') return true;
  if (role === 'moderator') return false;
  if (who === 'author-or-editor') return role === 'editor' || (role === 'author' && isCreator);
  if (who === 'editor') return role === 'editor';
  if (who === 'editor-not-creator') return role === 'editor' && !isCreator;
  return false;
}

describe('the workflow table', () => {
  it('has exactly the actions of the contract', () => {
    expect([...WORKFLOW_ACTIONS].sort()).toEqual(Object.keys(CONTRACT).sort());
    expect(WORKFLOW.map((r) => r.action).sort()).toEqual(Object.keys(CONTRACT).sort());
  });

  for (const rule of WORKFLOW) {
    const contract = CONTRACT[rule.action];
    describe(rule.action, () => {
      it(`goes to ${contract?.to}`, () => {
        expect(rule.to).toBe(contract?.to);
      });

      for (const status of ARTICLE_STATUSES) {
        for (const live of [false, true]) {
          const expected =
            (contract?.from.includes(status) ?? false) ||
            (contract?.from.includes('*live') === true && live && status !== 'archived');
          it(`${expected ? 'allows' : 'refuses'} it from ${status}${live ? ' while live' : ''}`, () => {
            expect(allowedFrom(rule, status, live)).toBe(expected);
          });
        }
      }

      for (const role of ROLES) {
        for (const isCreator of [true, false]) {
          const expected = expectedAllowed(rule.action, role, isCreator);
          it(`${expected ? 'lets' : 'forbids'} ${role} (${isCreator ? 'creator' : 'not creator'})`, () => {
            const who = principal(role, 'me');
            const article = { createdBy: isCreator ? 'me' : 'someone-else' };
            expect(canPerform(who, rule, article)).toBe(expected);
          });
        }
      }
    });
  }

  it('refuses approval to anyone who changed the version since its last approval, admins included', () => {
    const approve = WORKFLOW.find((r) => r.action === 'approve');
    const publish = WORKFLOW.find((r) => r.action === 'publish');
    if (!approve || !publish) throw new Error('approve and publish are in the table');
    const article = { createdBy: 'author', writers: ['author', 'admin-who-edited'] };
    for (const role of ['admin', 'editor'] as const) {
      expect(canPerform(principal(role, 'admin-who-edited'), approve, article), role).toBe(false);
      expect(canPerform(principal(role, 'fresh-eyes'), approve, article), role).toBe(true);
      // Publishing is not approval: once someone else approved, whoever wrote it may publish.
      expect(canPerform(principal(role, 'admin-who-edited'), publish, article), role).toBe(true);
    }
    // An admin who created the article never approves it, even with the writers reset by an approval.
    expect(canPerform(principal('admin', 'author'), approve, { createdBy: 'author', writers: [] })).toBe(
      false,
    );
  });

  it('never offers approve to whoever wrote the version', () => {
    const inReview = { status: 'in_review' as const, live: false, createdBy: 'ada', writers: ['ada'] };
    expect(availableActions(principal('admin', 'ada'), inReview)).not.toContain('approve');
    expect(availableActions(principal('admin', 'other-admin'), inReview)).toContain('approve');
  });

  it('requires a note only for request_changes, and publishAt only for schedule', () => {
    expect(WORKFLOW.filter((r) => r.noteRequired).map((r) => r.action)).toEqual(['request_changes']);
    expect(WORKFLOW.filter((r) => r.publishAtRequired).map((r) => r.action)).toEqual(['schedule']);
  });
});
