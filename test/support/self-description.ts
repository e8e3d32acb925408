/**
 * Self-description harness (issue 15): checks SCIM response bodies against the server's own
 * /Schemas and /ResourceTypes, as they stood when each response was sent, and against the
 * rules of RFC 7643/7644 for the messages no /Schemas entry describes (ListResponse, Error,
 * ServiceProviderConfig, ResourceType, Schema). A strict client refuses exactly these
 * disagreements: undeclared attributes, wrong types, `returned: never` present, required or
 * `returned: always` attributes missing, extension URNs present but undeclared.
 */
import { COMMON_ATTRIBUTES } from '../../server/domain/schema';
import type { AttributeDef, SchemaDef } from '../../server/domain/schema';
import type { ObservedResponse } from '../../server/core';

const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const SPC = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
const RT = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
const SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
const SCIM_TYPES = [
  'invalidFilter',
  'tooMany',
  'uniqueness',
  'mutability',
  'invalidSyntax',
  'invalidPath',
  'noTarget',
  'invalidValue',
  'invalidVers',
  'sensitive',
];

type Obj = Record<string, unknown>;
interface Description {
  schemas: SchemaDef[];
  resourceTypes: Obj[];
}
export interface Check {
  /** `errorDescription`: Netskope profiles document a `description` field in errors (docs/netskope.md §10) */
  errorDescription: boolean;
}

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function typeOk(v: unknown, d: AttributeDef): boolean {
  switch (d.type) {
    case 'string':
    case 'reference':
    case 'binary':
      return typeof v === 'string';
    case 'dateTime':
      return typeof v === 'string' && !Number.isNaN(Date.parse(v));
    case 'boolean':
      return typeof v === 'boolean';
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v);
    case 'decimal':
      return typeof v === 'number';
    case 'complex':
      return isObj(v);
  }
}

class Validator {
  readonly problems: string[] = [];
  constructor(
    private readonly where: string,
    private readonly desc: Description,
    private readonly check: Check,
  ) {}

  fail(msg: string): void {
    this.problems.push(`${this.where}: ${msg}`);
  }

  /** Attributes of `obj` against `defs`: declared (exact case), typed, returned rules. */
  attributes(
    obj: Obj,
    defs: readonly AttributeDef[],
    at: string,
    full: boolean,
    skip: ReadonlySet<string>,
  ): void {
    for (const [k, v] of Object.entries(obj)) {
      if (skip.has(k)) continue;
      const d = defs.find((a) => a.name === k);
      if (!d) {
        this.fail(`${at}${k} is not declared`);
        continue;
      }
      this.value(v, d, `${at}${k}`);
    }
    if (!full) return;
    for (const d of defs) {
      if (d.returned === 'never') continue;
      if ((d.required || d.returned === 'always') && obj[d.name] === undefined)
        this.fail(`${at}${d.name} is ${d.required ? 'required' : 'returned always'} but missing`);
    }
  }

  value(v: unknown, d: AttributeDef, at: string): void {
    if (d.returned === 'never') this.fail(`${at} is returned:never but present`);
    if (v === null) return this.fail(`${at} is null (unassigned attributes are omitted, RFC 7643 §2.5)`);
    if (d.multiValued) {
      if (!Array.isArray(v)) return this.fail(`${at} is multi-valued but not an array`);
      v.forEach((item, i) => this.single(item, d, `${at}[${i}]`));
    } else if (Array.isArray(v)) this.fail(`${at} is single-valued but an array`);
    else this.single(v, d, at);
  }

  single(v: unknown, d: AttributeDef, at: string): void {
    if (!typeOk(v, d)) return this.fail(`${at} is not of type ${d.type}: ${JSON.stringify(v)?.slice(0, 80)}`);
    if (d.type === 'complex') this.attributes(v as Obj, d.subAttributes ?? [], `${at}.`, false, new Set());
  }

  resource(body: Obj, coreUrn: string | undefined, full: boolean): void {
    const schemas = body['schemas'];
    if (!Array.isArray(schemas) || schemas.some((s) => typeof s !== 'string')) {
      return this.fail('resource without a "schemas" array of URIs');
    }
    const core =
      coreUrn ?? (schemas as string[]).find((s) => this.desc.resourceTypes.some((r) => r['schema'] === s));
    const rt = this.desc.resourceTypes.find((r) => r['schema'] === core);
    if (!rt) return this.fail(`no resource type serves schema ${String(core)}`);
    const extIds = ((rt['schemaExtensions'] as Obj[] | undefined) ?? []).map((e) => String(e['schema']));
    for (const s of schemas as string[]) {
      if (s !== core && !extIds.includes(s))
        this.fail(`"schemas" lists ${s}, not declared by ResourceType ${String(rt['name'])}`);
    }
    if (!(schemas as string[]).includes(core as string))
      this.fail(`"schemas" lacks the core schema ${String(core)}`);
    const coreDef = this.desc.schemas.find((s) => s.id === core);
    if (!coreDef) return this.fail(`/Schemas does not serve ${String(core)}`);
    const ext = new Set<string>();
    for (const k of Object.keys(body)) {
      if (!k.startsWith('urn:')) continue;
      ext.add(k);
      if (!extIds.includes(k)) {
        this.fail(`extension object ${k} is not a schemaExtension of ${String(rt['name'])}`);
        continue;
      }
      if (!(schemas as string[]).includes(k))
        this.fail(`extension object ${k} present but not listed in "schemas"`);
      const extDef = this.desc.schemas.find((s) => s.id === k);
      if (!extDef) this.fail(`extension ${k} is not served by /Schemas`);
      else if (!isObj(body[k])) this.fail(`extension ${k} is not an object`);
      else this.attributes(body[k] as Obj, extDef.attributes, `${k}:`, full, new Set());
    }
    this.attributes(body, [...COMMON_ATTRIBUTES, ...coreDef.attributes], '', full, ext);
    if (typeof body['id'] !== 'string') this.fail('resource without an "id"');
  }

  message(body: Obj, keys: Record<string, (v: unknown) => boolean>, required: string[], at = ''): void {
    for (const [k, v] of Object.entries(body)) {
      const okFn = keys[k];
      if (!okFn) this.fail(`${at}${k} is not an attribute of this message`);
      else if (!okFn(v)) this.fail(`${at}${k} has the wrong type: ${JSON.stringify(v)?.slice(0, 80)}`);
    }
    for (const k of required) if (body[k] === undefined) this.fail(`${at}${k} is required but missing`);
  }
}

const str = (v: unknown): boolean => typeof v === 'string';
const bool = (v: unknown): boolean => typeof v === 'boolean';
const int = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const strList = (v: unknown): boolean => Array.isArray(v) && v.every(str);
const META_KEYS = { resourceType: str, location: str, created: str, lastModified: str, version: str };

function spc(v: Validator, body: Obj): void {
  const supported =
    (extra: Record<string, (x: unknown) => boolean> = {}) =>
    (x: unknown) => {
      if (!isObj(x)) return false;
      v.message(
        x,
        { supported: bool, ...extra },
        ['supported', ...Object.keys(extra)],
        'ServiceProviderConfig sub-object: ',
      );
      return true;
    };
  v.message(
    body,
    {
      schemas: strList,
      documentationUri: str,
      patch: supported(),
      bulk: supported({ maxOperations: int, maxPayloadSize: int }),
      filter: supported({ maxResults: int }),
      changePassword: supported(),
      sort: supported(),
      etag: supported(),
      authenticationSchemes: (x) =>
        Array.isArray(x) &&
        x.every((a) => {
          if (!isObj(a)) return false;
          v.message(
            a,
            { type: str, name: str, description: str, specUri: str, documentationUri: str, primary: bool },
            ['type', 'name', 'description'],
            'authenticationSchemes[]: ',
          );
          return true;
        }),
      meta: (x) => isObj(x) && (v.message(x, META_KEYS, [], 'meta.'), true),
    },
    ['schemas', 'patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag', 'authenticationSchemes'],
  );
}

function attributeDefOk(v: Validator, a: unknown, at: string): boolean {
  if (!isObj(a)) return false;
  v.message(
    a,
    {
      name: str,
      type: (x) =>
        ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'complex', 'binary'].includes(
          String(x),
        ),
      multiValued: bool,
      description: str,
      required: bool,
      caseExact: bool,
      mutability: (x) => ['readOnly', 'readWrite', 'immutable', 'writeOnly'].includes(String(x)),
      returned: (x) => ['always', 'never', 'default', 'request'].includes(String(x)),
      uniqueness: (x) => ['none', 'server', 'global'].includes(String(x)),
      canonicalValues: strList,
      referenceTypes: strList,
      subAttributes: (x) =>
        Array.isArray(x) && x.every((s, i) => attributeDefOk(v, s, `${at}.subAttributes[${i}]`)),
    },
    ['name', 'type', 'multiValued', 'required', 'caseExact', 'mutability', 'returned', 'uniqueness'],
    `${at}: `,
  );
  return true;
}

function schemaResource(v: Validator, body: Obj, desc: Description): void {
  v.message(
    body,
    {
      schemas: strList,
      id: str,
      name: str,
      description: str,
      attributes: (x) => Array.isArray(x) && x.every((a, i) => attributeDefOk(v, a, `attributes[${i}]`)),
      meta: (x) => isObj(x) && (v.message(x, META_KEYS, [], 'meta.'), true),
    },
    ['schemas', 'id', 'attributes'],
  );
  if (!desc.schemas.some((s) => s.id === body['id']))
    v.fail(`Schema ${String(body['id'])} is not among /Schemas`);
}

function resourceType(v: Validator, body: Obj, desc: Description): void {
  v.message(
    body,
    {
      schemas: strList,
      id: str,
      name: str,
      description: str,
      endpoint: str,
      schema: str,
      schemaExtensions: (x) =>
        Array.isArray(x) &&
        x.every(
          (e) =>
            isObj(e) &&
            (v.message(e, { schema: str, required: bool }, ['schema', 'required'], 'schemaExtensions[]: '),
            true),
        ),
      meta: (x) => isObj(x) && (v.message(x, META_KEYS, [], 'meta.'), true),
    },
    ['schemas', 'name', 'endpoint', 'schema'],
  );
  const refs = [
    body['schema'],
    ...((body['schemaExtensions'] as Obj[] | undefined) ?? []).map((e) => e['schema']),
  ];
  for (const r of refs)
    if (!desc.schemas.some((s) => s.id === r))
      v.fail(`ResourceType names ${String(r)}, which /Schemas does not serve`);
}

/** The core schema a path's resources use, from its first segment after the base. */
function coreFor(url: string, desc: Description): { kind: string; core?: string } {
  const path = url.split('?')[0] ?? '';
  const seg = path.split('/').map((s) => s.toLowerCase());
  const endpoint = desc.resourceTypes.find((r) => seg.includes(String(r['endpoint']).slice(1).toLowerCase()));
  if (seg.includes('schemas')) return { kind: 'Schema' };
  if (seg.includes('resourcetypes')) return { kind: 'ResourceType' };
  if (seg.includes('serviceproviderconfig')) return { kind: 'SPC' };
  return endpoint ? { kind: 'Resource', core: String(endpoint['schema']) } : { kind: 'Resource' };
}

/** Validates one response; returns the disagreements found. */
export function validateResponse(
  r: Omit<ObservedResponse, 'describe'>,
  rawDesc: { schemas: Obj[]; resourceTypes: Obj[] },
  check: Check,
): string[] {
  const desc: Description = {
    schemas: rawDesc.schemas as unknown as SchemaDef[],
    resourceTypes: rawDesc.resourceTypes,
  };
  const v = new Validator(`${r.method} ${r.url} → ${r.status} [${r.descriptionKey}]`, desc, check);
  if (!r.body) return [];
  let body: unknown;
  try {
    body = JSON.parse(r.body);
  } catch {
    return [`${r.method} ${r.url} → ${r.status}: body is not JSON`];
  }
  if (!isObj(body)) return [`${r.method} ${r.url} → ${r.status}: body is not a JSON object`];
  const schemas = body['schemas'];
  if (!strList(schemas)) return [`${r.method} ${r.url} → ${r.status}: body has no "schemas" list`];
  const query = r.url.includes('?') ? r.url.slice(r.url.indexOf('?')) : '';
  const projected = /[?&](attributes|excludedattributes)=/i.test(query) || /\.search/i.test(r.url);
  const target = coreFor(r.url, desc);
  const list = schemas as string[];
  if (list.includes(ERROR)) {
    const keys: Record<string, (x: unknown) => boolean> = {
      schemas: strList,
      status: (x) => x === String(r.status),
      scimType: (x) => SCIM_TYPES.includes(String(x)),
      detail: str,
    };
    if (check.errorDescription) keys['description'] = str;
    v.message(body, keys, ['schemas', 'status']);
    if (r.status < 400) v.fail('an Error message with a success status');
  } else if (r.status >= 400) {
    v.fail('an error status without an Error message');
  } else if (list.includes(LIST)) {
    v.message(
      body,
      { schemas: strList, totalResults: int, itemsPerPage: int, startIndex: int, Resources: Array.isArray },
      ['schemas', 'totalResults'],
    );
    for (const item of (body['Resources'] as unknown[] | undefined) ?? []) {
      if (!isObj(item)) v.fail('Resources holds a non-object');
      else if (target.kind === 'Schema') schemaResource(v, item, desc);
      else if (target.kind === 'ResourceType') resourceType(v, item, desc);
      else v.resource(item, target.core, !projected);
    }
  } else if (list.includes(SPC)) spc(v, body);
  else if (list.includes(SCHEMA)) schemaResource(v, body, desc);
  else if (list.includes(RT)) resourceType(v, body, desc);
  else v.resource(body, target.core, !projected);
  if (r.status < 300 && !/^application\/scim\+json/i.test(r.contentType ?? ''))
    v.fail(`content type ${String(r.contentType)} is not application/scim+json`);
  return v.problems;
}

/** Records responses from a server (StartOptions.observeResponse) and validates them all. */
export class ResponseRecorder {
  private readonly seen: { r: Omit<ObservedResponse, 'describe'>; key: string }[] = [];
  private readonly descriptions = new Map<string, { schemas: Obj[]; resourceTypes: Obj[] }>();
  private readonly problems = new Set<string>();
  /** at most this many bodies are kept; the rest are validated as they arrive */
  constructor(private readonly check: (profileKey: string) => Check) {}

  readonly observe = (r: ObservedResponse): void => {
    if (!this.descriptions.has(r.descriptionKey)) {
      // Round-trip through JSON: exactly what a client of GET /Schemas would read.
      this.descriptions.set(
        r.descriptionKey,
        JSON.parse(JSON.stringify(r.describe())) as { schemas: Obj[]; resourceTypes: Obj[] },
      );
    }
    const { describe: _d, ...rest } = r;
    const desc = this.descriptions.get(r.descriptionKey) as { schemas: Obj[]; resourceTypes: Obj[] };
    for (const p of validateResponse(rest, desc, this.check(r.descriptionKey)))
      if (this.problems.size < 200) this.problems.add(p);
    this.seen.push({ r: { ...rest, body: '' }, key: r.descriptionKey });
  };

  get count(): number {
    return this.seen.length;
  }

  disagreements(): string[] {
    return [...this.problems];
  }
}
