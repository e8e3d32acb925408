/**
 * The core Group schema, `urn:ietf:params:scim:schemas:core:2.0:Group` (RFC 7643 §4.2, §8.7.1).
 * `members.display` is not in the RFC's §8.7.1 listing but §4.2 and every IdP use it (Okta sends
 * `{value, display}`), so it is declared here. It is readOnly: the server fills it from the
 * member's userName and ignores what a client sends. `displayName` is required: a group
 * without one is refused (400), so the schema says so (issue 15).
 */
import { attr, complex } from './build';
import type { SchemaDef } from './types';

export const GROUP_SCHEMA_ID = 'urn:ietf:params:scim:schemas:core:2.0:Group';

export const GROUP_SCHEMA: SchemaDef = {
  id: GROUP_SCHEMA_ID,
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string', 'A human-readable name for the Group. REQUIRED.', { required: true }),
    complex(
      'members',
      'A list of members of the Group.',
      [
        attr('value', 'string', 'Identifier of the member of this Group.', { mutability: 'immutable' }),
        attr(
          '$ref',
          'reference',
          'The URI corresponding to a SCIM resource that is a member of this Group.',
          {
            referenceTypes: ['User', 'Group'],
            mutability: 'immutable',
          },
        ),
        attr(
          'display',
          'string',
          "A human-readable name for the member: the member's userName, filled in by the server.",
          {
            mutability: 'readOnly',
          },
        ),
        attr('type', 'string', "A label indicating the type of resource, e.g., 'User' or 'Group'.", {
          canonicalValues: ['User', 'Group'],
          mutability: 'immutable',
        }),
      ],
      { multiValued: true },
    ),
  ],
};
