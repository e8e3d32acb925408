/** The SCIM User as served (RFC 7643 §4.1), per profile. */
import type { StoredUser } from '../store/users-repo';
import type { ScimContext } from './context';
import { USER_EXTENSION_URNS, USER_URN } from './urns';

export function userLocation(ctx: Pick<ScimContext, 'baseUrl'>, id: string): string {
  return `${ctx.baseUrl}/Users/${id}`;
}

export const etagOf = (version: number): string => `W/"${version}"`;

/**
 * Builds the representation. In the Netskope profiles `givenName`/`familyName` are always
 * present (empty when unknown) because Okta's SPEC test reads them from the first listed user
 * (docs/okta.md Q17); the rfc profile returns `name` only when stored, so a PATCH remove of
 * `name` removes it (RFC 7644 §3.5.2.2).
 */
export function userToScim(
  user: StoredUser,
  ctx: Pick<ScimContext, 'baseUrl' | 'profile'>,
  groups?: { id: string; displayName: string }[],
): Record<string, unknown> {
  const r = user.resource;
  const schemas = [USER_URN];
  for (const key of Object.keys(r)) if (key.startsWith('urn:')) schemas.push(key);
  const out: Record<string, unknown> = { schemas, id: user.id };
  if (user.externalId !== null) out['externalId'] = user.externalId;
  out['userName'] = user.userName;
  if (ctx.profile.emptyNameParts) {
    const name = { ...((r['name'] as Record<string, unknown>) ?? {}) };
    name['givenName'] ??= '';
    name['familyName'] ??= '';
    out['name'] = name;
  } else if (r['name'] !== undefined) out['name'] = r['name'];
  for (const [k, v] of Object.entries(r)) {
    if (k === 'userName' || k === 'name' || k === 'externalId' || k === 'active' || k.startsWith('urn:'))
      continue;
    out[k] = v;
  }
  out['active'] = user.active;
  if (ctx.profile.userGroups && groups) {
    out['groups'] = groups.map((g) => ({
      value: g.id,
      display: g.displayName,
      $ref: `${ctx.baseUrl}/Groups/${g.id}`,
      type: 'direct',
    }));
  }
  for (const urn of USER_EXTENSION_URNS) if (r[urn] !== undefined) out[urn] = r[urn];
  out['meta'] = {
    resourceType: 'User',
    created: user.created,
    lastModified: user.modified,
    location: userLocation(ctx, user.id),
    version: etagOf(user.version),
  };
  return out;
}
