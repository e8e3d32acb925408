/**
 * The SQL-built member list (GroupsRepo.membersJsonBytes, issue 3) must be byte-for-byte the
 * text the JavaScript builder makes from memberRefs (membersJson): same order, same escaping
 * of userNames (quotes, backslashes, control characters, non-ASCII), across chunk boundaries.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membersJson } from '../../server/scim/group-representation';
import { openStore, type Store } from '../../server/store';

const TRICKY = [
  'plain@example.com',
  'quote"in@example.com',
  'back\\slash@example.com',
  'tab\tnew\nline\rcr@example.com',
  'ctl\u0001\u001f\u007f@example.com',
  'bs\b ff\f@example.com',
  'ünïcödé@exämple.com',
  '日本語@example.jp',
  'emoji😀@example.com',
  'sep\u2028\u2029@example.com',
  'slash/and<tags>&@example.com',
];
const BULK = 10_050; // crosses the 10,000-member chunk

let dir: string;
let store: Store;
let bigSeq = 0;
let smallSeq = 0;
let emptySeq = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimdesk-members-json-'));
  store = await openStore({ dir, fsync: false });
  const at = new Date(0).toISOString();
  await store.engine.write((tx) => {
    const seqs: number[] = [];
    for (let i = 0; i < BULK; i++) {
      const userName = TRICKY[i % TRICKY.length]?.replace('@', `${i}@`) ?? '';
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      seqs.push(store.users.insert(tx, id, { resource: { userName, active: true }, ignored: [] }, at).seq);
    }
    const big = store.groups.insert(tx, 'g-big', { displayName: 'big' }, at);
    // added out of order: the list is in membership (user seq) order regardless
    store.groups.addMembers(tx, big.seq, [...seqs].reverse(), at);
    bigSeq = big.seq;
    const small = store.groups.insert(tx, 'g-small', { displayName: 'small' }, at);
    store.groups.addMembers(tx, small.seq, seqs.slice(0, TRICKY.length), at);
    smallSeq = small.seq;
    emptySeq = store.groups.insert(tx, 'g-empty', { displayName: 'empty' }, at).seq;
  });
}, 60_000);

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GroupsRepo.membersJsonBytes', () => {
  const base = 'https://tunnel.example/api/v2/scim';
  const ref = JSON.stringify(`${base}/Users/`).slice(0, -1);

  it.each([
    ['empty group', () => emptySeq],
    ['tricky userNames', () => smallSeq],
    [`${BULK} members (two chunks)`, () => bigSeq],
  ])('%s: same text as membersJson(memberRefs)', (_label, seq) => {
    const [sql, js] = store.engine.read((r) => [
      store.groups.membersJsonBytes(r, seq(), ref).toString('utf8'),
      membersJson(store.groups.memberRefs(r, seq()), base),
    ]);
    expect(sql).toBe(js);
    expect(JSON.parse(sql)).toHaveLength(seq() === emptySeq ? 0 : seq() === smallSeq ? TRICKY.length : BULK);
  });
});
