/**
 * `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9) applied to a representation.
 * `id` and `schemas` are always returned (RFC 7643 §3.1 "returned: always"); `meta` too
 * unless excluded or not asked for by an `attributes` list.
 */
export interface Projection {
  attributes?: string[];
  excluded?: string[];
}

const ALWAYS = new Set(['id', 'schemas']);

/** Splits `a,b.c,urn:…:User:department` into lower-cased path lists. */
export function parseAttributeList(value: unknown): string[] | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  return value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

interface Split {
  urn: string | null;
  attr: string;
  sub: string | null;
}

function splitPath(p: string, knownUrns: readonly string[]): Split {
  for (const urn of knownUrns) {
    const u = urn.toLowerCase();
    if (p === u) return { urn: u, attr: '', sub: null };
    if (p.startsWith(`${u}:`)) {
      const rest = p.slice(u.length + 1);
      const [attr, sub] = rest.split('.', 2);
      return { urn: u, attr: attr ?? '', sub: sub ?? null };
    }
  }
  const [attr, sub] = p.split('.', 2);
  return { urn: null, attr: attr ?? '', sub: sub ?? null };
}

function findKey(obj: Record<string, unknown>, lower: string): string | undefined {
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

/** Returns a copy of `resource` reduced per the projection. `coreUrn` owns unprefixed names. */
export function project(
  resource: Record<string, unknown>,
  projection: Projection,
  coreUrn: string,
  extensionUrns: readonly string[],
): Record<string, unknown> {
  const urns = [coreUrn, ...extensionUrns];
  if (projection.attributes?.length) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(resource)) if (ALWAYS.has(key)) out[key] = resource[key];
    for (const p of projection.attributes) {
      const s = splitPath(p, urns);
      const container = s.urn && s.urn !== coreUrn.toLowerCase() ? findKey(resource, s.urn) : undefined;
      const source = container ? (resource[container] as Record<string, unknown>) : resource;
      if (s.urn && s.urn !== coreUrn.toLowerCase() && !container) continue;
      if (!source || typeof source !== 'object') continue;
      if (!s.attr) {
        if (container) out[container] = resource[container];
        continue;
      }
      const key = findKey(source, s.attr);
      if (!key) continue;
      const target = container ? ((out[container] ??= {}) as Record<string, unknown>) : out;
      const value = source[key];
      if (s.sub && value && typeof value === 'object') {
        const subOf = (v: Record<string, unknown>): Record<string, unknown> => {
          const sk = findKey(v, s.sub as string);
          const prev = (target[key] ?? {}) as Record<string, unknown>;
          return sk ? { ...prev, [sk]: v[sk] } : prev;
        };
        if (Array.isArray(value)) {
          target[key] = value.map((v: Record<string, unknown>) => {
            const sk = findKey(v, s.sub as string);
            return sk ? { [sk]: v[sk] } : {};
          });
        } else {
          target[key] = subOf(value as Record<string, unknown>);
        }
      } else {
        target[key] = value;
      }
    }
    return out;
  }
  if (projection.excluded?.length) {
    const out: Record<string, unknown> = { ...resource };
    for (const p of projection.excluded) {
      const s = splitPath(p, urns);
      if (!s.attr && s.urn) {
        const key = findKey(out, s.urn);
        if (key) Reflect.deleteProperty(out, key);
        continue;
      }
      const containerKey = s.urn && s.urn !== coreUrn.toLowerCase() ? findKey(out, s.urn) : undefined;
      const holder = containerKey ? { ...(out[containerKey] as Record<string, unknown>) } : out;
      const key = findKey(holder, s.attr);
      if (!key || ALWAYS.has(key)) continue;
      if (s.sub) {
        const v = holder[key];
        if (Array.isArray(v)) {
          holder[key] = v.map((item: Record<string, unknown>) => {
            const copy = { ...item };
            const sk = findKey(copy, s.sub as string);
            if (sk) Reflect.deleteProperty(copy, sk);
            return copy;
          });
        } else if (v && typeof v === 'object') {
          const copy = { ...(v as Record<string, unknown>) };
          const sk = findKey(copy, s.sub);
          if (sk) Reflect.deleteProperty(copy, sk);
          holder[key] = copy;
        }
      } else {
        Reflect.deleteProperty(holder, key);
      }
      if (containerKey) out[containerKey] = holder;
    }
    return out;
  }
  return resource;
}

/** Whether a projection asks for `name` (e.g. `members`) or does not exclude it. */
export function wants(projection: Projection, name: string, byDefault: boolean): boolean {
  const n = name.toLowerCase();
  const hit = (list: string[] | undefined): boolean =>
    !!list?.some((p) => p === n || p.startsWith(`${n}.`) || p.endsWith(`:${n}`) || p.includes(`:${n}.`));
  if (projection.attributes?.length) return hit(projection.attributes);
  if (hit(projection.excluded)) return false;
  return byDefault;
}
