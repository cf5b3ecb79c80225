import type { Principal } from '../../auth/principal.ts';
import type { Clock } from '../../clock.ts';
import type { CommentSettings, CommentSettingsInput } from '../../schemas/comment.ts';
import type { CommentStore } from '../../store/commentStore.ts';

/**
 * Defaults a small newsroom can run with: every comment waits for a moderator, two links are
 * fine, one comment per client every 30 seconds. Admins change them at /v1/admin/settings/comments.
 */
export const DEFAULT_COMMENT_SETTINGS: CommentSettings = {
  mode: 'pre',
  maxLinks: 2,
  blockedTerms: [],
  floodSeconds: 30,
  reportThreshold: 3,
  suspectTerms: [],
  trustAfter: 0,
  closeAfterDays: null,
};

/** The moderation settings every submission is checked against: read fresh, replaced whole. */
export function createSettings({ comments, clock }: { comments: CommentStore; clock: Clock }) {
  return {
    async settings(): Promise<CommentSettings> {
      return (await comments.getSettings()) ?? DEFAULT_COMMENT_SETTINGS;
    },

    async updateSettings(principal: Principal, input: CommentSettingsInput): Promise<CommentSettings> {
      const settings: CommentSettings = { ...DEFAULT_COMMENT_SETTINGS, ...input };
      await comments.putSettings(settings, principal.sub, clock.now().toISOString());
      return settings;
    },
  };
}
