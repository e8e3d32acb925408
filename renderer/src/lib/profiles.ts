/** One-line explanations of the tenant profiles (docs/architecture.md, "Rules that keep it simple"). */
import type { ProfileName } from '../../../server/admin/contract';

export const PROFILE_TEXT: Record<ProfileName, { title: string; text: string }> = {
  netskope: {
    title: 'Netskope (current API)',
    text: 'Behaves like a Netskope tenant today: /api/v2/scim, PATCH answers 204, members only with attributes=members, opt-in attributes ignored until enabled.',
  },
  'netskope-legacy': {
    title: 'Netskope legacy (G1)',
    text: 'As the current profile, plus the old SCIM Integration rule that userName and email changes after creation are ignored.',
  },
  rfc: {
    title: 'Strict RFC 7644',
    text: 'Plain SCIM 2.0: PATCH answers 200 with the resource, groups on users and members on groups as RFC 7643 describes.',
  },
};
