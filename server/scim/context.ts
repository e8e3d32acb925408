/** Per-request state shared by the SCIM handlers and the request log. */
import type { LogResourceRef } from '../domain/request-record';
import type { Profile } from '../domain/profiles';

export interface TenantSettings {
  /** attributes enabled through PATCH /Schemas (spec/netskope.md §5.3) */
  enabledAttributes: ReadonlySet<string>;
  /** unknown member ids: 400 instead of drop-and-warn (spec/netskope.md §6) */
  strictMembers: boolean;
}

/** Also the WriteContext the resource services take (server/store/resource-change.ts). */
export interface ScimContext {
  requestId: string;
  /** the authenticated token's name, once the authenticate step has run */
  tokenName: string | null;
  /** the token is the console's Okta simulator's (docs/simulator.md): the log marks the request */
  simulated?: boolean;
  /** base URL the request came in on (scheme, host and base path), for meta.location */
  baseUrl: string;
  profile: Profile;
  tenant: TenantSettings;
  /** what the tenant did that the IdP will not see: ignored attributes, dropped members… */
  warnings: string[];
  resources: LogResourceRef[];
  patchStyle: string | null;
}

export function touched(
  ctx: ScimContext,
  type: 'User' | 'Group',
  id: string,
  name: string | null,
  externalId: string | null,
): void {
  if (ctx.resources.length < 50 && !ctx.resources.some((r) => r.id === id)) {
    ctx.resources.push({ type, id, name, externalId });
  }
}
