/**
 * What proves each Okta setup step, in the order Okta's admin does them (docs/okta.md §2: 2.1
 * Test API Credentials, 2.2 assign users, 2.3 update, 2.4 deactivate, 2.9 push group, 2.11
 * membership).
 */
import type { ChecklistStepId } from '../../../../server/admin/contract';

export const STEP_HINTS: Record<ChecklistStepId, string> = {
  'token-created': 'Create a token on the Tokens screen and paste it into Okta as the API token.',
  'credentials-tested':
    'In Okta: Provisioning > Integration > Test API Credentials. Okta sends GET /Users?startIndex=1&count=2.',
  'user-created': 'Assign a user to the app in Okta: it looks the user up by userName, then POSTs /Users.',
  'user-updated': "Change an assigned user's profile in Okta (or Force Sync): PATCH or PUT /Users/{id}.",
  'user-deactivated': 'Unassign the user in Okta: PATCH /Users/{id} with active:false.',
  'group-pushed': 'Push Groups > push a group: POST /Groups after a displayName lookup.',
  'group-members': 'Membership changes arrive as PATCH /Groups/{id} with members add/remove.',
};
