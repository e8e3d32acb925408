/** ETags (RFC 7644 §3.14): `If-Match` on writes → 412 on mismatch; `If-None-Match` on reads → 304. */
import { preconditionFailed } from '../domain/errors';
import { etagOf } from './user-representation';

function tags(header: string): string[] {
  return header.split(',').map((t) => t.trim().replace(/^W\//, ''));
}

export function checkIfMatch(header: string | undefined, version: number): void {
  if (!header) return;
  const list = tags(header);
  if (list.includes('*')) return;
  if (!list.includes(`"${version}"`)) {
    throw preconditionFailed(`If-Match ${header} does not match the current version ${etagOf(version)}`);
  }
}

export function notModified(header: string | undefined, version: number): boolean {
  if (!header) return false;
  const list = tags(header);
  return list.includes('*') || list.includes(`"${version}"`);
}
