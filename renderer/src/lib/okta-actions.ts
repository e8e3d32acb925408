/**
 * Okta action names as the console shows them. The renderer may not import values from the
 * server, so the labels are repeated here; the Record type makes the compiler name any action
 * the server adds and this list misses.
 */
import type { OktaAction } from '../../../server/domain/okta-action';

export const ACTION_LABELS: Readonly<Record<OktaAction, string>> = {
  'test-credentials': 'Test API Credentials',
  'import-users': 'Import users (page)',
  'import-groups': 'Import groups (page)',
  'schema-import': 'Import user schema',
  'assign-lookup': 'Assign: lookup',
  'assign-create': 'Assign: create',
  'assign-link': 'Assign: link to existing user',
  'profile-push': 'Profile push',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  'password-push': 'Password push',
  'group-lookup': 'Group push: lookup',
  'group-create': 'Group push: create',
  'group-link': 'Group push: link',
  'group-rename': 'Group rename',
  'members-add': 'Membership add',
  'members-remove': 'Membership remove',
  'members-add-remove': 'Membership add and remove',
  'members-replace': 'Membership replace (Push Now)',
  'group-delete': 'Group unlink (delete)',
  'not-okta': 'Not Okta-shaped',
};

export const ACTIONS = Object.keys(ACTION_LABELS) as OktaAction[];

export function actionLabel(a: OktaAction | null | undefined): string {
  return a ? ACTION_LABELS[a] : '';
}
