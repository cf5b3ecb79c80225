import { describe, expect, it } from 'vitest';
import { addressKey, emailHash, mailbox } from '../../shared/services/comments/identity.ts';

describe('the mailbox an email delivers to', () => {
  it('folds what providers fold: case, plus tags, Gmail dots, googlemail.com, IDN domains', () => {
    for (const [email, box] of [
      ['Troll@Example.org', 'troll@example.org'],
      [' troll+news@example.org ', 'troll@example.org'],
      ['t.roll@gmail.com', 'troll@gmail.com'],
      ['T.Roll+2026@GoogleMail.com', 'troll@gmail.com'],
      ['troll@bücher.example', 'troll@xn--bcher-kva.example'],
      ['TROLL@XN--BCHER-KVA.EXAMPLE', 'troll@xn--bcher-kva.example'],
      ['troll@gmail.com.', 'troll@gmail.com'],
    ]) {
      expect(mailbox(email ?? ''), email).toBe(box);
    }
  });

  it('keeps apart what providers keep apart: dots elsewhere, other names', () => {
    expect(mailbox('t.roll@example.org')).toBe('t.roll@example.org');
    expect(emailHash('k', 't.roll@example.org')).not.toBe(emailHash('k', 'troll@example.org'));
    expect(emailHash('k', 'trolley@gmail.com')).not.toBe(emailHash('k', 'troll@gmail.com'));
    expect(emailHash('k', 'T.Roll+x@googlemail.com')).toBe(emailHash('k', 'troll@gmail.com'));
  });
});

describe('the reader behind an address', () => {
  it('is an IPv4 address as it is, mapped or not, and an IPv6 subscriber by their /64', () => {
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee'));
    expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
  });
});
