/**
 * POST /.search, /Users/.search and /Groups/.search (RFC 7644 §3.4.3): the query of a GET
 * list sent as a SearchRequest body, so filters and attribute lists stay out of URLs and logs
 * of proxies. The body is turned into the GET parameters and answered by the same list code,
 * so filter, sort, paging and attribute semantics are those of GET exactly.
 *
 * At the root the search spans Users then Groups (RFC 7644 §3.4.3 "across all resource
 * types"): the result is the users' matches followed by the groups', paged as one list, each
 * type sorted on its own (docs/schemas.md). An attribute a type does not define matches
 * nothing there (RFC 7644 §3.4.2.2: "treated as having no value").
 */
import { invalidSyntax, invalidValue, ScimError } from '../domain/errors';
import type { ScimContext } from './context';
import { listGroups } from './groups';
import { DEFAULT_COUNT, MAX_COUNT } from './list-params';
import { ok, type Reply } from './reply';
import { LIST_URN } from './urns';
import type { Tenant } from './tenant';
import { listUsers } from './users';

export const SEARCH_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

const FIELDS = [
  'schemas',
  'attributes',
  'excludedAttributes',
  'filter',
  'sortBy',
  'sortOrder',
  'startIndex',
  'count',
];

/** The SearchRequest as GET query parameters. */
export function searchParams(body: unknown): URLSearchParams {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidSyntax('The body must be a SearchRequest object (RFC 7644 §3.4.3)');
  }
  const q = new URLSearchParams();
  let schemas: unknown;
  for (const [rawKey, value] of Object.entries(body)) {
    const key = FIELDS.find((f) => f.toLowerCase() === rawKey.toLowerCase());
    if (!key)
      throw invalidSyntax(`"${rawKey}" is not a SearchRequest attribute; expected ${FIELDS.join(', ')}`);
    if (key === 'schemas') {
      schemas = value;
      continue;
    }
    if (value === null || value === undefined) continue;
    if (key === 'attributes' || key === 'excludedAttributes') {
      const list = typeof value === 'string' ? [value] : value;
      if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) {
        throw invalidValue(`"${key}" must be a list of attribute names`);
      }
      if (list.length) q.set(key, list.join(','));
    } else if (key === 'startIndex' || key === 'count') {
      if (typeof value !== 'number' || !Number.isInteger(value))
        throw invalidValue(`"${key}" must be an integer`);
      q.set(key, String(value));
    } else {
      if (typeof value !== 'string') throw invalidValue(`"${key}" must be a string`);
      q.set(key, value);
    }
  }
  if (!Array.isArray(schemas) || !schemas.includes(SEARCH_REQUEST_URN)) {
    throw invalidSyntax(`A SearchRequest must list "${SEARCH_REQUEST_URN}" in "schemas" (RFC 7644 §3.4.3)`);
  }
  return q;
}

type ListBody = { totalResults: number; Resources: unknown[] };
const NONE: ListBody = { totalResults: 0, Resources: [] };

function bodyOf(reply: Reply): ListBody {
  if (reply.json !== undefined) {
    return JSON.parse(typeof reply.json === 'string' ? reply.json : reply.json.toString('utf8')) as ListBody;
  }
  return reply.body as ListBody;
}

/** One type's page, or the error when the filter names an attribute the type lacks. */
function page(
  list: (q: URLSearchParams) => Reply,
  q: URLSearchParams,
  startIndex: number,
  count: number,
): ListBody | ScimError {
  const sub = new URLSearchParams(q);
  sub.set('startIndex', String(startIndex));
  sub.set('count', String(count));
  try {
    return bodyOf(list(sub));
  } catch (e) {
    // A filter on, say, userName cannot match a group: nothing of that type, not an error.
    if (e instanceof ScimError && e.scimType === 'invalidFilter' && /unknown attribute/i.test(e.detail))
      return e;
    throw e;
  }
}

export function search(t: Tenant, ctx: ScimContext, where: 'Users' | 'Groups' | null, body: unknown): Reply {
  const q = searchParams(body);
  if (where === 'Users') return listUsers(t, ctx, q);
  if (where === 'Groups') return listGroups(t, ctx, q);
  // Validate paging as GET does, through the users' list (it throws on bad values).
  const startIndex = Math.max(1, Number(q.get('startIndex') ?? 1));
  const count = Math.min(MAX_COUNT, Math.max(0, Number(q.get('count') ?? DEFAULT_COUNT)));
  const u = page((p) => listUsers(t, ctx, p), q, startIndex, count);
  const users = u instanceof ScimError ? NONE : u;
  const g = page(
    (p) => listGroups(t, ctx, p),
    q,
    Math.max(1, startIndex - users.totalResults),
    count - users.Resources.length,
  );
  // An attribute that no resource type defines is the client's mistake: say so, as GET does.
  if (u instanceof ScimError && g instanceof ScimError) throw u;
  const groups = g instanceof ScimError ? NONE : g;
  const resources = [...users.Resources, ...groups.Resources];
  return ok({
    schemas: [LIST_URN],
    totalResults: users.totalResults + groups.totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  });
}
