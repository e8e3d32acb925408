/**
 * Recursive-descent parser for the filter grammar of RFC 7644 §3.4.2.2 and the PATCH path
 * grammar of §3.5.2. Precedence, loosest first: `or`, `and`, `not (…)`/`(…)`/attrExp, so
 * `a or b and c` is `a or (b and c)`. Keywords and operators are case-insensitive (§3.4.2.2:
 * "Attribute names and attribute operators used in filters are case insensitive").
 *
 * Written by hand rather than with `scim2-parse-filter` (0.2.10, evaluated): that library
 * keeps paths as raw strings (no URN/sub-attribute split), turns `emails[…].value` into an
 * `and`, double-escapes backslashes inside strings, reports errors without positions, has no
 * depth limit (deep nesting overflows the stack) and has no PATCH-path entry point.
 *
 * Leniency (documented choices):
 * - `true`/`false`/`null` are accepted in any case (Microsoft's test collection sends `True`).
 * - Unquoted values (`userName sw O`, `meta.created gt 2015-10-10T14:38:21-07:00`, also from
 *   Microsoft's collection) are read as strings unless they parse as JSON numbers; turn this off
 *   with `{ unquotedValues: false }` for strict RFC parsing.
 * - `not` requires parentheses, as the ABNF does.
 */
import { invalidFilter, invalidPath, type ScimError } from '../domain/errors';
import {
  COMPARE_OPS,
  type AttrPath,
  type CompValue,
  type CompareOp,
  type Filter,
  type PatchPath,
} from './ast';
import { describeToken, SyntaxProblem, tokenize, type Token } from './lexer';

/** Longest filter accepted (characters). */
export const MAX_FILTER_LENGTH = 4096;
/** Deepest nesting of parentheses, `not (…)` and `[…]` accepted. */
export const MAX_FILTER_DEPTH = 32;

export interface ParseOptions {
  /** accept unquoted string values (default true; see the module comment) */
  unquotedValues?: boolean;
}

const ATTRNAME = /^\$?[A-Za-z][A-Za-z0-9_-]*$/;
const URI = /^urn:[A-Za-z0-9][A-Za-z0-9._:-]*$/i;
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Parses an attribute path as written in a filter, `sortBy`, `attributes` or a PATCH path:
 * `[URI ":"] ATTRNAME *1subAttr` (RFC 7644 §3.10). Throws SyntaxProblem.
 */
function pathOf(text: string, pos: number, relative: boolean): AttrPath {
  let uri: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const cut = text.lastIndexOf(':');
    uri = text.slice(0, cut);
    rest = text.slice(cut + 1);
    if (!URI.test(uri) || !rest)
      throw new SyntaxProblem(`'${text}' at character ${pos} is not a valid URN-qualified attribute path`);
    if (relative)
      throw new SyntaxProblem(
        `'${text}' at character ${pos}: inside [...] name a sub-attribute without a URN`,
      );
  }
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every((p) => ATTRNAME.test(p))) {
    throw new SyntaxProblem(
      `'${text}' at character ${pos} is not a valid attribute path (expected name or name.subName)`,
    );
  }
  if (relative && parts.length > 1) {
    throw new SyntaxProblem(`'${text}' at character ${pos}: inside [...] name a sub-attribute, without '.'`);
  }
  const [attr = '', sub] = parts;
  return { ...(uri ? { uri } : {}), attr, ...(sub ? { sub } : {}) };
}

const END: Token = { type: 'end', text: '', pos: 0 };

class Parser {
  private i = 0;
  private depth = 0;
  private inValuePath = false;

  constructor(
    private readonly tokens: Token[],
    private readonly options: ParseOptions,
  ) {}

  private peek(): Token {
    return this.tokens[this.i] ?? END;
  }

  private next(): Token {
    const t = this.peek();
    if (t.type !== 'end') this.i++;
    return t;
  }

  private isWord(t: Token, word: string): boolean {
    return t.type === 'word' && t.text.toLowerCase() === word;
  }

  private expect(type: Token['type'], what: string): Token {
    const t = this.next();
    if (t.type !== type) throw new SyntaxProblem(`expected ${what} but found ${describeToken(t)}`);
    return t;
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_FILTER_DEPTH) {
      throw new SyntaxProblem(`nesting deeper than ${MAX_FILTER_DEPTH} levels at character ${t.pos}`);
    }
  }

  /** filter = orExp, then the end of the text */
  filter(): Filter {
    const f = this.orExp();
    const t = this.peek();
    if (t.type !== 'end') {
      throw new SyntaxProblem(`expected 'and', 'or' or the end of the input but found ${describeToken(t)}`);
    }
    return f;
  }

  orExp(): Filter {
    let left = this.andExp();
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      left = { kind: 'or', left, right: this.andExp() };
    }
    return left;
  }

  private andExp(): Filter {
    let left = this.unary();
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): Filter {
    const t = this.next();
    if (t.type === '(') return this.group(t);
    if (this.isWord(t, 'not') && this.peek().type === '(') {
      return { kind: 'not', filter: this.group(this.next()) };
    }
    if (this.isWord(t, 'not'))
      throw new SyntaxProblem(`expected '(' after 'not' but found ${describeToken(this.peek())}`);
    if (t.type === 'word') return this.attrExp(t);
    throw new SyntaxProblem(`expected an attribute path, 'not' or '(' but found ${describeToken(t)}`);
  }

  /** `( orExp )`, the opening bracket already consumed */
  private group(open: Token): Filter {
    this.enter(open);
    const f = this.orExp();
    this.expect(')', `')' to close the '(' at character ${open.pos}`);
    this.depth--;
    return f;
  }

  private attrExp(t: Token): Filter {
    const path = pathOf(t.text, t.pos, this.inValuePath);
    const op = this.next();
    if (op.type === '[') {
      if (this.inValuePath) throw new SyntaxProblem(`value filters cannot nest ('[' at character ${op.pos})`);
      if (path.sub)
        throw new SyntaxProblem(
          `'${t.text}' at character ${t.pos}: a value filter applies to an attribute, not to a sub-attribute`,
        );
      this.enter(op);
      this.inValuePath = true;
      const filter = this.orExp();
      this.expect(']', `']' to close the '[' at character ${op.pos}`);
      this.inValuePath = false;
      this.depth--;
      return { kind: 'valuePath', path, filter };
    }
    const name = op.type === 'word' ? op.text.toLowerCase() : '';
    if (name === 'pr') return { kind: 'present', path };
    if (COMPARE_OPS.has(name))
      return { kind: 'compare', path, op: name as CompareOp, value: this.value(name) };
    throw new SyntaxProblem(
      `expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after '${t.text}' but found ${describeToken(op)}`,
    );
  }

  private value(op: string): CompValue {
    const t = this.next();
    if (t.type === 'string') return t.value ?? '';
    if (t.type === 'word') {
      const lower = t.text.toLowerCase();
      if (lower === 'true') return true;
      if (lower === 'false') return false;
      if (lower === 'null') return null;
      if (NUMBER.test(t.text)) {
        const n = Number(t.text);
        if (!Number.isFinite(n)) throw new SyntaxProblem(`number ${describeToken(t)} is out of range`);
        return n;
      }
      if (this.options.unquotedValues !== false && !['and', 'or', 'not'].includes(lower)) return t.text;
    }
    throw new SyntaxProblem(
      `expected a value (a "string", number, true, false or null) after '${op}' but found ${describeToken(t)}`,
    );
  }

  /** a lone attrPath */
  attrPath(): AttrPath {
    const t = this.expect('word', 'an attribute path');
    const path = pathOf(t.text, t.pos, false);
    this.expect('end', 'the end of the path');
    return path;
  }

  /** PATH = attrPath / valuePath [subAttr] (RFC 7644 §3.5.2) */
  patchPath(): PatchPath {
    const t = this.expect('word', 'an attribute path');
    const attr = pathOf(t.text, t.pos, false);
    const open = this.peek();
    if (open.type !== '[') {
      this.expect('end', 'the end of the path');
      return { attr };
    }
    const f = this.attrExp(t);
    const filter = f.kind === 'valuePath' ? f.filter : undefined;
    let sub: string | undefined;
    const after = this.peek();
    if (after.type === 'word' && after.text.startsWith('.')) {
      this.next();
      sub = after.text.slice(1);
      if (!ATTRNAME.test(sub))
        throw new SyntaxProblem(`'${after.text}' at character ${after.pos} is not a valid sub-attribute`);
    }
    this.expect('end', 'the end of the path');
    return { attr, ...(filter ? { filter } : {}), ...(sub ? { sub } : {}) };
  }
}

function run<T>(
  text: string,
  fail: (detail: string) => ScimError,
  what: string,
  body: (p: Parser) => T,
  options: ParseOptions,
): T {
  if (typeof text !== 'string' || text.trim() === '') throw fail(`Invalid ${what}: it is empty`);
  if (text.length > MAX_FILTER_LENGTH)
    throw fail(`Invalid ${what}: longer than ${MAX_FILTER_LENGTH} characters`);
  try {
    return body(new Parser(tokenize(text), options));
  } catch (e) {
    if (e instanceof SyntaxProblem) throw fail(`Invalid ${what}: ${e.message}`);
    throw e;
  }
}

/**
 * Parses a `filter` query parameter (RFC 7644 §3.4.2.2). Throws ScimError 400 invalidFilter
 * with the position and what was expected.
 */
export function parseFilter(text: string, options: ParseOptions = {}): Filter {
  return run(text, invalidFilter, 'filter', (p) => p.filter(), options);
}

/**
 * Parses one attribute path (`sortBy`, `attributes` entries). Throws ScimError 400
 * (`invalidPath` by default; pass another factory, e.g. invalidValue for sortBy).
 */
export function parseAttrPath(text: string, fail: (detail: string) => ScimError = invalidPath): AttrPath {
  return run(typeof text === 'string' ? text.trim() : text, fail, 'attribute path', (p) => p.attrPath(), {});
}

/**
 * Parses a PATCH operation path (RFC 7644 §3.5.2): `members[value eq "id"]`,
 * `emails[type eq "work"].value`, `urn:…:enterprise:2.0:User:manager`. Throws ScimError 400
 * invalidPath (RFC 7644 §3.12) for anything malformed, including a malformed value filter.
 */
export function parsePatchPath(text: string, options: ParseOptions = {}): PatchPath {
  return run(
    typeof text === 'string' ? text.trim() : text,
    invalidPath,
    'path',
    (p) => p.patchPath(),
    options,
  );
}
