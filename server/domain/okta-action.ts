/**
 * The Okta action a SCIM request belongs to, recognised from its method, path, body and the
 * requests before it (docs/okta.md §2, one value per flow step). Plain data: the request log,
 * history and the console share it; labels live here so every view says the same thing.
 */

export const OKTA_ACTIONS = [
  'test-credentials',
  'import-users',
  'import-groups',
  'schema-import',
  'assign-lookup',
  'assign-create',
  'assign-link',
  'profile-push',
  'deactivate',
  'reactivate',
  'password-push',
  'group-lookup',
  'group-create',
  'group-link',
  'group-rename',
  'members-add',
  'members-remove',
  'members-add-remove',
  'members-replace',
  'group-delete',
  'not-okta',
] as const;

export type OktaAction = (typeof OKTA_ACTIONS)[number];

export const OKTA_ACTION_LABELS: Readonly<Record<OktaAction, string>> = {
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

/** The actions in order with their labels, as the console receives them (Settings facts). */
export const OKTA_ACTION_CHOICES: readonly { id: OktaAction; label: string }[] = OKTA_ACTIONS.map((id) => ({
  id,
  label: OKTA_ACTION_LABELS[id],
}));

export function isOktaAction(v: unknown): v is OktaAction {
  return typeof v === 'string' && (OKTA_ACTIONS as readonly string[]).includes(v);
}
