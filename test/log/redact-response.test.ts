/**
 * redactResponseBody (the request log's fast path for JSON ScimDesk serialised itself, issue 3)
 * must log exactly what redactBody logs: same redaction, same truncation, for text and for
 * UTF-8 bytes, small and huge, ASCII and not.
 */
import { describe, expect, it } from 'vitest';
import { MAX_LOGGED_BODY, redactBody, redactResponseBody } from '../../server/log/redact';

const user = (userName: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: '2819c223-7f76-453a-919d-413861904646',
    userName,
    name: { givenName: 'Bärbel', familyName: 'O"Neil\\' },
    emails: [{ value: userName, primary: true, type: 'work' }],
    active: true,
    ...extra,
    meta: { resourceType: 'User', version: 'W/"3"' },
  });

const members = (n: number, name: (i: number) => string) =>
  JSON.stringify({
    id: 'g',
    members: Array.from({ length: n }, (_, i) => ({ value: `u${i}`, display: name(i), type: 'User' })),
  });

const CASES: [string, string][] = [
  ['a user', user('jane.doe@example.com')],
  ['control characters and U+2028', user('tab\t\u0001\u2028@example.com')],
  ['emoji and CJK', user('😀日本@example.jp')],
  ['a value that mentions a token', user('token.holder@example.com')],
  ['a secret key in an extension', user('x@example.com', { 'urn:example:ext': { token: 'abc', Secret: 1 } })],
  ['a password key', user('x@example.com', { password: 'hunter2' })],
  [
    'an error body',
    JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' }),
  ],
  ['an empty list', '{"schemas":["x"],"totalResults":0,"Resources":[]}'],
  ['a list just over the log cap', members(1_200, (i) => `user${i}@example.com`)],
  ['a 4 MB+ member list (not parsed)', members(70_000, (i) => `user${i}@example.com`)],
  ['a 4 MB+ non-ASCII member list', members(70_000, (i) => `üser${i}@exämple.com`)],
  ['a 4 MB+ list with a password key', members(70_000, (i) => (i === 5 ? 'password' : `u${i}`))],
];

describe('redactResponseBody ≡ redactBody for JSON we serialised', () => {
  it.each(CASES)('%s', (_label, text) => {
    const expected = redactBody(text);
    expect(redactResponseBody(text)).toBe(expected);
    expect(redactResponseBody(Buffer.from(text))).toBe(expected);
  });

  it('caps what it keeps and says how long the body was', () => {
    const text = members(70_000, (i) => `user${i}@example.com`);
    const logged = redactResponseBody(Buffer.from(text)) ?? '';
    expect(logged.startsWith(text.slice(0, MAX_LOGGED_BODY))).toBe(true);
    expect(logged.endsWith(`[truncated: ${text.length} characters in all]`)).toBe(true);
  });

  it('logs no body for an empty response', () => {
    expect(redactResponseBody('')).toBeNull();
    expect(redactResponseBody(Buffer.alloc(0))).toBeNull();
  });
});

describe('redactBody on request bodies', () => {
  it('keeps a body that names no secret as sent, and redacts one that does, however it is spelled', () => {
    const plain =
      '{ "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op":"replace","value":{"active":false}}] }';
    expect(redactBody(plain)).toBe(plain);
    for (const body of [
      '{"userName":"a@example.com","password":"hunter2-secret-value"}',
      '{"userName":"a@example.com","PassWord":"hunter2-secret-value"}',
      // a JSON escape spells the key in other letters: still a password once parsed
      '{"userName":"a@example.com","pass\\u0077ord":"hunter2-secret-value"}',
      '{"Operations":[{"op":"replace","path":"password","value":"hunter2-secret-value"}]}',
    ]) {
      const logged = redactBody(body) ?? '';
      expect(logged, body).not.toContain('hunter2-secret-value');
      expect(logged).toContain('[redacted]');
    }
  });
});
