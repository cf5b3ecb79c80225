import { describe, expect, it } from 'vitest';
import { hasAnyRole, parseGroups, principalFromClaims } from '../../shared/auth/principal.ts';
import { problemResponse } from '../../shared/http/problem.ts';
import { parseIfMatch } from '../../shared/http/request.ts';
import { slugify } from '../../shared/slug.ts';
import { createCursorCodec } from '../../shared/store/cursor.ts';

describe('claims from the Cognito authorizer', () => {
  it('reads groups in every shape API Gateway and JWTs use', () => {
    expect(parseGroups('editor,admin')).toEqual(['editor', 'admin']);
    expect(parseGroups('[editor admin]')).toEqual(['editor', 'admin']);
    expect(parseGroups(['author'])).toEqual(['author']);
    expect(parseGroups('author, superuser')).toEqual(['author']);
    expect(parseGroups(undefined)).toEqual([]);
  });

  it('needs a sub, and admin satisfies every role', () => {
    expect(principalFromClaims({ 'cognito:groups': 'editor' })).toBeNull();
    const admin = principalFromClaims({ sub: 'u1', 'cognito:groups': 'admin' });
    expect(admin && hasAnyRole(admin, ['moderator'])).toBe(true);
    const author = principalFromClaims({ sub: 'u2', 'cognito:groups': 'author' });
    expect(author && hasAnyRole(author, ['editor'])).toBe(false);
  });
});

describe('If-Match', () => {
  it('reads strong, weak and bare versions', () => {
    expect(parseIfMatch({ 'if-match': '"7"' })).toBe(7);
    expect(parseIfMatch({ 'if-match': 'W/"7"' })).toBe(7);
    expect(parseIfMatch({ 'if-match': '7' })).toBe(7);
    expect(parseIfMatch({})).toBeUndefined();
  });
  it('refuses * (428) and junk (412)', () => {
    expect(() => parseIfMatch({ 'if-match': '*' })).toThrow(expect.objectContaining({ status: 428 }));
    expect(() => parseIfMatch({ 'if-match': '"abc"' })).toThrow(expect.objectContaining({ status: 412 }));
  });
});

describe('cursors', () => {
  const codec = createCursorCodec('secret-one');
  it('round-trips a key within its scope', () => {
    const cursor = codec.encode({ pk: 'FEED#all', sk: '2026#01' }, 'public||');
    expect(codec.decode(cursor ?? undefined, 'public||')).toEqual({ pk: 'FEED#all', sk: '2026#01' });
    expect(codec.encode(undefined, 'x')).toBeNull();
  });
  it('refuses a cursor from another scope, another key or with a changed payload', () => {
    const cursor = codec.encode({ pk: 'FEED#all', sk: 'a' }, 'scope-a') ?? '';
    expect(() => codec.decode(cursor, 'scope-b')).toThrow(expect.objectContaining({ status: 400 }));
    expect(() => createCursorCodec('secret-two').decode(cursor, 'scope-a')).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    const [, mac] = cursor.split('.');
    const forged = `${Buffer.from('{"pk":"ARTICLE#1","sk":"WORKING"}').toString('base64url')}.${mac}`;
    expect(() => codec.decode(forged, 'scope-a')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('slugs', () => {
  it('derives readable ASCII slugs from headlines', () => {
    expect(slugify("Zürich's new tram — opens!")).toBe('zurichs-new-tram-opens');
    expect(slugify('  --  ')).toBe('article');
    expect(slugify('a'.repeat(200)).length).toBeLessThanOrEqual(74);
  });
});

describe('problems', () => {
  it('turns an unexpected error into a 500 that reveals nothing internal', () => {
    const original = console.error;
    console.error = () => {};
    try {
      const res = problemResponse(
        new Error('ConditionalCheckFailed on table prod-Content at arn:aws:...'),
        'req-1',
      );
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('prod-Content');
      expect(res.body).not.toContain('arn:aws');
      expect(JSON.parse(res.body)).toMatchObject({ status: 500, requestId: 'req-1' });
    } finally {
      console.error = original;
    }
  });
});
