import { canPerform, wroteIt } from '../../auth/permissions.ts';
import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors.ts';
import type { TransitionInput } from '../../schemas/articleHistory.ts';
import type { ArticleStore, StoredArticle } from '../../store/articleStore.ts';
import { allowedFrom, ruleFor, type WorkflowRule } from '../../workflow.ts';
import { approvalPin } from '../media/references.ts';
import { assertFuture, assertVersion } from './checks.ts';
import type { Publication } from './publication.ts';
import { articleToWrite } from './reads.ts';
import type { Scheduling } from './scheduling.ts';
import type { Triggers } from './triggers.ts';
import { nextVersion } from './versions.ts';

export interface TransitionDeps {
  store: ArticleStore;
  clock: Clock;
  publication: Publication;
  scheduling: Scheduling;
  triggers: Triggers;
}

/** The workflow of shared/workflow.ts, enforced: who may, from which status, with what input. */
export function createTransitions({ store, clock, publication, scheduling, triggers }: TransitionDeps) {
  return {
    async transition(
      principal: Principal,
      id: string,
      expectedVersion: number | undefined,
      input: TransitionInput,
    ): Promise<StoredArticle> {
      const { article, version } = await articleToWrite(store, principal, id, expectedVersion);
      const rule = ruleFor(input.action);
      if (!canPerform(principal, rule, article)) {
        throw new ForbiddenError(
          rule.notByCreator && wroteIt(principal, article)
            ? `You wrote or edited this version, so someone else must ${input.action} it.`
            : `Your role may not ${input.action} this article.`,
        );
      }
      assertVersion(article, version);
      if (!allowedFrom(rule, article.status, article.live)) {
        throw new ConflictError(
          `Cannot ${input.action} an article that is ${article.status}${article.live ? ' (live)' : ''}.`,
        );
      }
      const now = clock.now();
      assertInput(rule, input, now);

      const { next, audit } = nextVersion(
        article,
        rule.to,
        { actor: principal.sub, action: input.action, at: now.toISOString(), note: input.note },
        // Once approved, the next edit starts a new list of who wrote the version under review.
        input.action === 'approve' ? { writers: [] } : {},
      );
      // The approval covers the words of the library images too: it pins the records it saw.
      if (input.action === 'approve') next.approvedMedia = await approvalPin(store.media, article);
      switch (input.action) {
        case 'publish':
          return publication.goLive(article, next, audit);
        case 'unpublish': {
          const dark = await publication.goDark(article, next, audit);
          await triggers.dropPending(article);
          return dark;
        }
        case 'schedule':
          return scheduling.schedulePublish(article, next, audit, input.publishAt ?? '');
        case 'unschedule':
          return scheduling.cancelPublish(article, next, audit);
        default:
          await store.commit({ article: next, expectedVersion: article.version, audit });
          return next;
      }
    },
  };
}

/** What the rule asks of the input: a note for request_changes, a future publishAt for schedule. */
function assertInput(rule: WorkflowRule, input: TransitionInput, now: Date): void {
  if (rule.noteRequired && !input.note) {
    throw new ValidationError(`${input.action} needs a note that tells the author what to change.`, [
      { path: 'note', message: 'is required for this action' },
    ]);
  }
  if (rule.publishAtRequired) {
    if (!input.publishAt) {
      throw new ValidationError('schedule needs publishAt, the time to go live.', [
        { path: 'publishAt', message: 'is required for this action' },
      ]);
    }
    assertFuture(input.publishAt, now, 'publishAt');
  } else if (input.publishAt !== undefined) {
    throw new ValidationError(`${input.action} does not take publishAt.`, [
      { path: 'publishAt', message: 'is only for schedule' },
    ]);
  }
}
