/** Flow planning (prerequisites) and the load figures' percentiles. */
import { describe, expect, it } from 'vitest';
import { planFlows } from '../../server/simulator/flows';
import { percentile } from '../../server/simulator/load';
import { SIMULATOR_FLOWS } from '../../server/simulator/types';

describe('planFlows', () => {
  it('runs everything, in Okta order, when nothing is chosen', () => {
    expect(planFlows(undefined)).toEqual([...SIMULATOR_FLOWS]);
    expect(planFlows([])).toEqual([...SIMULATOR_FLOWS]);
  });
  it.each([
    [['members'], ['assign', 'group-push', 'members']],
    [
      ['unassign', 'credentials'],
      ['credentials', 'assign', 'unassign'],
    ],
    [
      ['group-delete', 'rename'],
      ['assign', 'group-push', 'rename', 'group-delete'],
    ],
    [['import'], ['import']],
  ] as const)('%j brings its prerequisites: %j', (chosen, planned) => {
    expect(planFlows(chosen)).toEqual(planned);
  });
});

describe('percentile (nearest rank)', () => {
  const ms = Array.from({ length: 100 }, (_, i) => i + 1);
  it.each([
    [50, 50],
    [95, 95],
    [99, 99],
    [100, 100],
  ])('p%d of 1..100 is %d', (p, want) => {
    expect(percentile(ms, p)).toBe(want);
  });
  it('handles one sample and none', () => {
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBe(0);
  });
});
