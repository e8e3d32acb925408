/**
 * Turns a User body (POST/PUT, or the result of a PATCH) into what the tenant stores, and
 * says what it ignored. Netskope stores a fixed core set and stores optional core and
 * enterprise attributes only once an admin enabled them (docs/netskope.md §5.3); anything it
 * does not know is dropped. The rfc profile stores every attribute its schemas define.
 */
import { invalidValue, badRequest } from '../domain/errors';
import { checkResourceLimits } from './resource-limits';
import {
  ALWAYS_STORED_USER_ATTRIBUTES,
  OPTIONAL_CORE_ATTRIBUTES,
  OPTIONAL_ENTERPRISE_ATTRIBUTES,
  type Profile,
} from '../domain/profiles';
import { ENTERPRISE_URN, TENANT_URN, USER_EXTENSION_URNS, USER_URN } from './urns';
import { findAttribute, type SchemaDef } from '../domain/schema';
import { canonicalValue } from './canonical-values';

/** Attributes the client may send but the server owns (RFC 7643 §3.1, §4.1.2). */
const SERVER_OWNED = new Set(['id', 'meta', 'schemas', 'groups']);
/** Netskope's primary-email check (docs/netskope.md §5.1). */
const NETSKOPE_EMAIL = /^[a-zA-Z0-9+_.-]+@[a-zA-Z0-9.-]+$/;

export interface UserDocResult {
  resource: Record<string, unknown>;
  ignored: string[];
}

function canonical(def: SchemaDef | undefined, key: string): string | undefined {
  // externalId is a common attribute (RFC 7643 §3.1), not part of the core User schema.
  if (def?.id === USER_URN && key.toLowerCase() === 'externalid') return 'externalId';
  return def?.attributes.find((a) => a.name.toLowerCase() === key.toLowerCase())?.name;
}

/** Moves Entra-style `"urn:…:enterprise:2.0:User:department": x` keys into the extension object. */
function nestExtensionKeys(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const urn = USER_EXTENSION_URNS.find((u) => key.toLowerCase().startsWith(`${u.toLowerCase()}:`));
    if (urn) {
      const attr = key.slice(urn.length + 1);
      const holderKey = Object.keys(out).find((k) => k.toLowerCase() === urn.toLowerCase()) ?? urn;
      const holder = { ...((out[holderKey] as Record<string, unknown>) ?? {}) };
      holder[attr] = value;
      out[holderKey] = holder;
    } else {
      const existing = Object.keys(out).find((k) => k.toLowerCase() === key.toLowerCase());
      if (existing && value && typeof value === 'object' && !Array.isArray(value)) {
        out[existing] = {
          ...(out[existing] as Record<string, unknown>),
          ...(value as Record<string, unknown>),
        };
      } else {
        out[key] = value;
      }
    }
  }
  return out;
}

export function buildUserDoc(
  input: Record<string, unknown>,
  profile: Profile,
  enabled: ReadonlySet<string>,
  schemas: readonly SchemaDef[],
): UserDocResult {
  checkResourceLimits(input, 'User');
  const core = schemas.find((s) => s.id === USER_URN);
  const body = nestExtensionKeys(input);
  const resource: Record<string, unknown> = {};
  const ignored: string[] = [];
  const gate = profile.gateOptionalAttributes;
  const always = new Set<string>(ALWAYS_STORED_USER_ATTRIBUTES);
  const optionalCore = new Set<string>(OPTIONAL_CORE_ATTRIBUTES);

  for (const [rawKey, value] of Object.entries(body)) {
    if (SERVER_OWNED.has(rawKey.toLowerCase()) || rawKey.toLowerCase() === 'password') continue;
    if (value === null || value === undefined) continue;
    const ext = schemas.find((s) => s.id.toLowerCase() === rawKey.toLowerCase() && s.id !== USER_URN);
    if (ext) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) {
        throw invalidValue(`${ext.id} must be an object`);
      }
      const kept: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const name = canonical(ext, k);
        const allowed =
          name !== undefined &&
          (!gate ||
            (ext.id === ENTERPRISE_URN &&
              (OPTIONAL_ENTERPRISE_ATTRIBUTES as readonly string[]).includes(name) &&
              enabled.has(name)) ||
            // the custom schema holds only what the admin defined: all of it is stored
            ext.id === TENANT_URN);
        if (allowed && name) {
          const c = canonicalValue(v, findAttribute(ext.attributes, name), `${ext.id}:${name}`, ignored);
          if (c !== undefined) kept[name] = c;
        } else ignored.push(`${ext.id}:${k}`);
      }
      if (Object.keys(kept).length) resource[ext.id] = kept;
      continue;
    }
    const name = canonical(core, rawKey);
    if (!name) {
      ignored.push(rawKey);
      continue;
    }
    if (gate && !always.has(name) && !(optionalCore.has(name) && enabled.has(name))) {
      ignored.push(name);
      continue;
    }
    const c = canonicalValue(value, findAttribute(core?.attributes, name), name, ignored);
    if (c !== undefined) resource[name] = c;
  }

  if (gate) {
    // Netskope stores givenName and familyName only (docs/netskope.md §5.1).
    const nameValue = resource['name'];
    if (nameValue && typeof nameValue === 'object' && !Array.isArray(nameValue)) {
      const kept: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(nameValue)) {
        if (k.toLowerCase() === 'givenname') kept['givenName'] = v;
        else if (k.toLowerCase() === 'familyname') kept['familyName'] = v;
        else ignored.push(`name.${k}`);
      }
      resource['name'] = kept;
    }
    // The tenant defaults a missing email type to "work" (observed, docs/netskope.md §5.1).
    if (Array.isArray(resource['emails'])) {
      resource['emails'] = (resource['emails'] as unknown[]).map((e) =>
        e && typeof e === 'object' && !('type' in e) ? { ...e, type: 'work' } : e,
      );
    }
  }
  return { resource, ignored };
}

/** Create/replace checks that do not depend on the store. */
export function checkUserRequired(resource: Record<string, unknown>, profile: Profile): void {
  const userName = resource['userName'];
  if (typeof userName !== 'string' || !userName.trim()) {
    throw badRequest('UserName not provided', 'invalidValue');
  }
  if (profile.requirePrimaryEmail) {
    const emails = Array.isArray(resource['emails']) ? (resource['emails'] as Record<string, unknown>[]) : [];
    const chosen = emails.find((e) => e?.['primary'] === true) ?? emails[0];
    const value = chosen?.['value'];
    if (typeof value !== 'string' || !value) throw badRequest('Primary Email not provided', 'invalidValue');
    if (!NETSKOPE_EMAIL.test(value)) throw badRequest(`Invalid email address: ${value}`, 'invalidValue');
  }
}
