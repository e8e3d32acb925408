/**
 * Evaluates a PATCH value filter (`emails[type eq "work"]`) against one element of a
 * multi-valued attribute with the filter module's evaluator, so a PATCH selects exactly what a
 * GET filter would (caseExact folding, dateTimes as instants, RFC 7644 §3.4.2.2).
 */
import { invalidPath, ScimError } from '../../domain/errors';
import { matchesValue, type Filter } from '../../query';
import type { AttributeDef } from '../../domain/schema';

/**
 * Whether `element` (one value of the multi-valued attribute `def`) matches `filter`. A filter
 * that cannot apply (`primary gt true`, an unknown sub-attribute) is part of the path, so it is
 * 400 invalidPath (RFC 7644 §3.5.2), not invalidFilter.
 */
export function elementMatches(
  filter: Filter,
  element: unknown,
  def: AttributeDef | undefined,
  label: string,
): boolean {
  try {
    return matchesValue(filter, element, def);
  } catch (e) {
    if (e instanceof ScimError && e.scimType === 'invalidFilter')
      throw invalidPath(`"${label}[…]": ${e.message}`);
    throw e;
  }
}
