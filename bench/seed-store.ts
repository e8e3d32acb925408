/**
 * Seeds a ScimDesk data directory through the store itself (seeding 250,000 users over HTTP
 * would take minutes): users built from Okta's create body by the tenant's own buildUserDoc,
 * so they are stored exactly as POST /Users would store them, inserted in big transactions;
 * then optional groups with members; then a snapshot, so the server starts from it.
 * Usage: node --import tsx bench/seed-store.ts <dataDir> --users N [--from K] [--groups G --members M]
 * (`--from K` extends a directory that already holds users 0…K-1 from this script.)
 * Prints one JSON line: { users, groups, seedMs }.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../server/store';
import { buildUserDoc } from '../server/scim/user-doc';
import { PROFILES } from '../server/domain/profiles';
import { userSchemas } from '../server/scim/schemas-in-use';
import { groupId, oktaCreateBody, userId } from './lib/okta-traffic';

const BATCH = 5_000;

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      users: { type: 'string' },
      from: { type: 'string', default: '0' },
      groups: { type: 'string', default: '0' },
      members: { type: 'string', default: '0' },
    },
  });
  const dataDir = positionals[0];
  if (!dataDir || !values.users)
    throw new Error('usage: seed-store <dataDir> --users N [--from K] [--groups G --members M]');
  const users = Number(values.users);
  const first = Number(values.from);
  const groups = Number(values.groups);
  const perGroup = Number(values.members);
  const t0 = performance.now();
  // No automatic snapshot while seeding: one at the end covers everything.
  const store = await openStore({ dir: join(dataDir, 'db'), snapshotJournalBytes: 2 ** 40 });
  const profile = PROFILES.netskope;
  const none = new Set<string>();
  const at = new Date().toISOString();
  for (let from = first; from < users; from += BATCH) {
    await store.engine.write((tx) => {
      for (let i = from; i < Math.min(users, from + BATCH); i++) {
        const doc = buildUserDoc(oktaCreateBody(i), profile, none, userSchemas());
        doc.resource['active'] = true;
        store.users.insert(tx, userId(i), doc, at);
      }
    });
  }
  for (let from = 0; from < groups; from += 500) {
    await store.engine.write((tx) => {
      for (let g = from; g < Math.min(groups, from + 500); g++) {
        const group = store.groups.insert(tx, groupId(g), { displayName: `Okta Group ${g}` }, at);
        const seqs: number[] = [];
        // seqs are 1-based creation order, so user i has seq i + 1 in a fresh directory
        for (let k = 0; k < perGroup && users > 0; k++) seqs.push(((g * perGroup + k) % users) + 1);
        if (seqs.length) store.groups.addMembers(tx, group.seq, seqs, at);
      }
    });
  }
  await store.engine.snapshot();
  await store.close();
  console.log(JSON.stringify({ users, groups, seedMs: Math.round(performance.now() - t0) }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
