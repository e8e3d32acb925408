/**
 * The console repeats the Okta action labels (the renderer may only `import type` from the
 * server, layers.config.js); this keeps the copy from drifting: same actions, same order (the
 * log filter lists them in it), same words as the report and the activity feed use.
 */
import { describe, expect, it } from 'vitest';
import { ACTIONS, ACTION_LABELS } from '../../renderer/src/lib/okta-actions';
import { OKTA_ACTIONS, OKTA_ACTION_LABELS } from '../../server/domain/okta-action';

describe("the console's Okta action labels", () => {
  it('are the server domain labels, in the same order', () => {
    expect(ACTION_LABELS).toEqual(OKTA_ACTION_LABELS);
    expect(ACTIONS).toEqual([...OKTA_ACTIONS]);
  });
});
