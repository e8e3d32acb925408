/**
 * SCIM error bodies (RFC 7644 §3.12), rendered per profile: Netskope's documented errors carry
 * `description` (and are application/json, docs/netskope.md §10); `detail` is kept alongside
 * because Okta's SPEC test reads it (docs/okta.md §3.1 steps 4, 11, 12). `status` is a string.
 */
import { ERROR_URN, type ScimError } from '../domain/errors';
import type { Profile } from '../domain/profiles';

export function errorBody(err: ScimError, profile: Profile): Record<string, unknown> {
  const body: Record<string, unknown> = { schemas: [ERROR_URN], status: String(err.status) };
  if (err.scimType) body['scimType'] = err.scimType;
  body['detail'] = err.detail;
  if (profile.errorStyle === 'netskope') body['description'] = err.detail;
  return body;
}

export function errorContentType(profile: Profile): string {
  return profile.errorStyle === 'netskope'
    ? 'application/json; charset=utf-8'
    : 'application/scim+json; charset=utf-8';
}
