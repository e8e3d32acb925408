/**
 * Evaluates a PATCH value filter (`emails[type eq "work"]`, `members[value eq "…"]`) against
 * one element of a multi-valued attribute. The comparison rules are the filter module's
 * (caseExact folding, dateTimes as instants, RFC 7644 §3.4.2.2), so a PATCH selects exactly what
 * a GET filter would; only the walk over one element lives here.
 */
import { invalidPath, ScimError } from '../errors';
import type { Filter } from '../filter/ast';
import { isPresent, matchesOperand, prepareOperand } from '../filter/operand';
import type { AttributeDef } from '../schema/types';
import { getCI, isPlainObject } from './objects';
import { subDef } from './values';

/** The value a filter path names inside one element; simple multi-valued elements are their own `value`. */
function read(element: unknown, name: string): unknown {
  if (isPlainObject(element)) return getCI(element, name);
  return name.toLowerCase() === 'value' ? element : undefined;
}

function evaluate(f: Filter, element: unknown, parent: AttributeDef | undefined, label: string): boolean {
  switch (f.kind) {
    case 'and':
      return evaluate(f.left, element, parent, label) && evaluate(f.right, element, parent, label);
    case 'or':
      return evaluate(f.left, element, parent, label) || evaluate(f.right, element, parent, label);
    case 'not':
      return !evaluate(f.filter, element, parent, label);
    case 'present':
      return isPresent(read(element, f.path.attr));
    case 'valuePath':
      throw invalidPath(`"${label}[…]": a value filter cannot nest another value filter (RFC 7644 §3.4.2.2)`);
    case 'compare': {
      const name = f.path.attr;
      const def =
        parent?.type === 'complex'
          ? subDef(parent, name)
          : name.toLowerCase() === 'value'
            ? parent
            : undefined;
      const stored = read(element, name);
      if (f.value === null) {
        // `x eq null` / `x ne null`: absence (RFC 7643 §2.5 treats null as unassigned).
        const absent = !isPresent(stored);
        return f.op === 'ne' ? !absent : f.op === 'eq' && absent;
      }
      if (f.op === 'ne') {
        const operand = prepareOperand(def, 'eq', f.value, `${label}.${name}`);
        return !matchesOperand(stored, operand);
      }
      return matchesOperand(stored, prepareOperand(def, f.op, f.value, `${label}.${name}`));
    }
  }
}

/**
 * Whether `element` (one value of the multi-valued attribute `def`) matches `filter`.
 * A filter that cannot apply (e.g. `primary gt true`) is 400 invalidPath: it is part of the path.
 */
export function elementMatches(
  filter: Filter,
  element: unknown,
  def: AttributeDef | undefined,
  label: string,
): boolean {
  try {
    return evaluate(filter, element, def, label);
  } catch (e) {
    if (e instanceof ScimError && e.scimType === 'invalidFilter') throw invalidPath(e.message);
    throw e;
  }
}
