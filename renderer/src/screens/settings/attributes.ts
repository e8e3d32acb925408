/**
 * The opt-in attributes Netskope stores only once enabled through PATCH /Schemas/{id}
 * (spec/netskope.md §5.3, quoting the tenant Swagger): six core ones and six of the enterprise
 * extension (RFC 7643 §4.3; manager covers manager.value and manager.displayName). Values are
 * the bare names the server keeps in `enabledAttributes` (server/domain/profiles.ts).
 */
const CORE = ['displayName', 'locale', 'preferredLanguage', 'timezone', 'title', 'userType'];
const ENTERPRISE = ['costCenter', 'department', 'division', 'employeeNumber', 'organization', 'manager'];

export const OPT_IN_ATTRIBUTES: { value: string; label: string }[] = [
  ...CORE.map((a) => ({ value: a, label: a })),
  ...ENTERPRISE.map((a) => ({ value: a, label: `enterprise: ${a}` })),
];
