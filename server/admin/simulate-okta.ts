/**
 * "Simulate Okta" on Connect: runs the Okta simulator (server/simulator) against this tenant's
 * own SCIM endpoint, over HTTP like a real Okta org, so the request log, history, activity and
 * checklist fill exactly as they would. The run uses a token it mints for itself, named
 * "Okta simulator" and marked so the log flags its requests as simulated, and revokes it when
 * done. One run at a time; each finished step is pushed as a `simulation` event.
 */
import type { ScimDeskCore } from '../core';
import { runSimulation } from '../simulator/runner';
import { AdminError } from './admin-error';
import { simulateOktaSchema, type AdminApi, type AdminEvent } from './contract';

export const SIMULATOR_TOKEN_NAME = 'Okta simulator';

export function createSimulateOkta(
  core: ScimDeskCore,
  emit: (event: AdminEvent) => void,
): AdminApi['simulateOkta'] {
  let running = false;
  return async (input) => {
    const { flows, app } = simulateOktaSchema.parse(input ?? {});
    if (running) throw new AdminError('conflict', 'A simulation is already running');
    running = true;
    let token: Awaited<ReturnType<typeof core.tokens.create>> | null = null;
    try {
      token = await core.tokens.create(SIMULATOR_TOKEN_NAME);
      core.tokens.markSimulated(token.scimId);
      emit({ type: 'simulation', running: true, step: null });
      const result = await runSimulation({
        baseUrl: core.scimUrl,
        token: token.token,
        ...(flows ? { flows } : {}),
        ...(app ? { app } : {}),
        onStep: (step) => emit({ type: 'simulation', running: true, step }),
      });
      emit({ type: 'simulation', running: false, passed: result.passed, failed: result.failed });
      return result;
    } catch (err) {
      emit({ type: 'simulation', running: false, passed: 0, failed: 1 });
      if (err instanceof AdminError) throw err;
      throw new AdminError('unavailable', `The simulation could not run: ${(err as Error).message}`);
    } finally {
      running = false;
      if (token) await core.tokens.revoke(token.scimId).catch(() => undefined);
    }
  };
}
