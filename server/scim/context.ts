/** Per-request state shared by the SCIM handlers and the request log. */
import type { LogResourceRef } from '../domain/request-record';
import type { Profile } from '../domain/profiles';
import type { FaultMark } from '../domain/fault-rule';
import type { OktaAction } from '../domain/okta-action';

export interface TenantSettings {
  /** attributes enabled through PATCH /Schemas (docs/netskope.md §5.3) */
  enabledAttributes: ReadonlySet<string>;
  /** unknown member ids: 400 instead of drop-and-warn (docs/netskope.md §6) */
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
  /**
   * The fault rule this request is answered under (a delayed answer, or a write applied before
   * a lost acknowledgement), null otherwise: what a resource's history records beside the
   * write (docs/faults.md "Request log and history").
   */
  fault: FaultMark | null;
  /** the Okta action, known before dispatch so that history can record it with the write */
  oktaAction: OktaAction | null;
  /** the HTTP method (history tells a PUT's replace from a PATCH) */
  method: string;
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
