/**
 * A rule's `match`, compiled once: method and resource sets, and the regular expressions for
 * the path and the userName/displayName (case-insensitive, like SCIM's comparison of those
 * attributes, RFC 7643 §4.1.1 and §4.2).
 */
import type { FaultMatch, FaultResource } from '../domain/fault-rule';

/** What the matcher sees of a request. The names are looked up only when a rule needs them. */
export interface FaultRequest {
  method: string;
  resource: FaultResource | null;
  /** the URL path as sent, e.g. /api/v2/scim/Users/123 */
  path: string;
  tokenName: string | null;
  /** userName and displayName from the body, else of the target resource */
  names(): { userName: string | null; displayName: string | null };
}

export type Matcher = (req: FaultRequest) => boolean;

const list = <T>(v: T | T[] | undefined): Set<T> | null =>
  v === undefined ? null : new Set(Array.isArray(v) ? v : [v]);

export function compileMatch(m: FaultMatch): Matcher {
  const methods = list<string>(m.method);
  const resources = list<string>(m.resource);
  const path = m.path !== undefined ? new RegExp(m.path) : null;
  const userName = m.userName !== undefined ? new RegExp(m.userName, 'i') : null;
  const displayName = m.displayName !== undefined ? new RegExp(m.displayName, 'i') : null;
  const token = m.token;
  return (req) => {
    if (methods && !methods.has(req.method)) return false;
    if (resources && (req.resource === null || !resources.has(req.resource))) return false;
    if (path && !path.test(req.path)) return false;
    if (token !== undefined && req.tokenName !== token) return false;
    if (userName || displayName) {
      const names = req.names();
      if (userName && (names.userName === null || !userName.test(names.userName))) return false;
      if (displayName && (names.displayName === null || !displayName.test(names.displayName))) return false;
    }
    return true;
  };
}
