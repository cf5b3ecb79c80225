import { describe, expect, it } from 'vitest';
import { atExpression, scheduleName } from '../../shared/integrations/schedules.ts';
import { previewTokens } from '../../shared/preview.ts';
import { evaluate } from '../../shared/services/comments/policy.ts';
import { DEFAULT_COMMENT_SETTINGS } from '../../shared/services/comments/settings.ts';

describe('comment rules', () => {
  const post = { ...DEFAULT_COMMENT_SETTINGS, mode: 'post' as const, maxLinks: 2, blockedTerms: ['casino'] };

  it('approves a clean comment in post mode and holds everything in pre mode', () => {
    expect(evaluate({ authorName: 'A', body: 'Fine words.' }, post)).toEqual({
      status: 'approved',
      flags: [],
    });
    expect(evaluate({ authorName: 'A', body: 'Fine words.' }, { ...post, mode: 'pre' })).toEqual({
      status: 'pending',
      flags: [],
    });
  });

  it('counts links of both shapes and holds a comment over the limit', () => {
    const body = 'See https://a.example/x, http://b.example and www.c.example for more.';
    expect(evaluate({ authorName: 'A', body }, post)).toEqual({ status: 'pending', flags: ['links:3'] });
    expect(evaluate({ authorName: 'A', body: 'One https://a.example link.' }, post).status).toBe('approved');
  });

  it('matches blocked terms case-insensitively in name, email and body', () => {
    for (const input of [
      { authorName: 'CASINO king', body: 'hi' },
      { authorName: 'A', authorEmail: 'me@casino.example', body: 'hi' },
      { authorName: 'A', body: 'the old Casino pier' },
    ]) {
      expect(evaluate(input, post)).toEqual({ status: 'pending', flags: ['blocked-term:casino'] });
    }
  });

  it('marks link farms, and blocked terms wrapped in links, as spam', () => {
    const farm = Array.from({ length: 6 }, (_, i) => `https://x.example/${i}`).join(' ');
    expect(evaluate({ authorName: 'A', body: farm }, post).status).toBe('spam');
    expect(
      evaluate(
        { authorName: 'A', body: `casino https://a.example https://b.example https://c.example` },
        post,
      ).status,
    ).toBe('spam');
  });
});

describe('preview tokens', () => {
  const tokens = previewTokens('key-one');
  const now = 1_800_000_000;

  it('verify what they signed until the expiry, and not a second after', () => {
    const claims = { articleId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', linkId: '01ARZ3NDEKTSV4RRFFQ69G5FAW' };
    const token = tokens.sign({ ...claims, expiresAt: now + 60 });
    expect(tokens.verify(token, now)).toEqual({ ...claims, expiresAt: now + 60 });
    expect(tokens.verify(token, now + 59)).not.toBeNull();
    expect(tokens.verify(token, now + 60)).toBeNull();
  });

  it('refuse another key, a changed payload, a changed signature and junk', () => {
    const token = tokens.sign({ articleId: 'A', linkId: 'L', expiresAt: now + 60 });
    const [payload, mac] = token.split('.');
    const forged = (text: string) => `${Buffer.from(text).toString('base64url')}.${mac}`;
    expect(previewTokens('key-two').verify(token, now)).toBeNull();
    expect(tokens.verify(forged(`B.L.${now + 60}`), now)).toBeNull();
    expect(tokens.verify(forged(`A.M.${now + 60}`), now)).toBeNull();
    expect(tokens.verify(forged(`A.L.${now + 9999}`), now)).toBeNull();
    expect(tokens.verify(`${payload}.${mac?.slice(1)}`, now)).toBeNull();
    for (const junk of ['', '.', 'a.b.c', 'x'.repeat(300)]) expect(tokens.verify(junk, now)).toBeNull();
  });
});

describe('schedule triggers', () => {
  it('fire on whole seconds, never early', () => {
    expect(atExpression('2026-12-01T09:30:00.000Z')).toBe('at(2026-12-01T09:30:00)');
    expect(atExpression('2026-12-01T09:30:00.001Z')).toBe('at(2026-12-01T09:30:01)');
    expect(atExpression('2026-12-01T10:30:00+01:00')).toBe('at(2026-12-01T09:30:00)');
  });

  it('are named per article and version, so a reschedule never collides with the old trigger', () => {
    expect(
      scheduleName({ kind: 'publish', articleId: 'A', version: 4, at: '2026-12-01T09:30:00Z' }),
    ).not.toBe(scheduleName({ kind: 'publish', articleId: 'A', version: 6, at: '2026-12-01T09:30:00Z' }));
  });
});

describe('lookalike text does not dodge the rules', () => {
  const strict = {
    ...DEFAULT_COMMENT_SETTINGS,
    mode: 'post' as const,
    maxLinks: 0,
    blockedTerms: ['casino'],
  };

  it.each([
    ['a Cyrillic a', 'Best c\u0430sino in town'],
    ['a zero-width space inside', 'Best cas\u200bino in town'],
    ['fullwidth letters', 'Best \uff43\uff41\uff53\uff49\uff4e\uff4f in town'],
    ['an accent', 'Best ca\u0301sino in town'],
    ['a soft hyphen and capitals', 'Best CAS\u00adINO in town'],
    ['Greek omicron', 'Best casin\u03bf in town'],
  ])('holds a blocked term written with %s', (_, body) => {
    expect(evaluate({ authorName: 'A', body }, strict)).toMatchObject({
      status: 'pending',
      flags: ['blocked-term:casino'],
    });
  });

  it('counts a link written with an invisible character in it', () => {
    expect(evaluate({ authorName: 'A', body: 'See h\u200bttps://spam.example/x' }, strict)).toMatchObject({
      flags: ['links:1'],
    });
  });

  it('leaves ordinary words with accents alone', () => {
    expect(evaluate({ authorName: 'Zoë', body: 'The café on the quay' }, strict)).toEqual({
      status: 'approved',
      flags: [],
    });
  });
});
