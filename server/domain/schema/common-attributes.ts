/**
 * Attributes every resource carries (RFC 7643 §3 `schemas`, §3.1 `id`, `externalId`, `meta`).
 * They belong to no schema in `/Schemas` output, but filters, sorting and type checks must
 * still know their characteristics: `id` and `externalId` are caseExact (RFC 7643 §3.1).
 */
import { attr, complex } from './build';
import type { AttributeDef } from './types';

export const COMMON_ATTRIBUTES: readonly AttributeDef[] = [
  attr('schemas', 'reference', 'The schema URIs of the resource (RFC 7643 §3).', {
    multiValued: true,
    caseExact: true,
    required: true,
    referenceTypes: ['uri'],
  }),
  attr('id', 'string', 'A unique identifier for a SCIM resource as defined by the service provider.', {
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attr(
    'externalId',
    'string',
    'A String that is an identifier for the resource as defined by the provisioning client.',
    {
      caseExact: true,
    },
  ),
  complex(
    'meta',
    'A complex attribute containing resource metadata.',
    [
      attr('resourceType', 'string', 'The name of the resource type of the resource.', {
        caseExact: true,
        mutability: 'readOnly',
      }),
      attr('created', 'dateTime', 'The "DateTime" that the resource was added to the service provider.', {
        mutability: 'readOnly',
      }),
      attr(
        'lastModified',
        'dateTime',
        'The most recent DateTime that the details of this resource were updated.',
        {
          mutability: 'readOnly',
        },
      ),
      attr('location', 'reference', 'The URI of the resource being returned.', {
        caseExact: true,
        mutability: 'readOnly',
        referenceTypes: ['uri'],
      }),
      attr('version', 'string', 'The version of the resource being returned (an entity tag).', {
        caseExact: true,
        mutability: 'readOnly',
      }),
    ],
    { mutability: 'readOnly' },
  ),
];
