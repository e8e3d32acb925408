/**
 * The opt-in attributes Netskope stores only once enabled through PATCH /Schemas/{id}
 * (spec/netskope.md §5.3, quoting the tenant Swagger): six core ones and seven of the
 * enterprise extension (RFC 7643 §4.3), named by their full attribute path.
 */
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const OPT_IN_ATTRIBUTES: { value: string; label: string }[] = [
  ...['displayName', 'locale', 'preferredLanguage', 'timezone', 'title', 'userType'].map((a) => ({
    value: a,
    label: a,
  })),
  ...[
    'costCenter',
    'department',
    'division',
    'employeeNumber',
    'organization',
    'manager.displayName',
    'manager.value',
  ].map((a) => ({ value: `${ENTERPRISE}:${a}`, label: `enterprise: ${a}` })),
];
