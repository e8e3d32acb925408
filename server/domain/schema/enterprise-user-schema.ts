/**
 * The enterprise User extension, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`
 * (RFC 7643 §4.3, §8.7.1). Netskope enables these attributes one by one through
 * PATCH /Schemas (docs/netskope.md §5.3); the definitions themselves are the RFC's.
 */
import { attr, complex } from './build';
import type { SchemaDef } from './types';

export const ENTERPRISE_USER_SCHEMA_ID = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const ENTERPRISE_USER_SCHEMA: SchemaDef = {
  id: ENTERPRISE_USER_SCHEMA_ID,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr(
      'employeeNumber',
      'string',
      'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.',
    ),
    attr('costCenter', 'string', 'Identifies the name of a cost center.'),
    attr('organization', 'string', 'Identifies the name of an organization.'),
    attr('division', 'string', 'Identifies the name of a division.'),
    attr('department', 'string', 'Identifies the name of a department.'),
    complex(
      'manager',
      "The User's manager. A complex type that optionally allows service providers to represent organizational hierarchy by referencing the 'id' attribute of another User.",
      [
        attr('value', 'string', "The id of the SCIM resource representing the User's manager. REQUIRED."),
        attr('$ref', 'reference', "The URI of the SCIM resource representing the User's manager. REQUIRED.", {
          referenceTypes: ['User'],
        }),
        attr('displayName', 'string', "The displayName of the User's manager. OPTIONAL and READ-ONLY.", {
          mutability: 'readOnly',
        }),
      ],
    ),
  ],
};
