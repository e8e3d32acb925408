/**
 * Which handler answers which request: one table of (resource, path shape, method), from
 * which dispatch finds the handler and a 405 finds its `Allow` header (RFC 9110 §15.5.6).
 * The endpoints are Netskope's (docs/netskope.md §4); the paths are parsed by ./routes.ts.
 */
import { ScimError } from '../domain/errors';
import type { ScimContext } from './context';
import { getResourceTypes, getSchemas, patchSchema, serviceProviderConfig } from './discovery';
import { createGroup, deleteGroup, getGroup, listGroups, patchGroup, replaceGroup } from './groups';
import type { Reply } from './reply';
import type { Resource, Route } from './routes';
import type { Tenant } from './tenant';
import { search } from './search';
import {
  deleteTenantSchema,
  isTenantSchemaId,
  patchTenantSchema,
  putTenantSchema,
} from './tenant-schema/endpoint';
import { createUser, deleteUser, getUser, listUsers, patchUser, replaceUser } from './users';

/** Everything a handler may need of the request, gathered by the request steps. */
export interface ScimCall {
  tenant: Tenant;
  ctx: ScimContext;
  route: Route;
  query: URLSearchParams;
  /** the parsed JSON body (POST, PUT and PATCH), else undefined */
  body: unknown;
  ifMatch: string | undefined;
  ifNoneMatch: string | undefined;
  maxBodyBytes: number;
  saveEnabledAttributes: (names: string[]) => Promise<void>;
}

type Handler = (c: ScimCall) => Reply | Promise<Reply>;
/** `collection`: /Users; `item`: /Users/{id} (or /Schemas/{urn}, /ResourceTypes/{name}). */
type Shape = 'collection' | 'item';

/** `route.id` of an item route (set whenever the shape is `item`). */
const id = (c: ScimCall): string => c.route.id as string;

const ROUTES: [Resource, Shape, string, Handler][] = [
  ['Users', 'collection', 'GET', (c) => listUsers(c.tenant, c.ctx, c.query)],
  ['Users', 'collection', 'POST', (c) => createUser(c.tenant, c.ctx, c.body)],
  ['Users', 'item', 'GET', (c) => getUser(c.tenant, c.ctx, id(c), c.query, c.ifNoneMatch)],
  ['Users', 'item', 'PUT', (c) => replaceUser(c.tenant, c.ctx, id(c), c.body, c.ifMatch)],
  ['Users', 'item', 'PATCH', (c) => patchUser(c.tenant, c.ctx, id(c), c.body, c.ifMatch)],
  ['Users', 'item', 'DELETE', (c) => deleteUser(c.tenant, c.ctx, id(c), c.ifMatch)],
  ['Groups', 'collection', 'GET', (c) => listGroups(c.tenant, c.ctx, c.query)],
  ['Groups', 'collection', 'POST', (c) => createGroup(c.tenant, c.ctx, c.body)],
  ['Groups', 'item', 'GET', (c) => getGroup(c.tenant, c.ctx, id(c), c.query, c.ifNoneMatch)],
  ['Groups', 'item', 'PUT', (c) => replaceGroup(c.tenant, c.ctx, id(c), c.body, c.ifMatch)],
  ['Groups', 'item', 'PATCH', (c) => patchGroup(c.tenant, c.ctx, id(c), c.body, c.ifMatch)],
  ['Groups', 'item', 'DELETE', (c) => deleteGroup(c.tenant, c.ctx, id(c), c.ifMatch)],
  ['ServiceProviderConfig', 'collection', 'GET', (c) => serviceProviderConfig(c.ctx, c.maxBodyBytes)],
  ['ResourceTypes', 'collection', 'GET', (c) => getResourceTypes(c.tenant, c.ctx)],
  ['ResourceTypes', 'item', 'GET', (c) => getResourceTypes(c.tenant, c.ctx, id(c))],
  ['Schemas', 'collection', 'GET', (c) => getSchemas(c.tenant, c.ctx, c.query)],
  ['Schemas', 'item', 'GET', (c) => getSchemas(c.tenant, c.ctx, c.query, id(c))],
  // Netskope's way of enabling optional attributes (docs/netskope.md §5.3)
  [
    'Schemas',
    'item',
    'PATCH',
    (c) =>
      isTenantSchemaId(id(c))
        ? patchTenantSchema(c.tenant, c.ctx, c.body)
        : patchSchema(c.tenant, c.ctx, id(c), c.body, c.saveEnabledAttributes),
  ],
  // the tenant's custom schema (docs/netskope.md §5.3): PUT creates or replaces, DELETE drops it
  ['Schemas', 'item', 'PUT', (c) => putTenantSchema(c.tenant, c.ctx, id(c), c.body)],
  ['Schemas', 'item', 'DELETE', (c) => deleteTenantSchema(c.tenant, c.ctx, id(c))],
];

interface Slot {
  handlers: Record<string, Handler | undefined>;
  /** the Allow header of a 405 here: the slot's methods in table order */
  allow: string;
}

/** The table indexed once at load: resource → shape → method → handler. */
const TABLE = new Map<Resource, Partial<Record<Shape, Slot>>>();
for (const [resource, shape, method, handler] of ROUTES) {
  const shapes = TABLE.get(resource) ?? {};
  // no prototype: a method named like an Object member must find nothing
  const slot = (shapes[shape] ??= { handlers: Object.create(null) as Slot['handlers'], allow: '' });
  slot.handlers[method] = handler;
  slot.allow = slot.allow ? `${slot.allow}, ${method}` : method;
  TABLE.set(resource, shapes);
}

/** Runs the handler for the call's route and method: 404 if the path names none, 405 if the method. */
export function dispatch(call: ScimCall, method: string, pathname: string): Reply | Promise<Reply> {
  const { route } = call;
  if (route.search && !call.ctx.profile.searchEndpoint) {
    throw new ScimError(404, `No such SCIM endpoint: ${pathname} (a Netskope tenant has no /.search)`);
  }
  if (route.search) {
    // POST /.search, /Users/.search, /Groups/.search (RFC 7644 §3.4.3)
    if (method !== 'POST')
      throw new ScimError(405, 'Method not allowed here; allowed: POST', undefined, { Allow: 'POST' });
    const where = route.resource === 'Users' || route.resource === 'Groups' ? route.resource : null;
    return search(call.tenant, call.ctx, where, call.body);
  }
  const slot =
    route.resource === null
      ? undefined
      : TABLE.get(route.resource)?.[route.id === null ? 'collection' : 'item'];
  if (!slot) throw new ScimError(404, `No such resource: ${pathname}`);
  const handler = slot.handlers[method];
  if (!handler) {
    throw new ScimError(405, `Method not allowed here; allowed: ${slot.allow}`, undefined, {
      Allow: slot.allow,
    });
  }
  return handler(call);
}
