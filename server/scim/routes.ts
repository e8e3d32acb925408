/**
 * SCIM path resolution: the base paths the tenant answers on and the resource routes below
 * them, capitalised as Netskope serves them (matched case-insensitively as a convenience,
 * docs/netskope.md §2).
 */
export type Resource = 'Users' | 'Groups' | 'ServiceProviderConfig' | 'ResourceTypes' | 'Schemas';

export interface Route {
  /** the base path as the client wrote it, e.g. /api/v2/scim or /SCIM/V2/abc123 */
  base: string;
  resource: Resource | null;
  /** the id (or ResourceType name, Schema URN) after the resource, if any */
  id: string | null;
  /** trailing path segments beyond id: always a 404 */
  extra: boolean;
  orgKey: string | null;
  /** POST {base}/.search or {base}/Users|Groups/.search (RFC 7644 §3.4.3) */
  search: boolean;
}

const RESOURCES: Resource[] = ['Users', 'Groups', 'ServiceProviderConfig', 'ResourceTypes', 'Schemas'];

function resourceOf(segment: string | undefined): Resource | null | undefined {
  if (segment === undefined || segment === '') return null;
  return RESOURCES.find((r) => r.toLowerCase() === segment.toLowerCase());
}

/**
 * Bases: `/api/v2/scim` (current Netskope), `/scim/v2` (Okta's suggestion), legacy
 * `/SCIM/V2/{orgKey}` and `/SCIM/v2` (docs/netskope.md §1, §17.1). Returns null when the path
 * is under none of them.
 */
export function resolveRoute(pathname: string): Route | null {
  let segments: string[];
  try {
    segments = pathname.split('/').map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  if (segments[0] !== '') return null;
  const lower = segments.map((s) => s.toLowerCase());
  let baseLen: number;
  let orgKey: string | null = null;
  if (lower[1] === 'api' && lower[2] === 'v2' && lower[3] === 'scim') baseLen = 4;
  else if (lower[1] === 'scim' && lower[2] === 'v2') {
    const next = resourceOf(segments[3]);
    if (next !== undefined || segments.length === 3 || segments[3] === '.search') baseLen = 3;
    else {
      orgKey = segments[3] ?? null;
      baseLen = 4;
    }
  } else return null;
  const rest = segments.slice(baseLen);
  if (rest.length && rest[rest.length - 1] === '') rest.pop(); // tolerate a trailing slash
  const resource = resourceOf(rest[0]);
  const search =
    (rest.length === 1 && rest[0] === '.search') ||
    (rest.length === 2 && rest[1] === '.search' && (resource === 'Users' || resource === 'Groups'));
  if (search) {
    const base = segments.slice(0, baseLen).join('/');
    return { base, resource: resource ?? null, id: null, extra: false, orgKey, search };
  }
  return {
    base: segments.slice(0, baseLen).join('/'),
    resource: resource === undefined ? null : resource,
    id: rest.length > 1 ? rest.slice(1).join('/') || null : null,
    extra:
      resource === undefined
        ? rest.length > 0
        : rest.length > 2 && resource !== 'Schemas' && resource !== 'ResourceTypes',
    orgKey,
    search: false,
  };
}
