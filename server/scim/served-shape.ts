/**
 * A user as served must hold only what /Schemas declares at that moment (issue 15). Values
 * stored while an opt-in attribute was enabled stay in the database (enabling it again brings
 * them back, as Netskope keeps them, docs/netskope.md §5.3) but are not returned while it is
 * disabled; custom attributes follow their `returned` characteristic.
 */
import { COMMON_ATTRIBUTES, type SchemaDef } from '../domain/schema';
import type { ScimContext } from './context';
import { servedSchemas } from './discovery';
import type { Tenant } from './tenant';
import { applyReturned } from './tenant-schema/values';

type Obj = Record<string, unknown>;
const COMMON = new Set(COMMON_ATTRIBUTES.map((a) => a.name));

function dropUnserved(body: Obj, served: readonly SchemaDef[]): Obj {
  const [core, ...extensions] = served;
  if (!core) return body;
  const coreNames = new Set(core.attributes.map((a) => a.name));
  const out: Obj = {};
  const dropped = new Set<string>();
  for (const [k, v] of Object.entries(body)) {
    if (k.startsWith('urn:')) {
      const ext = extensions.find((e) => e.id === k);
      if (!ext || !v || typeof v !== 'object') {
        dropped.add(k);
        continue;
      }
      const names = new Set(ext.attributes.map((a) => a.name));
      const kept = Object.fromEntries(Object.entries(v as Obj).filter(([n]) => names.has(n)));
      if (Object.keys(kept).length) out[k] = kept;
      else dropped.add(k);
    } else if (COMMON.has(k) || coreNames.has(k)) out[k] = v;
  }
  if (dropped.size && Array.isArray(out['schemas'])) {
    out['schemas'] = (out['schemas'] as string[]).filter((s) => !dropped.has(s));
  }
  return out;
}

/** Returns a function shaping each user of one request (the served schemas computed once). */
export function userShaper(t: Tenant, ctx: ScimContext): (body: Obj, requested?: readonly string[]) => Obj {
  const served = ctx.profile.gateOptionalAttributes
    ? servedSchemas(t, ctx).filter((s) => s.id !== 'urn:ietf:params:scim:schemas:core:2.0:Group')
    : null;
  const custom = t.activeCustomSchema();
  return (body, requested) => applyReturned(served ? dropUnserved(body, served) : body, custom, requested);
}
