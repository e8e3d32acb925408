/**
 * The SCIM Group as served (RFC 7643 §4.2). Member lists can hold 100,000 entries, so they
 * are written as JSON text directly rather than built as objects and stringified twice.
 */
import type { StoredGroup } from '../store/groups-repo';
import type { ScimContext } from './context';
import { etagOf } from './user-representation';
import { GROUP_URN } from './urns';

export function groupLocation(ctx: Pick<ScimContext, 'baseUrl'>, id: string): string {
  return `${ctx.baseUrl}/Groups/${id}`;
}

export function groupToScim(group: StoredGroup, ctx: Pick<ScimContext, 'baseUrl'>): Record<string, unknown> {
  const out: Record<string, unknown> = { schemas: [GROUP_URN], id: group.id, displayName: group.displayName };
  if (group.externalId !== null) out['externalId'] = group.externalId;
  for (const [k, v] of Object.entries(group.resource)) {
    if (k === 'displayName' || k === 'externalId' || k === 'members') continue;
    out[k] = v;
  }
  out['meta'] = {
    resourceType: 'Group',
    created: group.created,
    lastModified: group.modified,
    location: groupLocation(ctx, group.id),
    version: etagOf(group.version),
  };
  return out;
}

/** The JSON string literal of `<base>/Users/` without its closing quote: each member's `$ref` is it + id + `"`. */
export function memberRefPrefix(baseUrl: string): string {
  return JSON.stringify(`${baseUrl}/Users/`).slice(0, -1);
}

/**
 * `[{"value":…,"display":…,"$ref":…,"type":"User"},…]` as text. GroupsRepo.membersJsonBytes
 * builds the same text in SQL (as UTF-8 bytes) for the SCIM read path; both must stay identical
 * (test/store/members-json.test.ts).
 */
export function membersJson(members: { id: string; userName: string }[], baseUrl: string): string {
  const parts: string[] = new Array<string>(members.length);
  const ref = memberRefPrefix(baseUrl);
  for (let i = 0; i < members.length; i++) {
    const m = members[i] as { id: string; userName: string };
    // ids are UUIDs we minted: no escaping needed; userNames are client text.
    parts[i] =
      `{"value":"${m.id}","display":${JSON.stringify(m.userName)},"$ref":${ref}${m.id}","type":"User"}`;
  }
  return `[${parts.join(',')}]`;
}

/** A group with a members array already serialised as UTF-8 (GroupsRepo.membersJsonBytes), as bytes. */
export function groupJsonBytes(body: Record<string, unknown>, members: Buffer): Buffer {
  const { meta, ...rest } = body;
  return Buffer.concat([Buffer.from(openWithMembers(rest)), members, Buffer.from(closeWithMeta(meta))]);
}

/**
 * `{…rest,"members":` — the comma only when `rest` has keys. With `attributes=members` the
 * projection can leave `rest` empty and `meta` absent; both must still give valid JSON.
 */
function openWithMembers(rest: Record<string, unknown>): string {
  const head = JSON.stringify(rest);
  return head === '{}' ? '{"members":' : `${head.slice(0, -1)},"members":`;
}

/** `,"meta":{…}}`, or just `}` when the projection dropped meta (JSON has no `undefined`). */
function closeWithMeta(meta: unknown): string {
  return meta === undefined ? '}' : `,"meta":${JSON.stringify(meta)}}`;
}

/** Serialises a group with an optional pre-rendered members array. */
export function groupJson(body: Record<string, unknown>, members: string | null): string {
  if (members === null) return JSON.stringify(body);
  const { meta, ...rest } = body;
  return `${openWithMembers(rest)}${members}${closeWithMeta(meta)}`;
}
