/**
 * The in-memory side as PATCH uses it (RFC 7644 §3.5.2): parsePatchPath gives the value filter,
 * matchesValue picks the elements. Cases are the paths Okta, Entra and Netskope's own PATCH
 * table send (docs/okta.md §2, docs/netskope.md §8.1).
 */
import { describe, expect, it } from 'vitest';
import { matchesValue, parsePatchPath } from '../../server/query';
import { findAttribute, GROUP_SCHEMA, USER_SCHEMA } from '../../server/domain/schema';

const emails = findAttribute(USER_SCHEMA.attributes, 'emails');
const addresses = findAttribute(USER_SCHEMA.attributes, 'addresses');
const members = findAttribute(GROUP_SCHEMA.attributes, 'members');

describe('value-filtered PATCH paths', () => {
  it('Okta group push: remove members[value eq "<id>"] picks exactly that member', () => {
    const path = parsePatchPath('members[value eq "89bb1940-b905-4575-9e7f-6f887cfb368e"]');
    expect(path.attr).toEqual({ attr: 'members' });
    const list = [{ value: '89bb1940-b905-4575-9e7f-6f887cfb368e', display: 'a' }, { value: 'other' }];
    expect(list.filter((m) => path.filter && matchesValue(path.filter, m, members))).toEqual([list[0]]);
  });

  it('Netskope PATCH table: emails[type eq "work"].value matches a "Work" email (type is caseExact=false)', () => {
    const path = parsePatchPath('emails[type eq "work"].value');
    expect(path.sub).toBe('value');
    const list = [{ value: 'a@x', type: 'Work' }, { value: 'b@x', type: 'home' }, 'junk', null];
    expect(list.map((e) => path.filter !== undefined && matchesValue(path.filter, e, emails))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it('Entra: addresses[type eq "work"].streetAddress', () => {
    const path = parsePatchPath('addresses[type eq "work"].streetAddress');
    expect(
      path.filter && matchesValue(path.filter, { type: 'work', streetAddress: '1 Main' }, addresses),
    ).toBe(true);
  });

  it('compound value filters and not (…)', () => {
    const path = parsePatchPath('emails[type eq "work" and not (primary eq true)]');
    const f = path.filter;
    expect(f && matchesValue(f, { type: 'work', primary: false }, emails)).toBe(true);
    expect(f && matchesValue(f, { type: 'work', primary: true }, emails)).toBe(false);
    expect(f && matchesValue(f, { type: 'work' }, emails)).toBe(true);
  });

  it('without a definition, compares by the filter value types, case-insensitively', () => {
    const f = parsePatchPath('things[kind eq "A" and size gt 2 and on eq true]').filter;
    expect(f && matchesValue(f, { kind: 'a', size: 3, on: true })).toBe(true);
    expect(f && matchesValue(f, { kind: 'a', size: '3', on: true })).toBe(false);
  });

  it('unknown sub-attributes of a known attribute are invalidFilter (or read as written with json mode)', () => {
    const f = parsePatchPath('emails[kind eq "x"]').filter;
    expect(() => f && matchesValue(f, { kind: 'x' }, emails)).toThrow(/has no sub-attribute "kind"/);
    expect(f && matchesValue(f, { kind: 'X' }, emails, { unknownAttributes: 'json' })).toBe(true);
  });
});
