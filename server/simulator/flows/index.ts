/**
 * The flow table: which module sends each flow, and what each flow needs an earlier flow to
 * have made (a flow asked for alone brings its prerequisites with it).
 */
import type { FlowTable } from '../run-context';
import { SIMULATOR_FLOWS, type SimulatorFlow } from '../types';
import { assignFlow } from './assign';
import { credentialsFlow } from './credentials';
import { groupDeleteFlow, groupPushFlow, renameFlow } from './groups';
import { importFlow } from './import';
import { deactivateFlow, passwordFlow, profileFlow, reactivateFlow, unassignFlow } from './lifecycle';
import { membersFlow } from './members';

export const FLOWS: FlowTable = {
  credentials: credentialsFlow,
  assign: assignFlow,
  import: importFlow,
  profile: profileFlow,
  deactivate: deactivateFlow,
  reactivate: reactivateFlow,
  password: passwordFlow,
  'group-push': groupPushFlow,
  rename: renameFlow,
  members: membersFlow,
  'group-delete': groupDeleteFlow,
  unassign: unassignFlow,
};

const NEEDS: Partial<Record<SimulatorFlow, SimulatorFlow[]>> = {
  profile: ['assign'],
  deactivate: ['assign'],
  reactivate: ['assign'],
  password: ['assign'],
  unassign: ['assign'],
  'group-push': ['assign'],
  rename: ['group-push'],
  members: ['group-push'],
  'group-delete': ['group-push'],
};

/** The flows to run for a selection, prerequisites added, in Okta's order. */
export function planFlows(selected: readonly SimulatorFlow[] | undefined): SimulatorFlow[] {
  if (!selected?.length) return [...SIMULATOR_FLOWS];
  const want = new Set<SimulatorFlow>();
  const add = (f: SimulatorFlow): void => {
    if (want.has(f)) return;
    want.add(f);
    for (const n of NEEDS[f] ?? []) add(n);
  };
  selected.forEach(add);
  return SIMULATOR_FLOWS.filter((f) => want.has(f));
}
