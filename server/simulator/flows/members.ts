/**
 * Membership add, remove and replace (docs/okta.md §2.11-2.12), with the quirks servers get
 * wrong: members without `type` (Q7), idempotent re-add (Q8), `members[value eq "…"]` removal
 * with no value (Q6), several operations in one PATCH, Push Now's path `members` replace, the
 * path-less replace with `members` (Q4) and replace with `[]` (Q5). AIW apps PUT the group.
 */
import { groupPut, memberPath, memberRefs, patchOps, pathlessReplace } from '../okta-bodies';
import { expectStatus } from '../judge';
import type { RunContext, SimUser } from '../run-context';
import { expectMembers, judgeGroupWrite, type Send } from './reads';

type Who = 'primary' | 'second';

interface MemberStep {
  id: string;
  title: string;
  /** the OIN PATCH operations (each request also carries Okta's name PATCH first) */
  ops?: (u: Record<Who, SimUser>) => Record<string, unknown>[];
  /** the path-less replace value instead of ops */
  pathless?: (u: Record<Who, SimUser>) => Record<string, unknown>;
  /** who should be a member afterwards */
  after: Who[];
  /** AIW sends nothing for this case (a PUT carries the whole list) */
  oinOnly?: boolean;
}

const STEPS: MemberStep[] = [
  {
    id: 'add',
    title: 'Add a member: op add, path members, value [{value, display}] with no type',
    ops: (u) => [{ op: 'add', path: 'members', value: memberRefs([u.second]) }],
    after: ['primary', 'second'],
  },
  {
    id: 'add-again',
    title: 'Re-adding a member is idempotent (quirk Q8)',
    ops: (u) => [{ op: 'add', path: 'members', value: memberRefs([u.second]) }],
    after: ['primary', 'second'],
    oinOnly: true,
  },
  {
    id: 'remove',
    title: 'Remove a member: path members[value eq "…"] with no value (quirk Q6)',
    ops: (u) => [{ op: 'remove', path: memberPath(u.second.id) }],
    after: ['primary'],
  },
  {
    id: 'remove-absent',
    title: 'Removing a non-member succeeds and changes nothing',
    ops: (u) => [{ op: 'remove', path: memberPath(u.second.id) }],
    after: ['primary'],
    oinOnly: true,
  },
  {
    id: 'remove-and-add',
    title: 'One PATCH with a remove then an add, applied in order',
    ops: (u) => [
      { op: 'remove', path: memberPath(u.primary.id) },
      { op: 'add', path: 'members', value: memberRefs([u.second]) },
    ],
    after: ['second'],
    oinOnly: true,
  },
  {
    id: 'push-now',
    title: 'Push Now: replace path members with the full list',
    ops: (u) => [{ op: 'replace', path: 'members', value: memberRefs([u.primary, u.second]) }],
    after: ['primary', 'second'],
  },
  {
    id: 'pathless-replace',
    title: 'Path-less replace with members replaces the whole list (quirk Q4)',
    pathless: (u) => ({ members: memberRefs([u.primary]) }),
    after: ['primary'],
    oinOnly: true,
  },
  {
    id: 'replace-empty',
    title: 'Push Now on an emptied group: replace members with [] (quirk Q5)',
    ops: () => [{ op: 'replace', path: 'members', value: [] }],
    after: [],
  },
];

async function send1(ctx: RunContext, send: Send, s: MemberStep, u: Record<Who, SimUser>): Promise<void> {
  const g = ctx.group('pushed');
  const path = `/Groups/${encodeURIComponent(g.id)}`;
  if (ctx.app === 'aiw') {
    expectStatus(await send('GET', path), [200], 'Okta reads the group before its PUT');
    judgeGroupWrite(
      await send('PUT', path, {
        body: groupPut(
          g.id,
          g.displayName,
          s.after.map((w) => u[w]),
        ),
      }),
    );
    return;
  }
  // "The group name update operation is triggered each time there's a group membership
  // update operation" (docs/okta.md §2.9 step 3).
  judgeGroupWrite(
    await send('PATCH', path, { body: pathlessReplace({ id: g.id, displayName: g.displayName }) }),
  );
  const body = s.pathless ? pathlessReplace(s.pathless(u)) : patchOps(...(s.ops?.(u) ?? []));
  judgeGroupWrite(await send('PATCH', path, { body }));
}

export async function membersFlow(ctx: RunContext): Promise<void> {
  for (const s of STEPS) {
    if (s.oinOnly && ctx.app === 'aiw') continue;
    await ctx.step('members', s.id, s.title, async (send) => {
      const u = { primary: ctx.user('primary'), second: ctx.user('second') };
      await send1(ctx, send, s, u);
      await expectMembers(
        send,
        ctx.group('pushed').id,
        s.after.map((w) => u[w]),
        `"${s.id}"`,
      );
    });
  }
}
