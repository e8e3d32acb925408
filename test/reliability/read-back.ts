/**
 * Reads everything a tenant holds back over SCIM, the way an auditor would: every user by
 * paging /Users (RFC 7644 §3.4.2.4, count ≤ 200), every group, and each group's members with
 * `attributes=members` (Netskope returns members only when asked, docs/netskope.md §8.1).
 */
export interface ServedState {
  users: Record<string, unknown>[];
  /** group id → member ids */
  groups: Map<string, Set<string>>;
  /** group id → displayName */
  groupNames: Map<string, string>;
}

interface ListResponse {
  totalResults: number;
  Resources?: Record<string, unknown>[];
}

async function get<T>(base: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

async function listAll(base: string, token: string, resource: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  // Bounded: at most 1,000 pages of 200.
  for (let page = 0; page < 1000; page++) {
    const list = await get<ListResponse>(base, token, `/${resource}?startIndex=${out.length + 1}&count=200`);
    const got = list.Resources ?? [];
    out.push(...got);
    if (got.length === 0 || out.length >= list.totalResults) break;
  }
  return out;
}

export async function readBack(base: string, token: string): Promise<ServedState> {
  const users = await listAll(base, token, 'Users');
  const groupList = await listAll(base, token, 'Groups');
  const groups = new Map<string, Set<string>>();
  const groupNames = new Map<string, string>();
  for (const g of groupList) {
    const id = String(g['id']);
    groupNames.set(id, String(g['displayName']));
    const full = await get<{ members?: { value: string }[] }>(
      base,
      token,
      `/Groups/${id}?attributes=members`,
    );
    groups.set(id, new Set((full.members ?? []).map((m) => m.value)));
  }
  return { users, groups, groupNames };
}
