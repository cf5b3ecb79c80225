import type { Principal } from '../../auth/principal.ts';
import type { Clock, IdFactory } from '../../clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../errors.ts';
import type { Ban, BanCreated, BanCreateInput, StoredBan } from '../../schemas/ban.ts';
import { BAN_LIMITS } from '../../schemas/facts.ts';
import type { ModerationInput } from '../../schemas/moderation.ts';
import type { CommentStore } from '../../store/commentStore.ts';
import { BanRefused, CommenterStore } from '../../store/comments/commenterStore.ts';
import type { PageKey } from '../../store/cursor.ts';
import { emailHash } from './identity.ts';

/** What a banned commenter is told: plainly, with the end if there is one, and nothing else. */
export function banMessage(ban: { until: string | null }): string {
  return ban.until ? `You cannot comment here until ${ban.until}.` : 'You cannot comment here any more.';
}

export interface BanDeps {
  comments: CommentStore;
  /** The queue's bulk decision (moderation.ts): a ban rejects what its commenter has pending. */
  moderation: {
    moderateMany(
      principal: Principal,
      ids: readonly string[],
      input: ModerationInput,
    ): Promise<ReadonlyArray<{ id: string; status: number }>>;
  };
  clock: Clock;
  newId: IdFactory;
  fingerprintSecret: string;
}

/**
 * Bans: a moderator bans whoever wrote a comment, by the keyed hash of the mailbox they gave (see
 * mailbox: `+tags`, Gmail's dots and googlemail.com do not escape it), by their client fingerprint
 * and by their address, so a new name, a new browser or no email from there is refused too.
 */
export function createBans(deps: BanDeps) {
  const { comments, clock, fingerprintSecret } = deps;
  const commenters = new CommenterStore(comments);

  /** A ban as moderators see it: whether it is in force now, and never the hashes it holds. */
  function present(ban: StoredBan): Ban {
    const { hashes: _h, ...rest } = ban;
    const now = clock.now().getTime();
    return { ...rest, active: !ban.revokedAt && (!ban.until || Date.parse(ban.until) > now) };
  }

  return {
    async ban(principal: Principal, input: BanCreateInput): Promise<BanCreated> {
      const comment = await comments.get(input.commentId);
      if (!comment) {
        throw new ValidationError('The ban names no comment.', [
          { path: 'commentId', message: 'no comment with this id' },
        ]);
      }
      const now = clock.now();
      if (input.until && Date.parse(input.until) <= now.getTime()) {
        throw new ValidationError('A ban cannot end in the past.', [
          { path: 'until', message: 'must be in the future' },
        ]);
      }
      // The mailbox's hash from the email itself, so a comment stored before mailbox normalization
      // is banned under it too; the stored hash only when the email is gone.
      const hashedEmail = comment.authorEmail
        ? emailHash(fingerprintSecret, comment.authorEmail)
        : (comment.emailHash ?? null);
      const ban: StoredBan = {
        id: deps.newId(now),
        commentId: comment.id,
        authorName: comment.authorName,
        byEmail: hashedEmail !== null,
        reason: input.reason,
        until: input.until ? new Date(input.until).toISOString() : null,
        createdAt: now.toISOString(),
        createdBy: principal.sub,
        revokedAt: null,
        revokedBy: null,
        // The address too, for the ban's duration: a new user agent without an email from the same
        // address is the same person (absent on comments stored before addresses were kept).
        hashes: { email: hashedEmail, client: comment.fingerprint, address: comment.addressHash ?? null },
      };
      const expires = ban.until ? Math.floor(Date.parse(ban.until) / 1000) + 24 * 60 * 60 : null;
      await commenters.createBan(ban, expires);
      const rejected: string[] = [];
      if (input.rejectPending) {
        // Theirs: from that client, and under that email (either hash) from any other client.
        const emails = new Set([hashedEmail, comment.emailHash].filter((h): h is string => !!h));
        const theirs = (
          await Promise.all([
            commenters.commentsOfClient(comment.fingerprint, BAN_LIMITS.rejectPendingMax),
            ...[...emails].map((h) => commenters.commentsOfCommenter(h, BAN_LIMITS.rejectPendingMax)),
          ])
        ).flat();
        const pending = new Set(theirs.filter((c) => c.status === 'pending').map((c) => c.id));
        if (comment.status === 'pending') pending.add(comment.id);
        if (pending.size) {
          const results = await deps.moderation.moderateMany(principal, [...pending], {
            action: 'reject',
            note: `Banned: ${input.reason}`.slice(0, 1_000),
          });
          for (const r of results) if (r.status === 200) rejected.push(r.id);
        }
      }
      return { ...present(ban), rejected };
    },

    async listBans(limit: number, startKey: PageKey | undefined) {
      const page = await commenters.listBans(limit, startKey);
      return { items: page.items.map((b) => present(b)), lastKey: page.lastKey };
    },

    async revokeBan(principal: Principal, id: string): Promise<Ban> {
      const ban = await commenters.getBan(id);
      if (!ban) throw new NotFoundError(`No ban with id ${id}.`);
      try {
        return present(await commenters.revokeBan(ban, principal.sub, clock.now().toISOString()));
      } catch (error) {
        if (error instanceof BanRefused) throw new ConflictError('This ban was already revoked.');
        throw error;
      }
    },
  };
}
