/**
 * The in-memory filter engine: the same semantics as compile-sql.ts (both build on
 * operand.ts and locate.ts), over a resource object. PATCH needs it for value-filtered paths
 * (`emails[type eq "work"]`, RFC 7644 §3.5.2); tests prove the two engines agree.
 *
 * Resources are read with the schemas' canonical attribute names (as the store keeps them);
 * extension attributes under their schema URN (RFC 7643 §3.3).
 */
import { invalidFilter } from '../domain/errors';
import type { AttributeDef, SchemaDef } from '../domain/schema';
import type { AttrPath, CompValue, CompareOp, Filter } from './ast';
import { defaultSub, locate, locateSub, type FilterOptions } from './locate';
import { isPresent, matchesOperand, prepareOperand } from './operand';

type Site =
  | { kind: 'value'; def: AttributeDef | undefined; label: string; value: unknown }
  | { kind: 'object'; def: AttributeDef; label: string; value: unknown }
  | {
      kind: 'multi';
      def: AttributeDef | undefined;
      label: string;
      value: unknown;
      sub?: { def: AttributeDef | undefined; name: string };
    };

type Scope = (path: AttrPath) => Site;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function items(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function resourceScope(
  resource: Record<string, unknown>,
  schemas: readonly SchemaDef[],
  options: FilterOptions,
): Scope {
  return (path) => {
    const loc = locate(path, schemas, options);
    const holder = loc.extension ? resource[loc.extension] : resource;
    const raw = isObject(holder) ? holder[loc.topName] : undefined;
    const { top, label } = loc;
    if (top?.multiValued) {
      return {
        kind: 'multi',
        def: top,
        label,
        value: raw,
        ...(loc.subName ? { sub: { def: loc.sub, name: loc.subName } } : {}),
      };
    }
    if (top?.type === 'complex' && !loc.subName) return { kind: 'object', def: top, label, value: raw };
    const value = loc.subName ? (isObject(raw) ? raw[loc.subName] : undefined) : raw;
    return { kind: 'value', def: loc.subName ? loc.sub : top, label, value };
  };
}

function elementScope(
  parent: AttributeDef | undefined,
  parentLabel: string,
  element: unknown,
  options: FilterOptions,
): Scope {
  return (p) => {
    const s = locateSub(parent, p, parentLabel, options);
    return {
      kind: 'value',
      def: s.def,
      label: s.label,
      value: isObject(element) ? element[s.name] : undefined,
    };
  };
}

class Evaluator {
  constructor(private readonly options: FilterOptions) {}

  run(f: Filter, scope: Scope): boolean {
    switch (f.kind) {
      case 'and':
        // Evaluate both sides so invalid filters fail the same way whatever the data (as in SQL).
        return [this.run(f.left, scope), this.run(f.right, scope)].every(Boolean);
      case 'or':
        return [this.run(f.left, scope), this.run(f.right, scope)].some(Boolean);
      case 'not':
        return !this.run(f.filter, scope);
      case 'present':
        return this.present(scope(f.path));
      case 'compare':
        return this.compare(scope(f.path), f.op, f.value);
      case 'valuePath':
        return this.valuePath(scope(f.path), f.filter);
    }
  }

  private present(site: Site): boolean {
    if (site.kind === 'multi' && site.sub) {
      const name = site.sub.name;
      return (
        Array.isArray(site.value) && site.value.some((e) => isPresent(isObject(e) ? e[name] : undefined))
      );
    }
    return isPresent(site.value);
  }

  private compare(site: Site, op: CompareOp, value: CompValue): boolean {
    if (value === null && (op === 'eq' || op === 'ne'))
      return op === 'ne' ? this.present(site) : !this.present(site);
    if (op === 'ne') return !this.compare(site, 'eq', value);
    switch (site.kind) {
      case 'value':
        return matchesOperand(site.value, prepareOperand(site.def, op, value, site.label));
      case 'object':
        throw invalidFilter(`Invalid filter: "${site.label}" is complex; compare one of its sub-attributes`);
      case 'multi': {
        const sub =
          site.sub ??
          (site.def?.type === 'complex'
            ? { def: defaultSub(site.def, site.label), name: 'value' }
            : undefined);
        const label = sub ? `${site.label}.${sub.name}` : site.label;
        const o = prepareOperand(sub ? sub.def : site.def, op, value, label);
        return items(site.value).some((e) =>
          matchesOperand(sub ? (isObject(e) ? e[sub.name] : undefined) : e, o),
        );
      }
    }
  }

  private valuePath(site: Site, inner: Filter): boolean {
    if (site.def && site.def.type !== 'complex') {
      throw invalidFilter(`Invalid filter: "${site.label}" is not complex, so it takes no [value filter]`);
    }
    if (site.kind === 'object')
      return this.run(inner, elementScope(site.def, site.label, site.value, this.options));
    const list = items(site.value);
    // An empty list still checks the inner filter's paths, so errors don't depend on the data.
    if (list.length === 0)
      return this.run(inner, elementScope(site.def, site.label, undefined, this.options)) && false;
    return list
      .map((e) => this.run(inner, elementScope(site.def, site.label, e, this.options)))
      .some(Boolean);
  }
}

/**
 * Whether `resource` matches `filter`, with the semantics of compileFilter. `schemas`: core
 * schema first, then extensions. Throws ScimError 400 invalidFilter where compileFilter would.
 */
export function evaluateFilter(
  filter: Filter,
  resource: Record<string, unknown>,
  schemas: readonly SchemaDef[],
  options: FilterOptions = {},
): boolean {
  return new Evaluator(options).run(filter, resourceScope(resource, schemas, options));
}

/**
 * Whether one value of a multi-valued attribute matches a value filter (the part inside
 * `emails[…]`). `attribute` is the multi-valued attribute's definition (its sub-attributes
 * give caseExact and types); undefined compares by the filter values' types, case-insensitively.
 */
export function matchesValue(
  filter: Filter,
  element: unknown,
  attribute?: AttributeDef,
  options: FilterOptions = {},
): boolean {
  const label = attribute?.name ?? 'value';
  return new Evaluator(options).run(filter, elementScope(attribute, label, element, options));
}
