/**
 * Compiles a filter AST to a SQL condition over a resource table (filters run inside the
 * database: docs/architecture.md). Singular attributes with their own column use it (and its index:
 * `userName eq` becomes `u.user_name_ci = ?`); everything else reads the stored JSON with
 * SQLite's JSON1 functions; multi-valued attributes become EXISTS over json_each or over
 * their relation table.
 *
 * Semantics are those of operand.ts, shared with the in-memory evaluator. Choices the RFC
 * leaves open:
 * - `ne` is `not (eq)`: an absent attribute is "not equal" (RFC 7644 §3.4.2.2 is silent), and
 *   for a multi-valued attribute `emails.value ne "x"` means no value equals "x".
 * - `eq null` is "not present", `ne null` is "present".
 * - Comparing a complex attribute without sub-attribute compares its `value` sub-attribute for
 *   multi-valued attributes (`emails co "@x"`) and is invalidFilter for singular ones.
 */
import { invalidFilter } from '../domain/errors';
import type { SqlValue } from './sql-target';
import { attr as attrDef, resolveAttribute, type AttributeDef } from '../domain/schema';
import { pathText, type AttrPath, type CompValue, type CompareOp, type Filter } from './ast';
import { defaultSub, locate, locateSub, type FilterOptions } from './locate';
import { prepareOperand, type Operand } from './operand';
import { elemDoc, jsonPath, jsonPresent, predicate, subPath, type Src } from './sql-parts';
import type { ColumnSpec, RelationSpec, SqlTarget } from './sql-target';

export interface CompileOptions extends FilterOptions {
  /**
   * Allow the SQL functions `scim_fold` and `scim_datetime` (default true). Statements that are
   * journaled must not call them (store/types.ts Tx), so compile with `false` for writes: a
   * filter that would need one is then invalidFilter instead.
   */
  functions?: boolean;
}

export interface CompiledFilter {
  sql: string;
  params: SqlValue[];
}

/** What a path in some scope points at. */
type Site =
  | { kind: 'value'; def: AttributeDef | undefined; label: string; src: Src }
  | { kind: 'object'; def: AttributeDef; label: string; doc: string; path: string }
  | { kind: 'multi'; def: AttributeDef | undefined; label: string; doc: string; path: string; sub?: SubRef }
  | { kind: 'relation'; def: AttributeDef; label: string; rel: RelationSpec; sub?: AttributeDef };

interface SubRef {
  def: AttributeDef | undefined;
  name: string;
}

type Scope = (path: AttrPath) => Site;

/**
 * `id` and `meta` are not in the stored JSON (SqlTarget.jsonColumn): without a column they
 * cannot be filtered, and silently matching nothing would mislead.
 */
export function serverOwned(extension: string | undefined, topName: string): boolean {
  return !extension && (topName === 'id' || topName === 'meta');
}

/** A definition for a column the schemas do not describe (e.g. a member-row target). */
function columnDef(name: string, col: ColumnSpec): AttributeDef {
  const type =
    col.type === 'boolean'
      ? 'boolean'
      : col.type === 'integer'
        ? 'integer'
        : col.type === 'dateTime'
          ? 'dateTime'
          : 'string';
  return attrDef(name, type, '', { caseExact: col.caseExact ?? !col.foldedExpr });
}

class Compiler {
  readonly params: SqlValue[] = [];
  private aliases = 0;

  constructor(
    private readonly target: SqlTarget,
    private readonly options: CompileOptions,
  ) {}

  private bind = (v: SqlValue): string => {
    this.params.push(v);
    return '?';
  };

  private alias(): string {
    return `${this.target.table}_e${++this.aliases}`;
  }

  /** The SQL test of `src` against the operand. */
  private test(src: Src, o: Operand, label: string): string {
    return predicate(src, o, this.bind, (name, arg) => this.fn(name, arg, label));
  }

  private fn(name: 'scim_fold' | 'scim_datetime', arg: string, label: string): string {
    if (this.options.functions === false) {
      throw invalidFilter(
        `Invalid filter: "${label}" cannot be compared here (it needs ${name}, unavailable in writes)`,
      );
    }
    return `${name}(${arg})`;
  }

  /** Paths of the resource itself. */
  resourceScope: Scope = (path) => {
    const t = this.target;
    if (!resolveAttribute(path, t.schemas)) {
      const col = t.columns[pathText(path).toLowerCase()];
      if (col)
        return {
          kind: 'value',
          def: columnDef(path.sub ?? path.attr, col),
          label: pathText(path),
          src: { kind: 'column', col },
        };
    }
    const loc = locate(path, t.schemas, this.options);
    const { top, label } = loc;
    const keyBase = loc.extension ? `${loc.extension}:${loc.topName}` : loc.topName;
    const base = loc.extension ? jsonPath(loc.extension, loc.topName) : jsonPath(loc.topName);
    const doc = t.jsonColumn;
    if (top?.multiValued) {
      const rel = t.relations?.[keyBase.toLowerCase()];
      if (rel) {
        if (loc.subName && !loc.sub) throw invalidFilter(`Invalid filter: "${label}" cannot be filtered`);
        return { kind: 'relation', def: top, label, rel, ...(loc.sub ? { sub: loc.sub } : {}) };
      }
      const sub = loc.subName ? { def: loc.sub, name: loc.subName } : undefined;
      return { kind: 'multi', def: top, label, doc, path: base, ...(sub ? { sub } : {}) };
    }
    const col = t.columns[(loc.subName ? `${keyBase}.${loc.subName}` : keyBase).toLowerCase()];
    const def = loc.subName ? loc.sub : top;
    if (col) return { kind: 'value', def, label, src: { kind: 'column', col } };
    if (serverOwned(loc.extension, loc.topName))
      throw invalidFilter(`Invalid filter: "${label}" cannot be filtered`);
    if (top?.type === 'complex' && !loc.subName) return { kind: 'object', def: top, label, doc, path: base };
    const path2 = loc.subName ? subPath(base, loc.subName) : base;
    return { kind: 'value', def, label, src: { kind: 'json', doc, path: path2 } };
  };

  /** Sub-attributes of one element (`emails[type eq "work"]`), held as JSON in `doc` at `path`. */
  private jsonElementScope(
    parent: AttributeDef | undefined,
    parentLabel: string,
    doc: string,
    path: string,
  ): Scope {
    return (p) => {
      const s = locateSub(parent, p, parentLabel, this.options);
      return {
        kind: 'value',
        def: s.def,
        label: s.label,
        src: { kind: 'json', doc, path: subPath(path, s.name) },
      };
    };
  }

  private relationScope(parent: AttributeDef, parentLabel: string, rel: RelationSpec): Scope {
    return (p) => {
      const s = locateSub(parent, p, parentLabel, this.options);
      const col = rel.columns[s.name.toLowerCase()];
      if (!col) throw invalidFilter(`Invalid filter: "${s.label}" cannot be filtered`);
      return { kind: 'value', def: s.def, label: s.label, src: { kind: 'column', col } };
    };
  }

  compile(f: Filter, scope: Scope): string {
    switch (f.kind) {
      case 'and':
        return `(${this.compile(f.left, scope)} AND ${this.compile(f.right, scope)})`;
      case 'or':
        return `(${this.compile(f.left, scope)} OR ${this.compile(f.right, scope)})`;
      case 'not':
        return this.not(this.compile(f.filter, scope));
      case 'present':
        return this.present(scope(f.path));
      case 'compare':
        return this.compare(scope(f.path), f.op, f.value);
      case 'valuePath':
        return this.valuePath(scope(f.path), f.filter);
    }
  }

  private not(sql: string): string {
    return `NOT COALESCE(${sql}, 0)`;
  }

  private compare(site: Site, op: CompareOp, value: CompValue): string {
    if (value === null && (op === 'eq' || op === 'ne')) {
      const present = this.present(site);
      return op === 'ne' ? present : this.not(present);
    }
    if (op === 'ne') return this.not(this.compare(site, 'eq', value));
    switch (site.kind) {
      case 'value':
        return this.test(site.src, prepareOperand(site.def, op, value, site.label), site.label);
      case 'object':
        throw invalidFilter(`Invalid filter: "${site.label}" is complex; compare one of its sub-attributes`);
      case 'multi': {
        const sub =
          site.sub ??
          (site.def?.type === 'complex'
            ? { def: defaultSub(site.def, site.label), name: 'value' }
            : undefined);
        const a = this.alias();
        const src: Src = sub
          ? { kind: 'json', doc: elemDoc(a), path: jsonPath(sub.name) }
          : { kind: 'elem', alias: a };
        const def = sub ? sub.def : site.def;
        const label = sub ? `${site.label}.${sub.name}` : site.label;
        return this.exists(
          site.doc,
          site.path,
          a,
          this.test(src, prepareOperand(def, op, value, label), label),
        );
      }
      case 'relation': {
        const sub = site.sub ?? defaultSub(site.def, site.label);
        const col = site.rel.columns[sub.name.toLowerCase()];
        const label = `${site.def.name}.${sub.name}`;
        if (!col) throw invalidFilter(`Invalid filter: "${label}" cannot be filtered`);
        return this.relation(
          site.rel,
          this.test({ kind: 'column', col }, prepareOperand(sub, op, value, label), label),
        );
      }
    }
  }

  private exists(doc: string, path: string, a: string, where: string): string {
    return `(json_type(${doc}, ${path}) = 'array' AND EXISTS (SELECT 1 FROM json_each(${doc}, ${path}) ${a} WHERE ${where}))`;
  }

  private relation(rel: RelationSpec, where: string): string {
    return rel.exists.replace('%s', () => where);
  }

  private present(site: Site): string {
    switch (site.kind) {
      case 'value': {
        const src = site.src;
        if (src.kind === 'column') {
          const e = src.col.expr;
          const text = !site.def || ['string', 'reference', 'binary', 'dateTime'].includes(site.def.type);
          return text ? `(${e} IS NOT NULL AND ${e} <> '')` : `${e} IS NOT NULL`;
        }
        if (src.kind === 'json') return jsonPresent(src.doc, src.path, this.alias());
        throw invalidFilter(`Invalid filter: "${site.label} pr" is not supported here`);
      }
      case 'object':
        return jsonPresent(site.doc, site.path, this.alias());
      case 'multi': {
        if (!site.sub) return jsonPresent(site.doc, site.path, this.alias());
        const a = this.alias();
        return this.exists(
          site.doc,
          site.path,
          a,
          jsonPresent(elemDoc(a), jsonPath(site.sub.name), this.alias()),
        );
      }
      case 'relation': {
        if (!site.sub) return this.relation(site.rel, '1');
        const col = site.rel.columns[site.sub.name.toLowerCase()];
        if (!col) throw invalidFilter(`Invalid filter: "${site.label}" cannot be filtered`);
        return this.relation(
          site.rel,
          this.present({ kind: 'value', def: site.sub, label: site.label, src: { kind: 'column', col } }),
        );
      }
    }
  }

  private valuePath(site: Site, inner: Filter): string {
    switch (site.kind) {
      case 'multi': {
        if (site.def && site.def.type !== 'complex') {
          throw invalidFilter(
            `Invalid filter: "${site.label}" is not complex, so it takes no [value filter]`,
          );
        }
        const a = this.alias();
        return this.exists(
          site.doc,
          site.path,
          a,
          this.compile(inner, this.jsonElementScope(site.def, site.label, elemDoc(a), "'$'")),
        );
      }
      case 'relation':
        return this.relation(
          site.rel,
          this.compile(inner, this.relationScope(site.def, site.label, site.rel)),
        );
      case 'object':
        return this.compile(inner, this.jsonElementScope(site.def, site.label, site.doc, site.path));
      case 'value':
        // An attribute the schemas do not define ('json' mode): read it as a multi-valued one.
        if (!site.def && site.src.kind === 'json') {
          return this.valuePath(
            { kind: 'multi', def: undefined, label: site.label, doc: site.src.doc, path: site.src.path },
            inner,
          );
        }
        throw invalidFilter(`Invalid filter: "${site.label}" is not complex, so it takes no [value filter]`);
    }
  }
}

/**
 * Compiles `filter` to a SQL condition for `target`, with its parameters in order. Throws
 * ScimError 400 invalidFilter for unknown attributes (unless `unknownAttributes: 'json'`) and
 * for operator/type combinations the RFC rules out.
 */
export function compileFilter(
  filter: Filter,
  target: SqlTarget,
  options: CompileOptions = {},
): CompiledFilter {
  const c = new Compiler(target, options);
  const sql = c.compile(filter, c.resourceScope);
  return { sql, params: c.params };
}
