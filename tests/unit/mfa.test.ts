import { describe, expect, it } from 'vitest';
import { hasTotp, requiresMfa } from '../../shared/auth/mfa.ts';

describe('MFA for admins', () => {
  it('is required of the admin group only', () => {
    expect(requiresMfa(['admin'])).toBe(true);
    expect(requiresMfa(['editor', 'admin'])).toBe(true);
    for (const groups of [[], ['author'], ['editor'], ['moderator'], ['administrator']])
      expect(requiresMfa(groups), groups.join()).toBe(false);
  });

  it('counts an authenticator app, never SMS or nothing', () => {
    expect(hasTotp(['SOFTWARE_TOKEN_MFA'])).toBe(true);
    expect(hasTotp(['SMS_MFA', 'SOFTWARE_TOKEN_MFA'])).toBe(true);
    expect(hasTotp(['SMS_MFA'])).toBe(false);
    expect(hasTotp([])).toBe(false);
    expect(hasTotp(undefined)).toBe(false);
  });
});
